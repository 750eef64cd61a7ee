/**
 * The user export object of /users/export/ids (and of segment exports): one pure function from a
 * stored user to Braze's JSON. Braze "will include the least data possible - if a field is missing
 * from the object it should be assumed to be null, false, or empty", so a key is present only when
 * it is set. Key order follows the doc's sample output.
 * @see braze-docs _docs/_api/endpoints/export/user_data/post_users_identifier.md ("Fields to export")
 */
import type { UserAlias } from '../../shared/user-alias.js'
import { UnknownExportFields } from '../../shared/errors.js'
import type { UserRow } from '../../../db/schema/users.js'

/** Valid `fields_to_export` values, as braze-docs lists them. */
export const EXPORT_FIELDS = [
  'apps', 'attributed_campaign', 'attributed_source', 'attributed_adgroup', 'attributed_ad', 'braze_id',
  'campaigns_received', 'canvases_received', 'cards_clicked', 'country', 'created_at', 'custom_attributes',
  'custom_events', 'devices', 'dob', 'email', 'email_subscribe', 'external_id', 'first_name', 'gender',
  'home_city', 'language', 'last_coordinates', 'last_name', 'phone', 'purchases', 'push_subscribe',
  'push_tokens', 'random_bucket', 'time_zone', 'total_revenue', 'uninstalled_at', 'user_aliases'
] as const

export type ExportField = typeof EXPORT_FIELDS[number]

export function isExportField (name: string): name is ExportField {
  return (EXPORT_FIELDS as readonly string[]).includes(name)
}

/** One rule for both exports (ids and segment): every `fields_to_export` name must be one Braze exports. */
export function checkExportFields (fields: readonly string[]): void {
  const unknown = fields.filter((f) => !isExportField(f))
  if (unknown.length > 0) throw new UnknownExportFields(unknown.join(', '))
}

/** Custom events and purchases are listed for the last 90 days (first/count stay all-time). */
export const ACTIVITY_WINDOW_MS = 90 * 24 * 3600 * 1000

/** The stored user fields the export object is built from. */
export type ExportableUser = Pick<UserRow, 'brazeId' | 'externalId' | 'email' | 'phone' | 'profile' | 'customAttributes' |
  'emailSubscribe' | 'pushSubscribe' | 'randomBucket' | 'totalRevenue' | 'createdAt'>

export interface ExportIdentifiers {
  aliases: readonly UserAlias[]
  deviceIds: readonly string[]
}

/** One summary row: `name` is the event name or the purchase's product_id; times in epoch ms. */
export interface ActivitySummary {
  name: string
  first: number
  last: number
  count: number
}

export interface ExportActivity {
  events: readonly ActivitySummary[]
  purchases: readonly ActivitySummary[]
}

/** Profile fields in the sample output's order; `push_opted_in_at` rides with push_subscribe. */
const PROFILE_BEFORE_REVENUE = ['first_name', 'last_name'] as const
const PROFILE_AFTER_EMAIL = ['dob', 'home_city', 'country'] as const
const PROFILE_AFTER_PHONE = ['language', 'time_zone', 'last_coordinates', 'gender'] as const
const ATTRIBUTION = ['attributed_campaign', 'attributed_source', 'attributed_adgroup', 'attributed_ad'] as const

/**
 * "2020-07-10 15:00:00.000 UTC": the format of `created_at` in braze-docs' sample export output
 * (the field table says "ISO 8601"; the sample is what Braze shows on the wire, so we follow it).
 */
export function formatCreatedAt (ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC')
}

/** Event and purchase times are ISO-8601 with milliseconds, as in the sample ("2021-06-28T17:02:43.032Z"). */
function summaryView (s: ActivitySummary): { name: string, first: string, last: string, count: number } {
  return { name: s.name, first: new Date(s.first).toISOString(), last: new Date(s.last).toISOString(), count: s.count }
}

/** Keeps the summaries whose last occurrence is within 90 days of `now` (what Braze lists). */
export function recentActivity (activity: ExportActivity, now: number): ExportActivity {
  const since = now - ACTIVITY_WINDOW_MS
  return { events: activity.events.filter((s) => s.last >= since), purchases: activity.purchases.filter((s) => s.last >= since) }
}

/**
 * Builds the export object. `fields` (from `fields_to_export`) limits the keys; absent = all.
 * Fields the fake never records (apps, campaigns_received, …) are never present.
 */
export function toUserExportObject (
  user: ExportableUser,
  identifiers: ExportIdentifiers,
  activity: ExportActivity,
  fields?: ReadonlySet<string>
): Record<string, unknown> {
  const want = (f: ExportField): boolean => fields === undefined || fields.has(f)
  const out: Record<string, unknown> = {}
  const put = (f: ExportField, value: unknown): void => {
    if (want(f) && value !== undefined && value !== null) out[f] = value
  }
  const profile = (f: ExportField): void => put(f, user.profile[f])
  const subscriptionState = (channel: 'push' | 'email', stored: string | null): void => {
    const state = stored ?? 'subscribed'
    put(`${channel}_subscribe`, state)
    const at = user.profile[`${channel}_${state}_at`]
    if (want(`${channel}_subscribe`) && state !== 'subscribed' && at != null) out[`${channel}_${state}_at`] = at
  }

  put('created_at', formatCreatedAt(user.createdAt))
  put('external_id', user.externalId)
  if (identifiers.aliases.length > 0) put('user_aliases', identifiers.aliases.map((a) => ({ alias_name: a.alias_name, alias_label: a.alias_label })))
  put('braze_id', user.brazeId)
  put('random_bucket', user.randomBucket)
  for (const f of PROFILE_BEFORE_REVENUE) profile(f)
  put('email', user.email?.toLowerCase())
  for (const f of PROFILE_AFTER_EMAIL) profile(f)
  put('phone', user.phone)
  for (const f of PROFILE_AFTER_PHONE) profile(f)
  // [inferred] a user who never purchased has no total_revenue ("missing = null/empty")
  if (user.totalRevenue !== 0) put('total_revenue', user.totalRevenue)
  for (const f of ATTRIBUTION) profile(f)
  // Every profile has both states (`subscribed` at creation, item 152); the time of the current
  // state rides along when it is opted_in or unsubscribed (the doc's field list:
  // "opted_in" "push_opted_in_at" | "subscribed" | "unsubscribed" "push_unsubscribed_at").
  subscriptionState('push', user.pushSubscribe)
  subscriptionState('email', user.emailSubscribe)
  if (Object.keys(user.customAttributes).length > 0) put('custom_attributes', user.customAttributes)
  if (activity.events.length > 0) put('custom_events', activity.events.map(summaryView))
  if (activity.purchases.length > 0) put('purchases', activity.purchases.map(summaryView))
  // [inferred] the fake knows only device ids, so a device entry carries just `device_id`
  if (identifiers.deviceIds.length > 0) put('devices', identifiers.deviceIds.map((d) => ({ device_id: d })))
  // [D] post_users_identifier.md lists push_tokens `{app, platform, token, device_id, notifications_enabled}`;
  // the fake keeps what /users/track sent (`app` is the app_id; `platform` is unknown, so absent: [inferred])
  const tokens = user.profile.push_tokens
  if (Array.isArray(tokens) && tokens.length > 0) put('push_tokens', tokens)
  profile('uninstalled_at')
  return out
}
