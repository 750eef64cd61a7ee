/**
 * The seed / snapshot format: `fake-braze serve --seed file.json`, `POST /_fake/seed`, and what
 * `GET /_fake/workspaces/{id}/snapshot` returns. openapi/seed.schema.json is generated from
 * SeedFileSchema (`npm run openapi`). Optional sections keep it extensible: segments would be a
 * `segments` array on a workspace, event and purchase summaries `events` / `purchases` arrays on a user.
 */
import { z } from 'zod'
import { CLUSTER_IDS } from '../../domain/clusters.js'
import { PARTNER_NAMES } from '../../domain/partners.js'
import { REST_PERMISSIONS } from '../../domain/rest-permissions.js'
import { UserAliasSchema } from '../common.js'

const iso = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time' })
const partner = z.enum(PARTNER_NAMES as [string, ...string[]])
const subscription = z.enum(['opted_in', 'subscribed', 'unsubscribed'])

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

export const SeedProfileUserSchema = z.object({
  braze_id: z.string().regex(/^[0-9a-f]{24}$/, 'must be 24 lowercase hex digits').optional(),
  external_id: z.string().min(1).optional().meta({ description: 'Absent = anonymous user' }),
  email: z.string().min(3).optional(),
  phone: z.string().min(3).optional(),
  device_ids: z.array(z.string().min(1)).optional(),
  aliases: z.array(UserAliasSchema).optional(),
  profile: z.record(z.string(), z.unknown()).optional().meta({ description: 'Standard fields keyed as /users/export/ids names them (first_name, dob, country, …)' }),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
  email_subscribe: subscription.optional(),
  push_subscribe: subscription.optional(),
  random_bucket: z.number().int().min(0).max(9999).optional(),
  total_revenue: z.number().optional(),
  created_at: iso.optional(),
  updated_at: iso.optional()
}).strict().meta({ id: 'SeedProfileUser' })

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
  members: z.array(SeedCohortMemberSchema).optional()
}).strict().meta({ id: 'SeedCohort' })

export const SeedWorkspaceSchema = z.object({
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, ".", "_" and "-" only'),
  name: z.string().min(1).max(255).optional(),
  cluster: z.enum(CLUSTER_IDS as [string, ...string[]]).optional(),
  created_at: iso.optional(),
  data_import_keys: z.array(SeedDataImportKeySchema).optional(),
  rest_api_keys: z.array(SeedRestApiKeySchema).optional(),
  users: z.array(SeedProfileUserSchema).optional(),
  cohorts: z.array(SeedCohortSchema).optional()
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
      users: [{ external_id: 'user-1', email: 'one@example.com', profile: { first_name: 'Ada' }, custom_attributes: { plan: 'pro' } }],
      cohorts: [{ partner: 'hightouch', cohort_id: 'vip', name: 'VIP', members: ['user-1'] }]
    }]
  }]
})

export const SeedResultSchema = z.object({
  workspaces: z.array(z.object({ id: z.string(), users: z.number().int(), cohorts: z.number().int() }))
})
