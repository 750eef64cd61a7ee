/** The email-list and SMS endpoints and the global email state rules over HTTP (items 152–159). */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json, post } from '../../helper.js'
import { restSetup, storedUser, storedUsers, track } from '../../rest-factories.js'
import { brazeGet, brazePost, users } from './helpers.js'

const DAY = 86_400_000

describe('global email state', () => {
  test('item 152: a new profile is email and push subscribed with no group history', async (t) => {
    const s = await restSetup(t)
    await track(s, { attributes: [{ external_id: 'u1', first_name: 'A' }] })
    const u = await storedUser(s, 'u1')
    assert.equal(u.subscriptions.email_subscribe, 'subscribed')
    assert.equal(u.subscriptions.push_subscribe, 'subscribed')
    assert.deepEqual(u.subscriptions.groups, {})
  })

  test('item 151: email_subscribe "yes" is an object error, nothing changed', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ external_id: 'u1', email_subscribe: 'yes' }, { external_id: 'u2', push_subscribe: 'no' }] })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res).errors.map((e: { type: string }) => e.type), [
      "'email_subscribe' must be 'opted_in', 'subscribed' or 'unsubscribed'", "'push_subscribe' must be 'opted_in', 'subscribed' or 'unsubscribed'"
    ])
    assert.equal((await storedUsers(s)).length, 0)
  })

  test('item 153: changing the email address resets an unsubscribed user to subscribed', async (t) => {
    const s = await restSetup(t)
    await track(s, { attributes: [{ external_id: 'u1', email: 'old@x.com', email_subscribe: 'unsubscribed' }] })
    await track(s, { attributes: [{ external_id: 'u1', email: 'new@x.com' }] })
    assert.equal((await storedUser(s, 'u1')).subscriptions.email_subscribe, 'subscribed')
  })

  test('item 153: the same object setting email and email_subscribe keeps the explicit state', async (t) => {
    const s = await restSetup(t)
    await track(s, { attributes: [{ external_id: 'u1', email: 'old@x.com' }] })
    await track(s, { attributes: [{ external_id: 'u1', email: 'new@x.com', email_subscribe: 'unsubscribed' }] })
    assert.equal((await storedUser(s, 'u1')).email_subscribe, 'unsubscribed')
  })

  test('item 154: /email/status for an address on no profile → 201; a profile that later gets it inherits the state', async (t) => {
    const s = await restSetup(t)
    const res = await brazePost(s, '/email/status', { email: 'Later@X.com', subscription_state: 'unsubscribed' })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success' })
    await track(s, { attributes: [{ external_id: 'u1', email: 'later@x.com' }] })
    assert.equal((await storedUser(s, 'u1')).subscriptions.email_subscribe, 'unsubscribed')
  })

  test('/email/status sets every profile with the address; bad state and 51 addresses → 400', async (t) => {
    const s = await restSetup(t)
    await users(s, [{ external_id: 'a', email: 'x@x.com' }, { external_id: 'b', email: 'x@x.com' }])
    await brazePost(s, '/email/status', { email: ['x@x.com'], subscription_state: 'opted_in' })
    assert.deepEqual((await storedUsers(s, { email: 'x@x.com' })).map((u) => u.email_subscribe), ['opted_in', 'opted_in'])
    const bad = await brazePost(s, '/email/status', { email: 'x@x.com', subscription_state: 'maybe' })
    assert.equal(bad.statusCode, 400)
    assert.deepEqual(json(bad), { message: "subscription_state must be 'subscribed', 'unsubscribed' or 'opted_in'" })
    const many = await brazePost(s, '/email/status', { email: Array.from({ length: 51 }, (_, i) => `a${i}@x.com`), subscription_state: 'subscribed' })
    assert.equal(many.statusCode, 400)
    assert.deepEqual(json(many), { message: 'The max number of external_ids, emails or phones per request was exceeded' })
  })
})

describe('GET /email/unsubscribes', () => {
  test('items 156–157: dates required, newest first by default, asc on request, limit capped at 500', async (t) => {
    const s = await restSetup(t)
    await users(s, [{ external_id: 'a', email: 'a@x.com' }, { external_id: 'b', email: 'b@x.com' }])
    await track(s, { attributes: [{ external_id: 'a', email_subscribe: 'unsubscribed' }] })
    s.advance(DAY)
    await brazePost(s, '/email/status', { email: 'b@x.com', subscription_state: 'unsubscribed' })
    const q = 'start_date=2026-11-27&end_date=2026-11-30'
    const desc = await brazeGet(s, `/email/unsubscribes?${q}`)
    assert.equal(desc.statusCode, 200, desc.body)
    assert.deepEqual(json(desc), {
      emails: [{ email: 'b@x.com', unsubscribed_at: '2026-11-29T12:00:00.000Z' }, { email: 'a@x.com', unsubscribed_at: '2026-11-28T12:00:00.000Z' }],
      message: 'success'
    })
    const asc = await brazeGet(s, `/email/unsubscribes?${q}&sort_direction=asc&limit=1&offset=1`)
    assert.deepEqual(json(asc).emails, [{ email: 'b@x.com', unsubscribed_at: '2026-11-29T12:00:00.000Z' }])
    assert.equal((await brazeGet(s, `/email/unsubscribes?${q}&limit=900`)).statusCode, 200)
    const noEnd = await brazeGet(s, '/email/unsubscribes?start_date=2026-11-27')
    assert.equal(noEnd.statusCode, 400)
    assert.deepEqual(json(noEnd), { message: 'end_date is required' })
    assert.deepEqual(json(await brazeGet(s, '/email/unsubscribes?end_date=2026-11-30')), { message: 'start_date or email is required' })
    assert.deepEqual(json(await brazeGet(s, '/email/unsubscribes?start_date=2026-11-30&end_date=2026-11-27')), { message: 'start_date must be before end_date' })
    assert.deepEqual(json(await brazeGet(s, '/email/unsubscribes?start_date=2026-13-01&end_date=2026-11-27')), { message: 'dates must be YYYY-MM-DD' })
    assert.deepEqual(json(await brazeGet(s, '/email/unsubscribes?end_date=2026-11-30&email=a@x.com')).emails, [{ email: 'a@x.com', unsubscribed_at: '2026-11-28T12:00:00.000Z' }])
  })

  test('a resubscribed address leaves the list', async (t) => {
    const s = await restSetup(t)
    await track(s, { attributes: [{ external_id: 'a', email: 'a@x.com', email_subscribe: 'unsubscribed' }] })
    await track(s, { attributes: [{ external_id: 'a', email_subscribe: 'opted_in' }] })
    assert.deepEqual(json(await brazeGet(s, '/email/unsubscribes?start_date=2026-11-27&end_date=2026-11-30')).emails, [])
  })
})

describe('hard bounces, spam and the blocklist', () => {
  test('a hard bounce is listed but does not unsubscribe; /email/bounce/remove takes it off (items 155, 158)', async (t) => {
    const s = await restSetup(t)
    await users(s, [{ external_id: 'a', email: 'a@x.com' }])
    const ev = await post(s.app, `/_fake/workspaces/${s.workspaceId}/deliverability-events`, { hard_bounces: ['A@x.com'], spam_reports: ['a@x.com'] })
    assert.equal(ev.statusCode, 201, ev.body)
    const u = await storedUser(s, 'a')
    assert.equal(u.subscriptions.email_subscribe, 'subscribed')
    assert.equal(u.subscriptions.email_hard_bounced, true)
    assert.equal(u.subscriptions.email_spam, true)
    const listed = await brazeGet(s, '/email/hard_bounces?start_date=2026-11-01&end_date=2026-11-30')
    assert.deepEqual(json(listed), { emails: [{ email: 'a@x.com', hard_bounced_at: '2026-11-28T12:00:00.000Z' }], message: 'success' })
    // email wins over dates (item 158)
    assert.equal(json(await brazeGet(s, '/email/hard_bounces?start_date=2020-01-01&end_date=2020-01-02&email=a@x.com')).emails.length, 1)
    assert.equal((await brazePost(s, '/email/bounce/remove', { email: 'a@x.com' })).statusCode, 201)
    assert.equal((await brazePost(s, '/email/spam/remove', { email: ['a@x.com'] })).statusCode, 201)
    const after = await storedUser(s, 'a')
    assert.equal(after.subscriptions.email_hard_bounced, false)
    assert.equal(after.subscriptions.email_spam, false)
  })

  test('item 155: /email/blocklist unsubscribes and lists the address as hard-bounced; the legacy path and email.blacklist work', async (t) => {
    const s = await restSetup(t, ['email.blacklist', 'email.hard_bounces'])
    await post(s.app, `/_fake/workspaces/${s.workspaceId}/users`, { users: [{ external_id: 'a', email: 'a@x.com' }] })
    assert.equal((await brazePost(s, '/email/blocklist', { email: ['a@x.com'] })).statusCode, 201)
    assert.equal((await brazePost(s, '/email/blacklist', { email: 'b@x.com' })).statusCode, 201)
    assert.deepEqual(json(await brazeGet(s, '/email/hard_bounces?start_date=2026-11-01&end_date=2026-11-30')).emails.map((e: { email: string }) => e.email).sort(), ['a@x.com', 'b@x.com'])
    const u = await storedUser(s, 'a')
    assert.equal(u.email_subscribe, 'unsubscribed')
    assert.equal(u.subscriptions.email_blocklisted, true)
    assert.equal((await brazePost(s, '/email/status', { email: 'a@x.com', subscription_state: 'subscribed' })).statusCode, 403)
  })
})

describe('SMS invalid phone numbers', () => {
  test('item 159: listed by phone_numbers[] with reason; remove takes body key phone_numbers', async (t) => {
    const s = await restSetup(t)
    await post(s.app, `/_fake/workspaces/${s.workspaceId}/deliverability-events`, { invalid_phone_numbers: [{ phone: '+12223334444', reason: 'deactivated' }, { phone: '+12223335555' }] })
    const one = await brazeGet(s, '/sms/invalid_phone_numbers?phone_numbers[]=%2B12223334444')
    assert.equal(one.statusCode, 200, one.body)
    assert.deepEqual(json(one), { sms: [{ phone: '+12223334444', invalid_detected_at: '2026-11-28T12:00:00.000Z', reason: 'deactivated' }], message: 'success' })
    assert.equal(json(await brazeGet(s, '/sms/invalid_phone_numbers?start_date=2026-11-01&end_date=2026-11-30&reason=provider_error')).sms.length, 1)
    assert.equal((await brazeGet(s, '/sms/invalid_phone_numbers?start_date=2026-11-01')).statusCode, 400)
    const rm = await brazePost(s, '/sms/invalid_phone_numbers/remove', { phone_numbers: ['+12223334444'] })
    assert.equal(rm.statusCode, 201)
    assert.deepEqual(json(await brazeGet(s, '/sms/invalid_phone_numbers?phone_numbers=%2B12223334444')).sms, [])
    const bad = await brazePost(s, '/sms/invalid_phone_numbers/remove', { phone_numbers: ['555'] })
    assert.equal(bad.statusCode, 400)
  })
})

describe('an email-only profile created by /users/track', () => {
  test('item 154: takes the state /email/status gave its address', async (t) => {
    const s = await restSetup(t)
    await brazePost(s, '/email/status', { email: 'fresh@x.com', subscription_state: 'opted_in' })
    await track(s, { attributes: [{ email: 'fresh@x.com', first_name: 'F' }] })
    assert.deepEqual((await storedUsers(s, { email: 'fresh@x.com' })).map((u) => u.email_subscribe), ['opted_in'])
  })
})
