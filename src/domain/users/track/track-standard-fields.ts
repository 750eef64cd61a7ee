/**
 * Braze's reserved profile fields in an attributes object (user_attributes_object.md "Braze
 * user profile fields") and how each is normalised. Fields are stored keyed as
 * /users/export/ids names them (current_location → last_coordinates). Pure.
 */
import { countryCode, ianaTimeZone } from './iso-codes.js'
import { normaliseEmail, isPlainObject } from './track-identifiers.js'
import { readPhone } from '../../shared/phone.js'
import { parseBrazeDate } from './track-dates.js'
import { newBrazeId } from '../../shared/ids.js'
import { MAX_NESTING_DEPTH, deeperThan } from './track-custom-attributes.js'
import { TRACK_ERROR_TYPES } from '../../shared/errors.js'

/** Keys that identify or steer the request and are never stored as attributes. */
export const CONTROL_KEYS = new Set(['external_id', 'user_alias', 'braze_id', '_update_existing_only', 'push_token_import', '_merge_objects',
  'alias_name', 'alias_label', 'bio'])

export const SUBSCRIPTION_STATES = new Set(['opted_in', 'subscribed', 'unsubscribed'])

/** One change a standard field makes; `points` is its billable data point count (data_points.md). */
export type StandardChange =
  | { target: 'profile', key: string, value: unknown, points: number } // value null = remove
  | { target: 'email' | 'phone', value: string | null, points: number }
  | { target: 'email_subscribe' | 'push_subscribe', value: string | null, points: 0 }
  | { target: 'subscription_groups', value: Array<{ subscription_group_id: string, subscription_state: string }>, points: 0 }
  | { target: 'push_tokens', value: Array<Record<string, unknown>>, points: 0 }
  | { target: 'none' } // recognised, but Braze would not set it (invalid time_zone, …)

const GENDERS: Record<string, string> = {
  m: 'M', male: 'M', man: 'M', f: 'F', female: 'F', woman: 'F', o: 'O', other: 'O',
  n: 'N', 'not applicable': 'N', not_applicable: 'N', p: 'P', 'prefer not to say': 'P', prefer_not_to_say: 'P'
}

const STRING_FIELDS = new Set(['first_name', 'last_name', 'home_city', 'language', 'image_url'])
const DATE_FIELDS = new Set(['date_of_first_session', 'date_of_last_session', 'marked_email_as_spam_at'])
const BOOLEAN_FIELDS = new Set(['email_open_tracking_disabled', 'email_click_tracking_disabled'])
const OBJECT_FIELDS = new Set(['facebook', 'twitter'])
const OTHER_FIELDS = new Set(['email', 'phone', 'gender', 'country', 'time_zone', 'dob', 'current_location',
  'email_subscribe', 'push_subscribe', 'subscription_groups', 'push_tokens'])

export function isStandardField (key: string): boolean {
  return STRING_FIELDS.has(key) || DATE_FIELDS.has(key) || BOOLEAN_FIELDS.has(key) || OBJECT_FIELDS.has(key) || OTHER_FIELDS.has(key)
}

const DOB = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The change a standard field makes, or `{ error }` (the object's error type text) for a value
 * Braze rejects: an invalid email, a bad subscription state or subscription_groups item [D Z:TRK].
 * Values Braze documents as "not set" when invalid leave the profile unchanged [documented for
 * time_zone; inferred for dob, current_location, subscription states].
 */
export function standardChange (key: string, value: unknown): StandardChange | { error: string } {
  const unset = value === null
  if (STRING_FIELDS.has(key)) {
    if (unset) return { target: 'profile', key, value: null, points: 1 }
    if (typeof value === 'string' || typeof value === 'number') return { target: 'profile', key, value: String(value), points: 1 }
    return { target: 'none' }
  }
  if (DATE_FIELDS.has(key)) {
    if (unset) return { target: 'profile', key, value: null, points: 1 }
    const ms = typeof value === 'string' ? parseBrazeDate(value) : undefined
    return ms === undefined ? { target: 'none' } : { target: 'profile', key, value: new Date(ms).toISOString(), points: 1 }
  }
  if (BOOLEAN_FIELDS.has(key)) {
    return unset || typeof value === 'boolean' ? { target: 'profile', key, value, points: 1 } : { target: 'none' }
  }
  if (OBJECT_FIELDS.has(key)) {
    return unset || (isPlainObject(value) && !deeperThan(value, MAX_NESTING_DEPTH)) ? { target: 'profile', key, value, points: 1 } : { target: 'none' }
  }
  switch (key) {
    case 'email': {
      if (unset) return { target: 'email', value: null, points: 1 }
      const email = normaliseEmail(value)
      return email === undefined ? { error: TRACK_ERROR_TYPES.invalidEmail } : { target: 'email', value: email, points: 1 }
    }
    case 'phone': {
      if (unset) return { target: 'phone', value: null, points: 1 }
      // Stored in E.164 when the phone-number guide reads it (../../shared/phone.ts); a number it
      // cannot read is kept as given (trimmed): Braze keeps it on the profile as an invalid number. [inferred]
      if (typeof value !== 'string' && typeof value !== 'number') return { target: 'none' }
      return { target: 'phone', value: readPhone(value) ?? String(value).trim(), points: 1 }
    }
    case 'gender': {
      if (unset) return { target: 'profile', key, value: null, points: 1 }
      const g = typeof value === 'string' ? GENDERS[value.trim().toLowerCase()] : undefined
      // Anything else is "nil (unknown)". [inferred]
      return { target: 'profile', key, value: g ?? null, points: 1 }
    }
    case 'country':
      // "if the input doesn't match ..., the country value is set to NULL" [documented]
      return { target: 'profile', key, value: typeof value === 'string' ? countryCode(value) : null, points: 1 }
    case 'time_zone': {
      if (unset) return { target: 'profile', key, value: null, points: 1 }
      const tz = typeof value === 'string' ? ianaTimeZone(value) : undefined
      return tz === undefined ? { target: 'none' } : { target: 'profile', key, value: tz, points: 1 }
    }
    case 'dob': {
      if (unset) return { target: 'profile', key, value: null, points: 1 }
      const m = typeof value === 'string' ? DOB.exec(value.trim()) : null
      const ok = m !== null && parseBrazeDate(value as string) !== undefined
      return ok ? { target: 'profile', key, value: (value as string).trim(), points: 1 } : { target: 'none' }
    }
    case 'current_location': {
      if (unset) return { target: 'profile', key: 'last_coordinates', value: null, points: 1 }
      if (!isPlainObject(value)) return { target: 'none' }
      const { longitude, latitude } = value
      const ok = typeof longitude === 'number' && typeof latitude === 'number' && Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90
      return ok ? { target: 'profile', key: 'last_coordinates', value: [longitude, latitude], points: 1 } : { target: 'none' }
    }
    case 'email_subscribe':
    case 'push_subscribe':
      if (unset || (typeof value === 'string' && SUBSCRIPTION_STATES.has(value))) return { target: key, value: value as string | null, points: 0 }
      // BAD_EMAIL_SUBSCRIPTION_STATE / BAD_PUSH_SUBSCRIPTION_STATE (item 151)
      return { error: key === 'email_subscribe' ? TRACK_ERROR_TYPES.badEmailSubscriptionState : TRACK_ERROR_TYPES.badPushSubscriptionState }
    case 'subscription_groups': {
      const groups = subscriptionGroups(value)
      return 'error' in groups ? groups : { target: 'subscription_groups', value: groups, points: 0 }
    }
    case 'push_tokens':
      return { target: 'push_tokens', value: pushTokens(value), points: 0 }
  }
  return { target: 'none' }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `[{subscription_group_id, subscription_state}]`, checked as post_user_track.md lists (BAD_SUBSCRIPTION_GROUP_*, item 150). */
function subscriptionGroups (value: unknown): Array<{ subscription_group_id: string, subscription_state: string }> | { error: string } {
  if (!Array.isArray(value)) return { error: TRACK_ERROR_TYPES.badSubscriptionGroupArray }
  const out: Array<{ subscription_group_id: string, subscription_state: string }> = []
  for (const g of value) {
    if (!isPlainObject(g) || !('subscription_group_id' in g) || !('subscription_state' in g)) return { error: TRACK_ERROR_TYPES.badSubscriptionGroupHash }
    if (typeof g.subscription_group_id !== 'string' || !UUID.test(g.subscription_group_id)) return { error: TRACK_ERROR_TYPES.badSubscriptionGroupId }
    if (g.subscription_state !== 'subscribed' && g.subscription_state !== 'unsubscribed') return { error: TRACK_ERROR_TYPES.badSubscriptionGroupState }
    out.push({ subscription_group_id: g.subscription_group_id, subscription_state: g.subscription_state })
  }
  return out
}

/** Export's push_tokens shape `{app, platform, token, device_id, notifications_enabled}`. [inferred mapping] */
function pushTokens (value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return []
  return value.filter((t): t is Record<string, unknown> => isPlainObject(t) && typeof t.token === 'string' && typeof t.app_id === 'string')
    .map((t) => ({
      app: t.app_id,
      token: t.token,
      device_id: typeof t.device_id === 'string' ? t.device_id : newBrazeId(), // "If a device_id is not provided, one is randomly generated"
      notifications_enabled: true
    }))
}
