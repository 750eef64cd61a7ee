/**
 * Wire shapes of POST /users/export/ids (braze-docs _docs/_api/endpoints/export/user_data/post_users_identifier.md).
 * Type errors carry our own [inferred] texts; Braze documents none for this endpoint.
 */
import { z } from 'zod'
import { BODY_NOT_OBJECT } from '../../domain/shared/errors.js'
import { EXPORT_FIELDS } from '../../domain/users/export/user-export-object.js'

const str = (field: string) => z.string({ error: `'${field}' must be a string` })
const alias = z.object({
  alias_name: z.string({ error: "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label'" }),
  alias_label: z.string({ error: "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label'" })
}, { error: "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label'" })

export const ExportIdsRequestSchema = z.object({
  external_ids: z.array(z.string({ error: "'external_ids' must be an array of strings" }), { error: "'external_ids' must be an array of strings" }).optional(),
  user_aliases: z.array(alias, { error: "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label'" }).optional(),
  device_id: str('device_id').optional(),
  braze_id: str('braze_id').optional(),
  email_address: str('email_address').optional(),
  phone: str('phone').optional().meta({ description: 'E.164' }),
  fields_to_export: z.array(z.string({ error: "'fields_to_export' must be an array of strings" }), { error: "'fields_to_export' must be an array of strings" })
    .optional().meta({ description: `Required for workspaces onboarded on or after 2024-08-22 (the default); before that, absent means every field. Valid names: ${EXPORT_FIELDS.join(', ')}` })
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersExportIdsRequest',
  description: 'At most 50 external_ids and user_aliases together; at most one of device_id, email_address, phone.',
  examples: [{
    external_ids: ['user-1', 'user-2'],
    user_aliases: [{ alias_name: 'example_alias', alias_label: 'example_label' }],
    fields_to_export: ['external_id', 'email', 'first_name', 'custom_attributes', 'custom_events', 'purchases']
  }]
})

const Summary = z.object({ name: z.string(), first: z.string(), last: z.string(), count: z.int() })

/** Profile fields are stored as the writer sent them (verbatim when seeded), so they are not re-typed here. */
const profileField = (description: string) => z.unknown().optional().meta({ description })

/**
 * The user export object; every key is optional ("if a field is missing … assume null or empty").
 * Keys are declared in the doc sample's order, which is the order they go out in.
 */
export const UserExportObjectSchema = z.object({
  created_at: z.string().optional().meta({ example: '2026-11-28 12:00:00.000 UTC' }),
  external_id: z.string().optional(),
  user_aliases: z.array(z.object({ alias_name: z.string(), alias_label: z.string() })).optional(),
  braze_id: z.string().optional(),
  random_bucket: z.int().optional(),
  first_name: profileField('string'),
  last_name: profileField('string'),
  email: z.string().optional(),
  dob: profileField('YYYY-MM-DD'),
  home_city: profileField('string'),
  country: profileField('ISO-3166-1 alpha-2'),
  phone: z.string().optional(),
  language: profileField('ISO-639-1'),
  time_zone: profileField('IANA time zone'),
  last_coordinates: profileField('[longitude, latitude]'),
  gender: profileField('M, F, O, N or P'),
  total_revenue: z.number().optional(),
  attributed_campaign: profileField('string'),
  attributed_source: profileField('string'),
  attributed_adgroup: profileField('string'),
  attributed_ad: profileField('string'),
  push_subscribe: z.string().optional(),
  push_opted_in_at: profileField('timestamp'),
  email_subscribe: z.string().optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
  custom_events: z.array(Summary).optional(),
  purchases: z.array(Summary).optional(),
  devices: z.array(z.object({ device_id: z.string() })).optional(),
  push_tokens: profileField('[{app, platform?, token, device_id, notifications_enabled}]'),
  uninstalled_at: profileField('timestamp'),
  campaigns_received: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: 'Campaigns delivered to the user (the outbox); engagement is always false' }),
  canvases_received: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: 'Canvases the user received a message of' })
}).meta({ id: 'UserExportObject' })

export const ExportIdsResponseSchema = z.object({
  message: z.literal('success'),
  users: z.array(UserExportObjectSchema),
  invalid_user_ids: z.array(z.string()).optional()
}).meta({ id: 'UsersExportIdsResponse' })
