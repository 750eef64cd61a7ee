/**
 * The user object of a /users/export/segment file (braze-docs post_users_segment.md, "Fields to
 * export"), filtered by `fields_to_export`. "We will include the least data possible - if a field is
 * missing from the object it should be assumed to be null or empty": unset fields are left out.
 * Kept behind toExportUser alone: after merge it is replaced by the shared export-object builder.
 */
import type { UserRow } from '../db/schema/users.js'

/** post_users_segment.md's list of valid `fields_to_export`. */
export const EXPORT_FIELDS = [
  'apps', 'attributed_campaign', 'attributed_source', 'attributed_adgroup', 'attributed_ad', 'push_subscribe',
  'email_subscribe', 'braze_id', 'country', 'created_at', 'custom_attributes', 'custom_events', 'devices', 'dob',
  'email', 'external_id', 'first_name', 'gender', 'home_city', 'language', 'last_coordinates', 'last_name', 'phone',
  'purchases', 'push_tokens', 'random_bucket', 'time_zone', 'total_revenue', 'uninstalled_at', 'user_aliases'
] as const

export interface ExportIdentifiers { aliases: Array<{ alias_name: string, alias_label: string }>, deviceIds: string[] }
export interface ExportFields {
  fields: ReadonlySet<string>
  /** custom attributes named by custom_attributes_to_export; ignored when `custom_attributes` is in fields */
  customAttributes?: readonly string[] | undefined
}

/** Braze's export spelling of a time: "2020-07-10 15:00:00.000 UTC" (post_users_segment.md sample). */
export function exportTime (ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC')
}

export function toExportUser (row: UserRow, identifiers: ExportIdentifiers | undefined, want: ExportFields): Record<string, unknown> {
  const f = want.fields
  const out: Record<string, unknown> = {}
  if (f.has('created_at')) out.created_at = exportTime(row.createdAt)
  if (f.has('external_id') && row.externalId !== null) out.external_id = row.externalId
  if (f.has('user_aliases') && identifiers !== undefined && identifiers.aliases.length > 0) out.user_aliases = identifiers.aliases
  if (f.has('braze_id')) out.braze_id = row.brazeId
  if (f.has('email') && row.email !== null) out.email = row.email
  if (f.has('phone') && row.phone !== null) out.phone = row.phone
  if (f.has('email_subscribe') && row.emailSubscribe !== null) out.email_subscribe = row.emailSubscribe
  if (f.has('push_subscribe') && row.pushSubscribe !== null) out.push_subscribe = row.pushSubscribe
  if (f.has('random_bucket')) out.random_bucket = row.randomBucket
  if (f.has('total_revenue') && row.totalRevenue !== 0) out.total_revenue = row.totalRevenue
  // Standard profile fields are stored keyed exactly as the export names them.
  for (const [key, value] of Object.entries(row.profile)) {
    if (f.has(key) && value !== null && value !== undefined) out[key] = value
  }
  const custom = f.has('custom_attributes')
    ? row.customAttributes
    : Object.fromEntries((want.customAttributes ?? []).filter((k) => k in row.customAttributes).map((k) => [k, row.customAttributes[k]]))
  if (Object.keys(custom).length > 0 && (f.has('custom_attributes') || (want.customAttributes ?? []).length > 0)) out.custom_attributes = custom
  return out
}
