/** The batch loader issue 11 sends through: small and large batches give the same profiles. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, post } from '../../helper.js'
import { EMAIL_GROUP, SMS_GROUP } from './helpers.js'

test('reachabilityProfiles: the per-user and the whole-group paths agree; other workspaces\' users are absent', async (t) => {
  const app = await buildTestApp(t)
  const users = Array.from({ length: 2100 }, (_, i) => ({
    external_id: `u${i}`, ...(i % 2 === 0 && { email: `u${i}@x.com` }), ...(i % 5 === 0 && { phone: `+1222000${String(i).padStart(4, '0')}` }),
    ...(i % 3 === 0 && { email_subscribe: 'unsubscribed' as const }),
    ...(i % 7 === 0 && { profile: { push_tokens: [{ app: 'a', token: `t${i}`, device_id: `d${i}`, notifications_enabled: true }] } }),
    subscription_groups: i % 4 === 0 ? { [EMAIL_GROUP]: 'subscribed' as const } : i % 4 === 1 ? { [EMAIL_GROUP]: 'unsubscribed' as const, [SMS_GROUP]: 'subscribed' as const } : {}
  }))
  const seeded = await post(app, '/_fake/seed', {
    workspaces: [
      {
        id: 'w', subscription_groups: [{ id: EMAIL_GROUP, name: 'News', channel: 'email' }, { id: SMS_GROUP, name: 'Alerts', channel: 'sms' }],
        email_addresses: [{ email: 'u2@x.com', hard_bounced_at: '2026-01-01T00:00:00.000Z' }, { email: 'u4@x.com', spam_at: '2026-01-01T00:00:00.000Z' }],
        invalid_phone_numbers: [{ phone: '+12220000005' }],
        users
      },
      { id: 'other', users: [{ external_id: 'x' }] }
    ]
  })
  assert.equal(seeded.statusCode, 201, seeded.body)
  const subs = app.services.subscriptions
  const wsPk = 1
  const all = Array.from({ length: 2102 }, (_, i) => i + 1) // 2,100 users of w, then the other workspace's user
  const big = subs.reachabilityProfiles(wsPk, all)
  assert.equal(big.size, 2100)
  for (let start = 0; start < 2100; start += 500) {
    const small = subs.reachabilityProfiles(wsPk, all.slice(start, start + 500))
    for (const [pk, p] of small) assert.deepEqual(p, big.get(pk), `user pk ${pk}`)
  }
  assert.deepEqual(big.get(1), {
    email: 'u0@x.com', phone: '+12220000000', email_subscribe: 'unsubscribed', push_subscribe: 'subscribed', has_push_token: true,
    email_hard_bounced: false, email_spam: false, email_blocklisted: false, phone_invalid: false, groups: { [EMAIL_GROUP]: 'subscribed' }
  })
  assert.equal(big.get(3)!.email_hard_bounced, true)
  assert.equal(big.get(5)!.email_spam, true)
  assert.equal(big.get(6)!.phone_invalid, true)
  assert.deepEqual(big.get(2)!.groups, { [EMAIL_GROUP]: 'unsubscribed', [SMS_GROUP]: 'subscribed' })
  assert.equal(big.has(2101), false)
})
