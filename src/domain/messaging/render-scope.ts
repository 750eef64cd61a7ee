/**
 * The Liquid scope of one user (braze-reference-messaging §2.20): Braze's tag names mapped onto
 * profile fields [inferred mapping, from the tag names vs the export names]. Pure.
 */
import type { RenderUserRow } from '../../repositories/messaging/messaging-repository.js'

/** The subscription links point at a fake page that does nothing [inferred: no preference centre here]. */
const LINK_BASE = 'https://fake-braze.invalid/subscription'

export function userScope (u: RenderUserRow): Record<string, unknown> {
  const p = u.profile
  const groups = typeof p.subscription_groups === 'object' && p.subscription_groups !== null ? p.subscription_groups as Record<string, unknown> : {}
  // The links as plain values: an object literal with getters costs ~2 µs a user in V8 (each
  // accessor is defined by a runtime call), these concatenations ~0.1 µs and are never flattened
  // unless a template prints them (bench: Issue 19, BENCHMARKS.md).
  const query = `?braze_id=${u.brazeId}`
  const unsubscribed = `${LINK_BASE}/unsubscribed${query}`
  return {
    first_name: p.first_name,
    last_name: p.last_name,
    email_address: u.email,
    phone_number: u.phone,
    user_id: u.externalId,
    braze_id: u.brazeId,
    city: p.home_city,
    country: p.country,
    language: p.language,
    time_zone: p.time_zone,
    gender: p.gender,
    date_of_birth: p.dob,
    random_bucket_number: u.randomBucket,
    custom_attribute: u.customAttributes,
    subscribed_state: { email_global: u.emailSubscribe ?? 'subscribed', ...groups },
    set_user_to_unsubscribed_url: unsubscribed,
    unsubscribe_url: unsubscribed,
    set_user_to_subscribed_url: `${LINK_BASE}/subscribed${query}`,
    set_user_to_opted_in_url: `${LINK_BASE}/opted_in${query}`,
    email_footer: `<p><a href="${unsubscribed}">Unsubscribe</a></p>`
  }
}

/** userScope's keys that come from the profile JSON (the rest are columns or the custom attributes). */
const PROFILE_KEYS = new Set(['first_name', 'last_name', 'city', 'country', 'language', 'time_zone', 'gender', 'date_of_birth', 'subscribed_state'])
const KEYS = new Set(Object.keys(userScope({ pk: 0, brazeId: '', externalId: null, email: null, phone: null, profile: {}, customAttributes: {}, emailSubscribe: null, pushSubscribe: null, randomBucket: 0, updatedAt: 0 })))

/** Which parts of a user row a scope of these keys reads. */
export function scopeNeeds (keys: readonly string[]): { profile: boolean, customAttributes: boolean } {
  return { profile: keys.some((k) => PROFILE_KEYS.has(k)), customAttributes: keys.includes('custom_attribute') }
}

/**
 * userScope with only the given keys (the variables a send's templates read, when they are all
 * known): each value exactly as userScope gives it. A broadcast builds one scope a member; the
 * whole scope is ~20 properties and five strings (BENCHMARKS.md, Issue 19).
 */
export function userScopeOf (u: RenderUserRow, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (keys.length === 0) return out
  let full: Record<string, unknown> | undefined
  for (const k of keys) {
    switch (k) {
      case 'first_name': out[k] = u.profile.first_name; break
      case 'user_id': out[k] = u.externalId; break
      case 'braze_id': out[k] = u.brazeId; break
      case 'email_address': out[k] = u.email; break
      case 'custom_attribute': out[k] = u.customAttributes; break
      default:
        if (!KEYS.has(k)) break
        full ??= userScope(u)
        out[k] = full[k]
    }
  }
  return out
}

