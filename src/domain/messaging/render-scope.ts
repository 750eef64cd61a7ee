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
  const link = (state: string): string => `${LINK_BASE}/${state}?braze_id=${u.brazeId}`
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
    // Links are built only when a template reads them (getters: most templates never do).
    get set_user_to_unsubscribed_url () { return link('unsubscribed') },
    get unsubscribe_url () { return link('unsubscribed') },
    get set_user_to_subscribed_url () { return link('subscribed') },
    get set_user_to_opted_in_url () { return link('opted_in') },
    get email_footer () { return `<p><a href="${link('unsubscribed')}">Unsubscribe</a></p>` }
  }
}
