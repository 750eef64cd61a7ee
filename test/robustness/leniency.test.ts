/**
 * The leniency model (COVERAGE.md "Leniency model"), route by route where production clients
 * trip on it: JSON null for an optional parameter is absent, an integer where Braze types an
 * identifier as a string is its decimal string, "true"/"false" are booleans; documented 400s
 * stay 400s, and /users/track attribute values keep their meaning.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../helper.js'
import { storedUser, storedUsers } from '../rest-factories.js'
import { call, control, messagingSetup, outbox } from '../routes/messaging/messaging-helpers.js'

test('/messages/send: campaign_id null (the Python client\'s default), integer external_user_ids and "false" broadcast are accepted', async (t) => {
  const s = await messagingSetup(t)
  assert.equal((await call(s, '/users/track', { attributes: [{ external_id: 1001, email: 'n@example.com' }] })).statusCode, 201)
  const res = await call(s, '/messages/send', {
    external_user_ids: [1001], campaign_id: null, send_id: null, broadcast: 'false', override_frequency_capping: 'false',
    recipient_subscription_state: 'all', messages: { email: { app_id: 'app', from: 'Shop <shop@example.com>', subject: 'Hi', body: 'Body' } }
  })
  assert.equal(res.statusCode, 201, res.body)
  const sent = await outbox(s)
  assert.equal(sent.length, 1)
  assert.equal(sent[0]!.external_id, '1001')
})

test('/campaigns/trigger/send: trigger_properties null, integer recipient ids, "true"/"false" flags', async (t) => {
  const s = await messagingSetup(t)
  assert.equal((await call(s, '/users/track', { attributes: [{ external_id: 7, email: 'seven@example.com', vip: true, tier: 'gold' }] })).statusCode, 201)
  const res = await call(s, '/campaigns/trigger/send', {
    campaign_id: 'winback', trigger_properties: null, broadcast: 'false', send_id: null, audience: null,
    recipients: [{ external_user_id: 7, trigger_properties: null, send_to_existing_only: 'true', attributes: null }]
  })
  assert.equal(res.statusCode, 201, res.body)
  const [m] = await outbox(s, { campaign_id: 'winback' })
  assert.equal(m!.external_id, '7')
  assert.equal(m!.body, 'gold: ')
  // broadcast "true" means broadcast: recipients are then refused, as for a boolean true
  const both = await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', broadcast: 'true', recipients: [{ external_user_id: 'u1' }] })
  assert.equal(both.statusCode, 400)
  assert.equal(json(both).message, "A 'recipients' list cannot be included when 'broadcast' is true")
})

test('schedules: "true"/"false" for in_local_time and at_optimal_time, null for optional fields', async (t) => {
  const s = await messagingSetup(t)
  const res = await call(s, '/campaigns/trigger/schedule/create', {
    campaign_id: 'winback', broadcast: 'true', trigger_properties: null, send_id: null,
    schedule: { time: '2026-12-01T09:00:00Z', in_local_time: 'false', at_optimal_time: 'false' }
  })
  assert.equal(res.statusCode, 201, res.body)
  const scheduleId = json(res).schedule_id as string
  const update = await call(s, '/campaigns/trigger/schedule/update', { campaign_id: 'winback', schedule_id: scheduleId, schedule: { time: '2026-12-02T09:00:00Z', in_local_time: 'false' } })
  assert.equal(update.statusCode, 201, update.body)
  const wrong = await call(s, '/campaigns/trigger/schedule/create', { campaign_id: 'winback', broadcast: true, schedule: { time: '2026-12-01T09:00:00Z', in_local_time: 'no' } })
  assert.equal(wrong.statusCode, 400)
  assert.equal(json(wrong).message, "'schedule.in_local_time' must be a boolean")
})

test('/canvas/trigger/send: canvas_entry_properties and context null are absent', async (t) => {
  const s = await messagingSetup(t)
  assert.equal((await control(s, 'POST', '/canvases', { id: 'onb', name: 'Onboarding', segment_id: 'vip', steps: [{ id: 'welcome', name: 'Welcome', messages: [{ channel: 'email', subject: 'Hi', body: '[{{canvas_entry_properties.${plan}}}]' }] }] })).statusCode, 201)
  const res = await call(s, '/canvas/trigger/send', { canvas_id: 'onb', canvas_entry_properties: null, context: null, broadcast: null, recipients: [{ external_user_id: 'u1', canvas_entry_properties: null, context: null }] })
  assert.equal(res.statusCode, 201, res.body)
  const [m] = await outbox(s, { canvas_id: 'onb' })
  assert.equal(m!.body, '[]')
})

test('/users/identify: an integer external_id in aliases_to_identify identifies the alias as that id\'s string', async (t) => {
  const s = await messagingSetup(t)
  assert.equal((await call(s, '/users/alias/new', { user_aliases: [{ alias_name: 'anon-1', alias_label: 'crm' }] })).statusCode, 201)
  const res = await call(s, '/users/identify', { aliases_to_identify: [{ external_id: 123456, user_alias: { alias_name: 'anon-1', alias_label: 'crm' } }], merge_behavior: null })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(json(res).aliases_processed, 1)
  const user = await storedUser(s, '123456')
  assert.deepEqual(user.user_aliases, [{ alias_name: 'anon-1', alias_label: 'crm' }])
})

test('/users/track: integer ids and "true"/"false" flags are lenient, attribute values are not request parameters', async (t) => {
  const s = await messagingSetup(t)
  const res = await call(s, '/users/track', {
    attributes: [
      { external_id: 42, plan: 'pro', score: 7, nickname: 'x' },
      { external_id: 43, _update_existing_only: 'true', plan: 'never' },
      { user_alias: { alias_name: 99, alias_label: 'crm' }, _update_existing_only: 'false', plan: 'alias' }
    ],
    events: [{ external_id: 42, name: 'e', time: '2026-11-28T12:00:00Z' }]
  })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(json(res).errors, undefined)
  const user = await storedUser(s, '42')
  assert.equal(user.custom_attributes.score, 7) // numbers stay numbers
  assert.equal((await storedUsers(s, { external_id: '43' })).length, 0) // "true" is true: never created
  assert.equal((await call(s, '/users/track', { attributes: [{ external_id: 42, nickname: null }] })).statusCode, 201)
  assert.equal('nickname' in (await storedUser(s, '42')).custom_attributes, false) // null still removes
})

test('/users/export/ids: fields_to_export null is absent (every field for an older company; the documented 400 for a newer one)', async (t) => {
  const s = await messagingSetup(t)
  assert.equal((await call(s, '/users/track', { attributes: [{ external_id: 5, first_name: 'Five' }] })).statusCode, 201)
  const newer = await call(s, '/users/export/ids', { external_ids: [5], fields_to_export: null })
  assert.equal(newer.statusCode, 400)
  assert.equal(json(newer).message, 'fields_to_export is required: an array of the user fields to export')
  assert.equal((await s.app.inject({ method: 'PATCH', url: `/_fake/workspaces/${s.workspaceId}`, payload: { onboarded_at: '2024-08-21' } })).statusCode, 200)
  const older = await call(s, '/users/export/ids', { external_ids: [5], user_aliases: null, device_id: null, fields_to_export: null })
  assert.equal(older.statusCode, 201, older.body)
  assert.equal(json(older).users[0].external_id, '5')
  assert.equal(json(older).users[0].first_name, 'Five')
})

test('what Braze refuses stays refused, in Braze-style words naming the field', async (t) => {
  const s = await messagingSetup(t)
  const cases: Array<[string, unknown, string]> = [
    ['/messages/send', { external_user_ids: ['u1'], campaign_id: { id: 1 }, messages: { email: {} } }, "'campaign_id' must be a string"],
    ['/messages/send', { external_user_ids: 'u1', messages: {} }, "'external_user_ids' must be an array"],
    ['/messages/send', { external_user_ids: ['u1'], broadcast: 'yes', messages: {} }, "'broadcast' must be a boolean"],
    ['/messages/send', { external_user_ids: ['u1'], messages: null }, 'No message to send'],
    ['/campaigns/trigger/send', { campaign_id: null }, "'campaign_id' is required"],
    ['/campaigns/trigger/send', { campaign_id: 'winback', recipients: [{ external_user_id: 1.5 }] }, "'recipients[0].external_user_id' must be a string"],
    ['/campaigns/trigger/send', { campaign_id: 'winback', trigger_properties: [] }, "'trigger_properties' must be an object"],
    ['/users/export/ids', { external_ids: [{}], fields_to_export: ['email'] }, "'external_ids' must be an array of strings"],
    ['/users/identify', { aliases_to_identify: [{ external_id: true, user_alias: { alias_name: 'a', alias_label: 'b' } }] }, "'aliases_to_identify' must be an array of objects with a string 'external_id' and a 'user_alias' object"]
  ]
  for (const [url, body, message] of cases) {
    const res = await call(s, url, body)
    assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(body)}: ${res.body}`)
    assert.equal(json(res).message, message, `${url} ${JSON.stringify(body)}`)
  }
  // the control plane is strict (no leniency) and names the field plainly
  const ctl = await s.app.inject({ method: 'POST', url: '/_fake/workspaces', payload: { id: null } })
  assert.equal(ctl.statusCode, 400)
  assert.equal(json(ctl).message, 'body.id: expected a string, got null')
})
