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
