/** Seed files and snapshots carry subscription groups, users' group states and the email / SMS lists. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { EMAIL_GROUP, SMS_GROUP } from './helpers.js'

const SEED = {
  workspaces: [{
    id: 'subs',
    rest_api_keys: [{ key: 'subs-rest-api-key' }],
    subscription_groups: [
      { id: EMAIL_GROUP, name: 'Newsletter', channel: 'email', created_at: '2026-01-01T00:00:00.000Z' },
      { id: SMS_GROUP, name: 'Alerts', channel: 'sms', created_at: '2026-01-02T00:00:00.000Z', archived_at: '2026-02-01T00:00:00.000Z' }
    ],
    email_addresses: [{ email: 'gone@x.com', hard_bounced_at: '2026-03-01T00:00:00.000Z' }, { email: 'later@x.com', state: 'unsubscribed', state_at: '2026-03-02T00:00:00.000Z', unsubscribed_at: '2026-03-02T00:00:00.000Z' }],
    invalid_phone_numbers: [{ phone: '+12223334444', invalid_at: '2026-03-03T00:00:00.000Z', reason: 'deactivated' }],
    users: [{ external_id: 'u1', email: 'gone@x.com', subscription_groups: { [EMAIL_GROUP]: 'subscribed', [SMS_GROUP]: 'unsubscribed' } }],
    segments: [{ id: 'newsletter', name: 'Newsletter', filter: { filter: 'subscription_group', operator: 'includes_value', value: EMAIL_GROUP } }]
  }]
}

test('a seeded workspace answers the subscription endpoints, and its snapshot reloads identically', async (t) => {
  const app = await buildTestApp(t)
  const loaded = await post(app, '/_fake/seed', SEED)
  assert.equal(loaded.statusCode, 201, loaded.body)
  const auth = { authorization: 'Bearer subs-rest-api-key' }
  const status = await app.inject({ url: `/subscription/status/get?subscription_group_id=${EMAIL_GROUP}&external_id=u1`, headers: auth })
  assert.deepEqual(json(status), { status: { u1: 'Subscribed' }, message: 'success' })
  const bounces = await app.inject({ url: '/email/hard_bounces?start_date=2026-01-01&end_date=2026-12-31', headers: auth })
  assert.deepEqual(json(bounces).emails, [{ email: 'gone@x.com', hard_bounced_at: '2026-03-01T00:00:00.000Z' }])
  const members = await app.inject({ url: '/_fake/workspaces/subs/segments/newsletter/members' })
  assert.equal(json(members).total, 1)
  const snap = json(await app.inject({ url: '/_fake/workspaces/subs/snapshot' }))
  assert.deepEqual(snap.workspaces[0].subscription_groups, SEED.workspaces[0]!.subscription_groups)
  assert.deepEqual(snap.workspaces[0].users[0].subscription_groups, { [EMAIL_GROUP]: 'subscribed', [SMS_GROUP]: 'unsubscribed' })
  assert.deepEqual(snap.workspaces[0].invalid_phone_numbers, SEED.workspaces[0]!.invalid_phone_numbers)

  const again = await buildTestApp(t)
  assert.equal((await post(again, '/_fake/seed', snap)).statusCode, 201)
  assert.deepEqual(json(await again.inject({ url: '/_fake/workspaces/subs/snapshot' })), snap)
})

test('a seeded user naming an unknown group is refused, naming the path', async (t) => {
  const app = await buildTestApp(t)
  const res = await post(app, '/_fake/seed', { workspaces: [{ id: 'w', users: [{ external_id: 'u', subscription_groups: { [EMAIL_GROUP]: 'subscribed' } }] }] })
  assert.equal(res.statusCode, 400)
  assert.equal(json(res).message, `workspaces[0].users[0].subscription_groups.${EMAIL_GROUP}: no such subscription group in this workspace`)
})
