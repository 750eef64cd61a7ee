/**
 * The seed / snapshot format: `fake-braze serve --seed file.json`, `POST /_fake/seed`, and what
 * `GET /_fake/workspaces/{id}/snapshot` returns. openapi/seed.schema.json is generated from
 * SeedFileSchema (`npm run openapi`). Optional sections keep it extensible; a snapshot writes every
 * section, so loading it into a fresh server reproduces the workspace exactly.
 */
import { z } from 'zod'
import { isoTime } from '../../shared/time.js'
import { CLUSTER_IDS } from '../../../domain/shared/clusters.js'
import { PARTNER_NAMES } from '../../../domain/shared/partners.js'
import { REST_PERMISSIONS } from '../../../domain/shared/rest-permissions.js'
import { CreateSegmentSchema } from '../../segments/control/segments.js'
import { CampaignInputSchema, CanvasInputSchema, FrequencyCappingSchema } from '../../messaging/control/messaging.js'
import { FixedBrazeIdSchema, USER_DATA_FIELDS } from '../../users/control/users.js'
import { FIELD_TYPES } from '../../../domain/catalogs/catalog-rules.js'

const iso = isoTime()
const partner = z.enum(PARTNER_NAMES as [string, ...string[]])

export const SeedDataImportKeySchema = z.object({
  partner,
  key: z.string().min(8).max(256),
  status: z.enum(['active', 'invalidated']).optional(),
  created_at: iso.optional(),
  invalidated_at: iso.optional()
}).strict().meta({ id: 'SeedDataImportKey' })

export const SeedRestApiKeySchema = z.object({
  key: z.string().min(8).max(256),
  name: z.string().min(1).max(255).optional(),
  permissions: z.array(z.enum(REST_PERMISSIONS)).optional().meta({ description: 'Defaults to every permission' }),
  created_at: iso.optional(),
  revoked_at: iso.optional()
}).strict().meta({ id: 'SeedRestApiKey' })

const times = {
  first: iso.optional().meta({ description: 'Absent = now' }),
  last: iso.optional().meta({ description: 'Absent = first' }),
  count: z.number().int().min(1).optional().meta({ description: 'Absent = 1' })
}

export const SeedEventSummarySchema = z.object({
  name: z.string().min(1).max(255),
  ...times
}).strict().meta({ id: 'SeedEventSummary', description: 'A custom event summary, as /users/export/ids `custom_events` shows it' })

export const SeedPurchaseSummarySchema = z.object({
  product_id: z.string().min(1).max(255),
  ...times,
  revenue: z.number().optional().meta({ description: 'Sum of price × quantity; absent = 0' })
}).strict().meta({ id: 'SeedPurchaseSummary', description: 'A purchase summary, as /users/export/ids `purchases` shows it' })

export const SeedProfileUserSchema = z.object({
  braze_id: FixedBrazeIdSchema.optional(),
  ...USER_DATA_FIELDS,
  deprecated_external_ids: z.array(z.string().min(1)).optional()
    .meta({ description: 'Former external ids kept by /users/external_ids/rename; they name this user until removed' }),
  random_bucket: z.number().int().min(0).max(9999).optional(),
  total_revenue: z.number().optional().meta({ description: 'Absent = the sum of the purchases\' revenue' }),
  created_at: iso.optional(),
  updated_at: iso.optional(),
  events: z.array(SeedEventSummarySchema).optional(),
  purchases: z.array(SeedPurchaseSummarySchema).optional(),
  subscription_groups: z.record(z.string(), z.enum(['subscribed', 'unsubscribed'])).optional()
    .meta({ description: 'Subscription group id (of this workspace\'s subscription_groups) → the user\'s state in it' })
}).strict().meta({ id: 'SeedProfileUser' })

export const SeedSubscriptionGroupSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a UUID'),
  name: z.string().min(1).max(255),
  channel: z.enum(['email', 'sms', 'whatsapp']),
  created_at: iso.optional(),
  archived_at: iso.optional().meta({ description: 'Set = archived: states kept, changes ignored' })
}).strict().meta({ id: 'SeedSubscriptionGroup' })

export const SeedEmailAddressSchema = z.object({
  email: z.string().min(3),
  state: z.enum(['opted_in', 'subscribed', 'unsubscribed']).optional().meta({ description: 'The global state set by address (/email/status); profiles that get the address inherit it' }),
  state_at: iso.optional(),
  unsubscribed_at: iso.optional().meta({ description: 'Listed by GET /email/unsubscribes' }),
  hard_bounced_at: iso.optional().meta({ description: 'Listed by GET /email/hard_bounces; never mailed' }),
  spam_at: iso.optional(),
  blocklisted_at: iso.optional()
}).strict().meta({ id: 'SeedEmailAddress' })

export const SeedInvalidPhoneSchema = z.object({
  phone: z.string().min(3),
  invalid_at: iso.optional(),
  reason: z.enum(['provider_error', 'deactivated']).optional()
}).strict().meta({ id: 'SeedInvalidPhoneNumber' })

export const SeedCohortMemberSchema = z.union([
  z.string().min(1).meta({ description: 'external_id of a user of this workspace' }),
  z.object({ braze_id: z.string().min(1), added_at: iso.optional() }).strict()
])

export const SeedCohortSchema = z.object({
  partner,
  cohort_id: z.string().min(1),
  name: z.string().min(1).optional().meta({ description: 'Absent = never named (the cohort shows its id)' }),
  partner_created_at: z.string().nullable().optional(),
  created_at: iso.optional(),
  updated_at: iso.optional(),
  members: z.array(SeedCohortMemberSchema).optional(),
  locked: z.boolean().optional().meta({ description: 'An injected 423 "Resource locked" is in force (POST …/lock)' }),
  locked_writes_remaining: z.number().int().min(1).optional().meta({ description: 'With locked: only the next N partner writes get 423; absent = until unlocked' })
}).strict().meta({ id: 'SeedCohort' })

const { id, name, tags, description, analytics_tracking_enabled, filter } = CreateSegmentSchema.shape

export const SeedSegmentSchema = z.object({
  id,
  name,
  tags,
  description,
  analytics_tracking_enabled,
  filter: filter.meta({ description: 'Checked like POST /_fake/workspaces/{id}/segments; cohorts are this workspace\'s seeded cohorts' }),
  archived: z.boolean().optional(),
  archived_at: iso.optional().meta({ description: 'With archived: when it was archived; absent = updated_at' }),
  created_at: iso.optional(),
  updated_at: iso.optional(),
  sizes: z.array(z.object({
    day: z.iso.date({ error: 'must be a YYYY-MM-DD date' }),
    size: z.number().int().min(0)
  }).strict()).optional().meta({ description: 'Daily size history (UTC days) /segments/data_series reads' })
}).strict().meta({ id: 'SeedSegment' })

const seedTimes = {
  archived: z.boolean().optional(),
  created_at: iso.optional(),
  updated_at: iso.optional()
}
export const SeedCampaignSchema = CampaignInputSchema.extend(seedTimes).strict()
  .meta({ id: 'SeedCampaign', description: 'As POST /_fake/workspaces/{id}/campaigns; segment_id names a segment of this workspace' })
export const SeedCanvasSchema = CanvasInputSchema.extend(seedTimes).strict()
  .meta({ id: 'SeedCanvas', description: 'As POST /_fake/workspaces/{id}/canvases' })

export const SeedCatalogSchema = z.object({
  name: z.string().min(1).meta({ description: 'Unique in the workspace; letters, digits, `-`, `_`' }),
  description: z.string().optional(),
  fields: z.array(z.object({ name: z.string(), type: z.enum(FIELD_TYPES) }).strict()).meta({ description: 'The first field is `{"name":"id","type":"string"}`' }),
  items: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: 'Each with a string `id`; checked and coerced as PUT /catalogs/{n}/items does; visible at once' }),
  updated_at: iso.optional()
}).strict().meta({ id: 'SeedCatalog' })

export const SeedWorkspaceSchema = z.object({
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, ".", "_" and "-" only'),
  name: z.string().min(1).max(255).optional(),
  cluster: z.enum(CLUSTER_IDS as [string, ...string[]]).optional(),
  created_at: iso.optional(),
  onboarded_at: iso.optional().meta({ description: 'The company\'s onboarding date; absent = created_at' }),
  pricing_model: z.enum(['data_points', 'mau']).optional(),
  legacy_api_key: z.boolean().nullable().optional(),
  data_import_keys: z.array(SeedDataImportKeySchema).optional(),
  rest_api_keys: z.array(SeedRestApiKeySchema).optional(),
  subscription_groups: z.array(SeedSubscriptionGroupSchema).optional(),
  email_addresses: z.array(SeedEmailAddressSchema).optional().meta({ description: 'Braze\'s email lists by address' }),
  invalid_phone_numbers: z.array(SeedInvalidPhoneSchema).optional(),
  users: z.array(SeedProfileUserSchema).optional(),
  cohorts: z.array(SeedCohortSchema).optional(),
  segments: z.array(SeedSegmentSchema).optional(),
  campaigns: z.array(SeedCampaignSchema).optional(),
  canvases: z.array(SeedCanvasSchema).optional(),
  catalogs: z.array(SeedCatalogSchema).optional(),
  catalog_storage_limit_bytes: z.number().int().min(0).optional().meta({ description: 'The catalog storage quota; absent = 100 MB (PUT /_fake/workspaces/{id}/catalog-settings)' }),
  frequency_capping: FrequencyCappingSchema.optional().meta({ description: 'As PUT /_fake/workspaces/{id}/frequency-capping' }),
  data_points: z.record(z.string().min(1), z.record(z.string().min(1), z.number().int().min(0))).optional().meta({
    description: 'Billable data point totals: source → kind → count, as GET /_fake/workspaces/{id}/data-points `by_source_and_kind`'
  })
}).strict().meta({ id: 'SeedWorkspace' })

export const SeedFileSchema = z.object({
  $schema: z.string().optional(),
  version: z.literal(1).optional(),
  workspaces: z.array(SeedWorkspaceSchema)
}).strict().meta({
  id: 'SeedFile',
  examples: [{
    version: 1,
    workspaces: [{
      id: 'ci-workspace',
      cluster: 'iad-01',
      data_import_keys: [{ partner: 'hightouch', key: 'ci-hightouch-data-import-key' }],
      rest_api_keys: [{ key: 'ci-rest-api-key' }],
      users: [{
        external_id: 'user-1', email: 'one@example.com', profile: { first_name: 'Ada' }, custom_attributes: { plan: 'pro' },
        events: [{ name: 'signed_up', first: '2024-05-01T10:00:00.000Z', count: 1 }],
        purchases: [{ product_id: 'gold-plan', first: '2024-05-02T10:00:00.000Z', count: 1, revenue: 49 }]
      }],
      cohorts: [{ partner: 'hightouch', cohort_id: 'vip', name: 'VIP', members: ['user-1'] }],
      segments: [{ id: 'vip-segment', name: 'VIP', filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' } }]
    }]
  }]
})

export const SeedResultSchema = z.object({
  workspaces: z.array(z.object({ id: z.string(), users: z.number().int(), cohorts: z.number().int() }))
})
