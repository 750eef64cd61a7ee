/**
 * The connected audience object (braze-reference-messaging §2.13): validation and evaluation on
 * one user, at send time. Pure. A type mismatch never matches [inferred]; nested custom attribute
 * names (with a dot) never match, since Braze "cannot filter" on them [inferred behaviour].
 */
import { BadRequest } from '../shared/errors.js'

export interface AudienceUser {
  customAttributes: Record<string, unknown>
  emailSubscribe: string | null
  pushSubscribe: string | null
  lastUsedApp: number | null
}

const CA_COMPARISONS = new Set(['equals', 'not_equal', 'does_not_equal', 'matches_regex', 'does_not_match_regex', 'exists', 'does_not_exist',
  'includes_value', 'does_not_include_value', 'greater_than', 'greater_than_or_equal_to', 'less_than', 'less_than_or_equal_to',
  'less_than_x_days_ago', 'greater_than_x_days_ago', 'less_than_x_days_in_the_future', 'greater_than_x_days_in_the_future', 'after', 'before'])

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** [inferred] text: Braze documents no message for a malformed audience. */
function bad (path: string, what: string): never {
  throw new BadRequest(`Invalid audience at ${path}: ${what}`)
}

export function validateAudience (a: unknown, path = 'audience'): void {
  if (!isObj(a)) bad(path, 'expected an object')
  const keys = Object.keys(a)
  if (keys.length !== 1) bad(path, 'expected exactly one of AND, OR, custom_attribute, push_subscription_status, email_subscription_status, last_used_app')
  const key = keys[0]!
  const v = a[key]
  if (key === 'AND' || key === 'OR') {
    if (!Array.isArray(v) || v.length === 0) bad(`${path}.${key}`, 'expected a non-empty array')
    v.forEach((c, i) => validateAudience(c, `${path}.${key}[${i}]`))
    return
  }
  if (!isObj(v)) bad(`${path}.${key}`, 'expected an object')
  switch (key) {
    case 'custom_attribute':
      if (typeof v.custom_attribute_name !== 'string' || v.custom_attribute_name === '') bad(`${path}.custom_attribute.custom_attribute_name`, 'expected a string')
      if (typeof v.comparison !== 'string' || !CA_COMPARISONS.has(v.comparison)) bad(`${path}.custom_attribute.comparison`, `unknown comparison ${String(v.comparison)}`)
      if (v.comparison !== 'exists' && v.comparison !== 'does_not_exist' && v.value === undefined) bad(`${path}.custom_attribute.value`, 'required')
      return
    case 'push_subscription_status':
    case 'email_subscription_status':
      if (v.comparison !== 'is' && v.comparison !== 'is_not') bad(`${path}.${key}.comparison`, 'expected is or is_not')
      if (v.value !== 'opted_in' && v.value !== 'subscribed' && v.value !== 'unsubscribed') bad(`${path}.${key}.value`, 'expected opted_in, subscribed or unsubscribed')
      return
    case 'last_used_app':
      if (v.comparison !== 'after' && v.comparison !== 'before') bad(`${path}.last_used_app.comparison`, 'expected after or before')
      if (typeof v.value !== 'string' || Number.isNaN(Date.parse(v.value))) bad(`${path}.last_used_app.value`, 'expected an ISO 8601 time')
      return
    default:
      bad(path, `unknown filter ${key}`)
  }
}

const DAY = 86_400_000

export function matchesAudience (a: unknown, u: AudienceUser, now: number): boolean {
  const obj = a as Record<string, unknown>
  const key = Object.keys(obj)[0]!
  const v = obj[key] as Record<string, unknown> & unknown[]
  switch (key) {
    case 'AND': return (v as unknown[]).every((c) => matchesAudience(c, u, now))
    case 'OR': return (v as unknown[]).some((c) => matchesAudience(c, u, now))
    case 'push_subscription_status':
    case 'email_subscription_status': {
      const state = (key === 'push_subscription_status' ? u.pushSubscribe : u.emailSubscribe) ?? 'subscribed'
      return v.comparison === 'is' ? state === v.value : state !== v.value
    }
    case 'last_used_app': {
      if (u.lastUsedApp === null) return false // no session data never matches [inferred]
      const t = Date.parse(v.value as unknown as string)
      return v.comparison === 'after' ? u.lastUsedApp > t : u.lastUsedApp < t
    }
    case 'custom_attribute': return customAttribute(v, u, now)
  }
  return false
}

function customAttribute (f: Record<string, unknown>, u: AudienceUser, now: number): boolean {
  const name = f.custom_attribute_name as string
  if (name.includes('.')) return false
  const has = Object.prototype.hasOwnProperty.call(u.customAttributes, name) && u.customAttributes[name] !== null
  const a = has ? u.customAttributes[name] : undefined
  const want = f.value
  switch (f.comparison) {
    case 'exists': return has
    case 'does_not_exist': return !has
    case 'equals': return has && a === want
    case 'not_equal':
    case 'does_not_equal': return !(has && a === want)
    case 'matches_regex': return typeof a === 'string' && typeof want === 'string' && safeRegex(want)?.test(a) === true
    case 'does_not_match_regex': return typeof a === 'string' && typeof want === 'string' && safeRegex(want)?.test(a) === false
    case 'includes_value': return Array.isArray(a) && a.includes(want)
    case 'does_not_include_value': return !(Array.isArray(a) && a.includes(want))
    case 'greater_than': return typeof a === 'number' && typeof want === 'number' && a > want
    case 'greater_than_or_equal_to': return typeof a === 'number' && typeof want === 'number' && a >= want
    case 'less_than': return typeof a === 'number' && typeof want === 'number' && a < want
    case 'less_than_or_equal_to': return typeof a === 'number' && typeof want === 'number' && a <= want
  }
  const t = typeof a === 'string' ? Date.parse(a) : NaN
  if (Number.isNaN(t)) return false
  const days = Number(want)
  switch (f.comparison) {
    case 'after': return typeof want === 'string' && t > Date.parse(want)
    case 'before': return typeof want === 'string' && t < Date.parse(want)
    case 'less_than_x_days_ago': return t <= now && now - t < days * DAY
    case 'greater_than_x_days_ago': return now - t > days * DAY
    case 'less_than_x_days_in_the_future': return t >= now && t - now < days * DAY
    case 'greater_than_x_days_in_the_future': return t - now > days * DAY
  }
  return false
}

function safeRegex (s: string): RegExp | undefined {
  try { return new RegExp(s) } catch { return undefined }
}
