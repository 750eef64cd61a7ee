/** Reachability (§2.16 step 5, §3.9) and the connected audience (§2.13), without HTTP. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { reachability, type ReachabilityProfile } from '../../src/domain/subscriptions/reachability.js'
import { matchesAudience, validateAudience } from '../../src/domain/messaging/audience.js'

const base: ReachabilityProfile = {
  email: 'a@x.com', phone: '+14155550100', email_subscribe: 'subscribed', push_subscribe: 'subscribed', has_push_token: true,
  email_hard_bounced: false, email_spam: false, email_blocklisted: false, phone_invalid: false, groups: {}
}
const reason = (p: Partial<ReachabilityProfile>, channel: Parameters<typeof reachability>[1], sendTo: 'subscribed_or_opted_in' | 'opted_in' | 'all' = 'subscribed_or_opted_in', group?: string): string => {
  const r = reachability({ ...base, ...p }, channel, { sendTo, ...(group !== undefined && { subscriptionGroupId: group }) })
  return r.reachable ? 'ok' : r.reason
}

test('116/117/118/121: email follows the send-to setting; no address, hard bounce and spam are skipped', () => {
  assert.equal(reason({}, 'email'), 'ok')
  assert.equal(reason({ email_subscribe: 'opted_in' }, 'email'), 'ok')
  assert.equal(reason({ email_subscribe: 'unsubscribed' }, 'email'), 'unsubscribed')
  assert.equal(reason({}, 'email', 'opted_in'), 'not_opted_in')
  assert.equal(reason({ email_subscribe: 'unsubscribed' }, 'email', 'all'), 'ok')
  assert.equal(reason({ email_hard_bounced: true }, 'email', 'all'), 'hard_bounced')
  assert.equal(reason({ email: null }, 'email'), 'no_address')
  assert.equal(reason({ email_spam: true }, 'email'), 'spam')
  assert.equal(reason({ email_spam: true }, 'email', 'all'), 'ok')
})

test('119/120: SMS needs the group whatever the setting; push needs a token and a subscribed state', () => {
  assert.equal(reason({ groups: { g: 'subscribed' } }, 'sms', 'all', 'g'), 'ok')
  assert.equal(reason({ groups: { g: 'unsubscribed' } }, 'sms', 'all', 'g'), 'not_in_group')
  assert.equal(reason({ phone: null }, 'sms', 'all', 'g'), 'no_address')
  assert.equal(reason({ has_push_token: false }, 'push'), 'no_push_token')
  assert.equal(reason({ push_subscribe: 'unsubscribed' }, 'push'), 'unsubscribed')
  assert.equal(reason({ email: null, phone: null, has_push_token: false }, 'webhook'), 'ok')
})

test('122/123/125: connected audience filters; bad filters are a 400', () => {
  const u = { customAttributes: { favorite_foods: ['pizza'], vip: true, age: 30, joined: '2026-11-20T00:00:00Z' }, emailSubscribe: 'opted_in', pushSubscribe: null, lastUsedApp: null }
  const now = Date.UTC(2026, 10, 28)
  assert.equal(matchesAudience({ custom_attribute: { custom_attribute_name: 'favorite_foods', comparison: 'includes_value', value: 'pizza' } }, u, now), true)
  assert.equal(matchesAudience({ email_subscription_status: { comparison: 'is_not', value: 'subscribed' } }, u, now), true)
  assert.equal(matchesAudience({ custom_attribute: { custom_attribute_name: 'vip', comparison: 'does_not_equal', value: false } }, u, now), true)
  assert.equal(matchesAudience({ custom_attribute: { custom_attribute_name: 'vip', comparison: 'not_equal', value: true } }, u, now), false)
  assert.equal(matchesAudience({ AND: [{ custom_attribute: { custom_attribute_name: 'age', comparison: 'greater_than', value: 18 } }, { custom_attribute: { custom_attribute_name: 'joined', comparison: 'less_than_x_days_ago', value: 10 } }] }, u, now), true)
  assert.equal(matchesAudience({ last_used_app: { comparison: 'after', value: '2020-01-01T00:00:00Z' } }, u, now), false)
  assert.throws(() => validateAudience({ custom_attribute: { custom_attribute_name: 'x', comparison: 'bogus', value: 1 } }), /Invalid audience at audience.custom_attribute.comparison/)
  assert.throws(() => validateAudience({ OR: [] }), /Invalid audience/)
})
