/** /subscription/status/set (v1, v2), /subscription/status/get and /subscription/user/status over HTTP (items 141–150). */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { restSetup, storedUser, storedUsers, track } from '../../rest-factories.js'
import { EMAIL_GROUP, SMS_GROUP, brazeGet, brazePost, makeGroup, statusOf, users } from './helpers.js'

describe('subscription groups through the control plane', () => {
  test('create, list, get and archive; a generated id is a UUID; bad channel and duplicate ids are refused', async (t) => {
    const s = await restSetup(t)
    const g = await makeGroup(s, EMAIL_GROUP, 'email', 'Newsletter')
    assert.deepEqual(g, { id: EMAIL_GROUP, name: 'Newsletter', channel: 'email', created_at: '2026-11-28T12:00:00.000Z' })
    const gen = await s.app.inject({ method: 'POST', url: `/_fake/workspaces/${s.workspaceId}/subscription-groups`, payload: { name: 'SMS', channel: 'sms' } })
    assert.equal(gen.statusCode, 201)
    assert.match(json(gen).id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    const dup = await s.app.inject({ method: 'POST', url: `/_fake/workspaces/${s.workspaceId}/subscription-groups`, payload: { id: EMAIL_GROUP, name: 'x', channel: 'email' } })
    assert.equal(dup.statusCode, 409)
    const bad = await s.app.inject({ method: 'POST', url: `/_fake/workspaces/${s.workspaceId}/subscription-groups`, payload: { name: 'x', channel: 'fax' } })
    assert.equal(bad.statusCode, 400)
    const list = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/subscription-groups` })
    assert.equal(json(list).subscription_groups.length, 2)
    const archived = await s.app.inject({ method: 'DELETE', url: `/_fake/workspaces/${s.workspaceId}/subscription-groups/${EMAIL_GROUP}` })
    assert.equal(archived.statusCode, 200)
    assert.equal(json(archived).archived_at, '2026-11-28T12:00:00.000Z')
    const one = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/subscription-groups/${EMAIL_GROUP}` })
    assert.equal(json(one).archived_at, '2026-11-28T12:00:00.000Z')
  })
})

describe('POST /subscription/status/set (v1)', () => {
  test('item 141/147: subscribe by external_id → 201 success; status/get reads it back, Unknown without history', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await users(s, [{ external_id: '1' }, { external_id: '2' }, { external_id: '3' }])
    const res = await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'unsubscribed', external_id: ['1'] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success' })
    await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_id: '2' })
    const got = await brazeGet(s, `/subscription/status/get?subscription_group_id=${EMAIL_GROUP}&external_id[]=1&external_id[]=2&external_id[]=3`)
    assert.equal(got.statusCode, 200)
    assert.deepEqual(json(got), { status: { 1: 'Unsubscribed', 2: 'Subscribed', 3: 'Unknown' }, message: 'success' })
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'external_id=1&external_id=2'), { 1: 'Unsubscribed', 2: 'Subscribed' })
  })

  test('item 142: email and phone together → 400 with Braze\'s text, nothing changed', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    const res = await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', email: 'a@x.com', phone: '+12223334444' })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: 'Either an email address or a phone number should be provided, but not both.' })
    assert.equal((await storedUsers(s)).length, 0)
  })

  test('item 143/144: an email shared by two profiles updates both; an email on no profile creates an email-only profile', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await users(s, [{ external_id: 'a', email: 'shared@x.com' }, { external_id: 'b', email: 'shared@x.com' }])
    const res = await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', email: ['Shared@X.com', 'new@x.com'] })
    assert.equal(res.statusCode, 201, res.body)
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'external_id=a&external_id=b'), { a: 'Subscribed', b: 'Subscribed' })
    const created = await storedUsers(s, { email: 'new@x.com' })
    assert.equal(created.length, 1)
    assert.equal(created[0]!.external_id, null)
    assert.deepEqual(created[0]!.subscriptions.groups, { [EMAIL_GROUP]: 'subscribed' })
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'email=new@x.com'), { 'new@x.com': 'Subscribed' })
  })

  test('bad input: unknown group, wrong channel, 51 ids, unknown state, missing identifiers → 400, nothing changed', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await makeGroup(s, SMS_GROUP, 'sms')
    await users(s, [{ external_id: 'u1', email: 'u1@x.com', phone: '+12223334444' }])
    const cases: Array<[unknown, string]> = [
      [{ subscription_group_id: '00000000-0000-4000-8000-000000000000', subscription_state: 'subscribed', external_id: 'u1' }, 'Invalid subscription_group_id: 00000000-0000-4000-8000-000000000000'],
      [{ subscription_group_id: SMS_GROUP, subscription_state: 'subscribed', email: 'u1@x.com' }, `email can only be used with email subscription groups; ${SMS_GROUP} is a sms group`],
      [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', phone: '+12223334444' }, `phone can only be used with SMS and WhatsApp subscription groups; ${EMAIL_GROUP} is a email group`],
      [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_id: Array.from({ length: 51 }, (_, i) => `x${i}`) }, 'The max number of external_ids, emails or phones per request was exceeded'],
      [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'maybe', external_id: 'u1' }, "subscription_state must be 'subscribed' or 'unsubscribed'"],
      [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }, 'external_id, email or phone is required'],
      [{ subscription_state: 'subscribed', external_id: 'u1' }, 'subscription_group_id is required'],
      [{ subscription_group_id: SMS_GROUP, subscription_state: 'subscribed', phone: '2223334444' }, 'phone numbers must be in E.164 format (+ and up to 15 digits)']
    ]
    for (const [body, message] of cases) {
      const res = await brazePost(s, '/subscription/status/set', body)
      assert.equal(res.statusCode, 400, JSON.stringify(body))
      assert.deepEqual(json(res), { message })
    }
    assert.deepEqual((await storedUser(s, 'u1')).subscriptions.groups, {})
  })

  test('an archived group processes no more changes: success, states kept', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await users(s, [{ external_id: 'u1' }])
    await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_id: 'u1' })
    await s.app.inject({ method: 'DELETE', url: `/_fake/workspaces/${s.workspaceId}/subscription-groups/${EMAIL_GROUP}` })
    const res = await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'unsubscribed', external_id: 'u1' })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'external_id=u1'), { u1: 'Subscribed' })
  })

  test('permissions: subscription.status.set, .get and subscription.groups.get are each needed (item 64)', async (t) => {
    const s = await restSetup(t, ['subscription.status.get'])
    await makeGroup(s, EMAIL_GROUP, 'email')
    const set = await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_id: 'u1' })
    assert.equal(set.statusCode, 403)
    assert.deepEqual(json(set), { message: 'Access Denied' })
    assert.equal((await brazeGet(s, '/subscription/user/status?external_id=u1')).statusCode, 403)
    assert.equal((await brazeGet(s, `/subscription/status/get?subscription_group_id=${EMAIL_GROUP}&external_id=u1`)).statusCode, 200)
  })
})

describe('POST /v2/subscription/status/set', () => {
  test('item 146: external_ids update an email group and an SMS group in one call', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await makeGroup(s, SMS_GROUP, 'sms')
    await users(s, [{ external_id: 'u1', phone: '+12223334444' }])
    const res = await brazePost(s, '/v2/subscription/status/set', {
      subscription_groups: [
        { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_ids: ['u1'] },
        { subscription_group_id: SMS_GROUP, subscription_state: 'unsubscribed', external_ids: ['u1'] }
      ]
    })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success' })
    assert.deepEqual((await storedUser(s, 'u1')).subscriptions.groups, { [EMAIL_GROUP]: 'subscribed', [SMS_GROUP]: 'unsubscribed' })
  })

  test('item 145: emails and phones in one request → 400; a later bad entry leaves the earlier one unapplied', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await makeGroup(s, SMS_GROUP, 'sms')
    await users(s, [{ external_id: 'u1' }])
    const both = await brazePost(s, '/v2/subscription/status/set', {
      subscription_groups: [
        { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', emails: ['a@x.com'] },
        { subscription_group_id: SMS_GROUP, subscription_state: 'subscribed', phones: ['+12223334444'] }
      ]
    })
    assert.equal(both.statusCode, 400)
    assert.deepEqual(json(both), { message: 'Either an email address or a phone number should be provided, but not both.' })
    const partial = await brazePost(s, '/v2/subscription/status/set', {
      subscription_groups: [
        { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_ids: ['u1'] },
        { subscription_group_id: SMS_GROUP, subscription_state: 'subscribed', phones: ['12'] }
      ]
    })
    assert.equal(partial.statusCode, 400)
    assert.deepEqual((await storedUsers(s)).map((u) => u.subscriptions.groups), [{}])
  })

  test('the journal records what the call changed', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await users(s, [{ external_id: 'u1' }, { external_id: 'u2' }])
    await brazePost(s, '/v2/subscription/status/set', { subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_ids: ['u1'] }] })
    await brazePost(s, '/v2/subscription/status/set', { subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_ids: ['u1', 'u2', 'ghost'] }] })
    const journal = json(await s.app.inject({ url: `/_fake/requests?workspace_id=${s.workspaceId}&path=/v2/subscription/status/set` })).requests
    assert.deepEqual(journal.map((r: { effects: unknown }) => r.effects), [
      { groups: [{ id: EMAIL_GROUP, state: 'subscribed', users_changed: 1, users_unchanged: 0, users_created: 0, external_ids_not_found: 0 }] },
      { groups: [{ id: EMAIL_GROUP, state: 'subscribed', users_changed: 1, users_unchanged: 1, users_created: 0, external_ids_not_found: 1 }] }
    ])
  })

  test('item 71: v1 and v2 share one 5,000/min pool', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    const v1 = await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_id: 'nobody' })
    const v2 = await brazePost(s, '/v2/subscription/status/set', { subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_ids: ['nobody'] }] })
    assert.equal(v1.headers['x-ratelimit-limit'], '5000')
    assert.equal(Number(v1.headers['x-ratelimit-remaining']) - 1, Number(v2.headers['x-ratelimit-remaining']))
  })
})

describe('GET /subscription/user/status', () => {
  test('item 149: only groups with history, with id, name, channel and capitalised status', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email', 'ActivationGroup')
    await makeGroup(s, SMS_GROUP, 'sms', 'MarketingGroup')
    await makeGroup(s, '11111111-2222-4333-8444-555555555555', 'email', 'Unused')
    await users(s, [{ external_id: 'u1', email: 'test@example.com', phone: '+11112223333' }])
    await brazePost(s, '/v2/subscription/status/set', {
      subscription_groups: [
        { subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', external_ids: ['u1'] },
        { subscription_group_id: SMS_GROUP, subscription_state: 'unsubscribed', external_ids: ['u1'] }
      ]
    })
    const res = await brazeGet(s, '/subscription/user/status?external_id=u1')
    assert.equal(res.statusCode, 200, res.body)
    assert.deepEqual(json(res), {
      users: [{
        email: 'test@example.com', phone: '+11112223333', external_id: 'u1',
        subscription_groups: [
          { id: EMAIL_GROUP, name: 'ActivationGroup', channel: 'email', status: 'Subscribed' },
          { id: SMS_GROUP, name: 'MarketingGroup', channel: 'sms', status: 'Unsubscribed' }
        ]
      }],
      total_count: 1,
      message: 'success'
    })
  })
})

describe('Hightouch-style sync: /users/track subscription_groups, then /subscription/status/get', () => {
  test('a warehouse flag lands as the group state and an unsubscribe round-trips (item 150)', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    const first = await track(s, {
      attributes: [
        { external_id: 'u1', email: 'u1@x.com', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] },
        { external_id: 'u2', email: 'u2@x.com', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] }
      ]
    })
    assert.equal(first.statusCode, 201, first.body)
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'external_id=u1&external_id=u2'), { u1: 'Subscribed', u2: 'Subscribed' })
    await track(s, { attributes: [{ external_id: 'u2', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'unsubscribed' }] }] })
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'external_id=u1&external_id=u2'), { u1: 'Subscribed', u2: 'Unsubscribed' })
  })

  test('item 150: a non-UUID or unknown group id fails that object only; others are processed', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    const res = await track(s, {
      attributes: [
        { external_id: 'bad1', subscription_groups: [{ subscription_group_id: 'g1', subscription_state: 'subscribed' }] },
        { external_id: 'bad2', subscription_groups: [{ subscription_group_id: '00000000-0000-4000-8000-000000000000', subscription_state: 'subscribed' }] },
        { external_id: 'bad3', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'maybe' }] },
        { external_id: 'bad4', subscription_groups: { subscription_group_id: EMAIL_GROUP } },
        { external_id: 'ok', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] }
      ]
    })
    assert.equal(res.statusCode, 201)
    const body = json(res)
    assert.equal(body.attributes_processed, 1)
    assert.deepEqual(body.errors.map((e: { index: number, type: string }) => [e.index, e.type]), [
      [0, "'subscription_group_id' is not a valid subscription group"],
      [1, "'subscription_group_id' is not a valid subscription group"],
      [2, "'subscription_state' must be 'subscribed' or 'unsubscribed'"],
      [3, "'subscription_groups' must be an array"]
    ])
    assert.deepEqual((await storedUsers(s)).map((u) => u.external_id), ['ok'])
  })

  test('a group change by external_id also updates other profiles with the same email (post_user_track.md)', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await users(s, [{ email: 'same@x.com' }])
    await track(s, { attributes: [{ external_id: 'u1', email: 'same@x.com', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] }] })
    assert.deepEqual((await storedUsers(s, { email: 'same@x.com' })).map((u) => u.subscriptions.groups[EMAIL_GROUP]), ['subscribed', 'subscribed'])
  })

  test('item 148: a globally unsubscribed user still reads back Subscribed for the group', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await track(s, { attributes: [{ external_id: 'u1', email: 'u1@x.com', email_subscribe: 'unsubscribed', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] }] })
    assert.deepEqual(await statusOf(s, EMAIL_GROUP, 'external_id=u1'), { u1: 'Subscribed' })
    const u = await storedUser(s, 'u1')
    assert.equal(u.subscriptions.email_subscribe, 'unsubscribed')
    assert.deepEqual(u.subscriptions.groups, { [EMAIL_GROUP]: 'subscribed' })
  })

  test('item 198: subscription changes cost no data points', async (t) => {
    const s = await restSetup(t)
    await makeGroup(s, EMAIL_GROUP, 'email')
    await track(s, { attributes: [{ external_id: 'u1', email_subscribe: 'opted_in', push_subscribe: 'unsubscribed', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] }] })
    await brazePost(s, '/subscription/status/set', { subscription_group_id: EMAIL_GROUP, subscription_state: 'unsubscribed', external_id: 'u1' })
    const res = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/data-points` })
    assert.equal(json(res).total, 0)
  })
})
