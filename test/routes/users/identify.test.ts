import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { members, provision, usersCall } from '../../factories.js'
import { exportIds, rest, restKeyFor, restWorkspace, seedUsers } from './rest.js'

const alias = { alias_name: 'anon-1', alias_label: 'amplitude_id' }

test('checklist 60: identifying an alias-only user into an external_id user merges fields and removes the alias profile; its device no longer matches in cohort import', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ws = await restKeyFor(app, p.workspaceId)
  const last = new Date().toISOString()
  await seedUsers(app, ws.id, [
    { external_id: 'u1', profile: { first_name: 'Kept' }, custom_attributes: { plan: 'gold' }, custom_events: [{ name: 'open', first: '2026-10-01T00:00:00Z', last: '2026-10-05T00:00:00Z', count: 2 }] },
    { aliases: [alias], device_ids: ['dev-anon'], email: 'anon@example.com', profile: { first_name: 'Anon', country: 'FR' }, custom_attributes: { plan: 'free', vip: true }, custom_events: [{ name: 'open', first: '2026-09-01T00:00:00Z', last, count: 3 }] }
  ])
  // before: the anonymous device is matched by cohort import
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'before', [{ device_ids: ['dev-anon'] }]))
  assert.equal((await members(app, p, 'before')).length, 1)

  const res = await rest(app, ws, '/users/identify', { aliases_to_identify: [{ external_id: 'u1', user_alias: alias }] })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), { aliases_processed: 1, message: 'success' })

  const body = await exportIds(app, ws, { external_ids: ['u1'], fields_to_export: ['external_id', 'user_aliases', 'email', 'first_name', 'country', 'custom_attributes', 'custom_events', 'devices'] })
  assert.deepEqual(body.users, [{
    external_id: 'u1',
    user_aliases: [alias],
    first_name: 'Kept',
    email: 'anon@example.com',
    country: 'FR',
    custom_attributes: { plan: 'gold', vip: true },
    custom_events: [{ name: 'open', first: '2026-09-01T00:00:00.000Z', last, count: 5 }],
    devices: [{ device_id: 'dev-anon' }]
  }])
  // the alias-only profile is gone: one user has that email now
  assert.equal((await exportIds(app, ws, { email_address: 'anon@example.com', fields_to_export: ['external_id'] })).users.length, 1)
  // the merged profile's cohort membership passed to u1
  assert.deepEqual(await members(app, p, 'before'), ['u1'])
  // after: the device belongs to an identified user, so cohort import ignores it
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'after', [{ device_ids: ['dev-anon'] }]))
  assert.deepEqual(await members(app, p, 'after'), [])
})

test('identifying an alias with an external_id nobody has sets the external_id on the aliased user', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ws = await restKeyFor(app, p.workspaceId)
  const [anon] = await seedUsers(app, ws.id, [{ aliases: [alias], device_ids: ['dev-1'] }])
  const res = await rest(app, ws, '/users/identify', { aliases_to_identify: [{ external_id: 'new-id', user_alias: alias }] })
  assert.deepEqual(json(res), { aliases_processed: 1, message: 'success' })
  const body = await exportIds(app, ws, { external_ids: ['new-id'], fields_to_export: ['external_id', 'braze_id', 'user_aliases'] })
  assert.deepEqual(body.users, [{ external_id: 'new-id', user_aliases: [alias], braze_id: anon!.braze_id }])
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', [{ device_ids: ['dev-1'] }]))
  assert.deepEqual(await members(app, p, 'c'), [], 'once identified, a user is no longer matched by device_id')
})

test('no merge when the identified user already has an alias with that label, or the alias is unknown or already identified', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [
    { external_id: 'u1', aliases: [{ alias_name: 'mine', alias_label: 'amplitude_id' }] },
    { aliases: [alias] },
    { external_id: 'u2', aliases: [{ alias_name: 'held', alias_label: 'segment' }] }
  ])
  const res = await rest(app, ws, '/users/identify', { aliases_to_identify: [
    { external_id: 'u1', user_alias: alias },
    { external_id: 'u1', user_alias: { alias_name: 'nobody', alias_label: 'x' } },
    { external_id: 'u1', user_alias: { alias_name: 'held', alias_label: 'segment' } }
  ] })
  assert.deepEqual(json(res), { aliases_processed: 3, message: 'success' })
  const body = await exportIds(app, ws, { external_ids: ['u1', 'u2'], user_aliases: [alias], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(body.users, [
    { external_id: 'u1', user_aliases: [{ alias_name: 'mine', alias_label: 'amplitude_id' }] },
    { external_id: 'u2', user_aliases: [{ alias_name: 'held', alias_label: 'segment' }] },
    { user_aliases: [alias] }
  ])
})

test('issue 9 point 6: since 2023-08-07 identify merges on every call, so merge_behavior "none" keeps the alias profile\'s attributes', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'u1' }, { aliases: [alias], custom_attributes: { vip: true }, profile: { first_name: 'Anon' } }])
  const res = await rest(app, ws, '/users/identify', { aliases_to_identify: [{ external_id: 'u1', user_alias: alias }], merge_behavior: 'none' })
  assert.deepEqual(json(res), { aliases_processed: 1, message: 'success' })
  const body = await exportIds(app, ws, { user_aliases: [alias], fields_to_export: ['external_id', 'user_aliases', 'first_name', 'custom_attributes'] })
  // post_user_identify.md: "Starting August 7, 2023, this endpoint will merge data for all calls."
  assert.deepEqual(body, { message: 'success', users: [{ external_id: 'u1', user_aliases: [alias], first_name: 'Anon', custom_attributes: { vip: true } }] })
})

test('emails_to_identify merges a single email-only user; a shared email merges nothing; a bad prioritization is a per-item error', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [
    { external_id: 'u1' },
    { email: 'solo@example.com', custom_attributes: { from: 'email-only' } },
    { email: 'twice@example.com' }, { email: 'twice@example.com' }
  ])
  const res = await rest(app, ws, '/users/identify', { emails_to_identify: [
    { external_id: 'u1', email: 'Solo@Example.com', prioritization: ['unidentified', 'most_recently_updated'] },
    { external_id: 'u9', email: 'twice@example.com', prioritization: ['unidentified', 'most_recently_updated'] },
    { external_id: 'u1', email: 'solo@example.com', prioritization: ['most_recently_updated', 'least_recently_updated'] }
  ] })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), {
    aliases_processed: 0,
    emails_processed: 2,
    message: 'success',
    errors: [{ type: "Request can not contain both of 'most_recently_updated' and 'least_recently_updated' values in the 'prioritization' array", input_array: 'emails_to_identify', index: 2 }]
  })
  const body = await exportIds(app, ws, { external_ids: ['u1', 'u9'], fields_to_export: ['external_id', 'email', 'custom_attributes'] })
  assert.deepEqual(body, { message: 'success', users: [{ external_id: 'u1', email: 'solo@example.com', custom_attributes: { from: 'email-only' } }], invalid_user_ids: ['u9'] })
})

test('phone_numbers_to_identify sets the external_id on a phone-only user', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ phone: '+15550100' }])
  const res = await rest(app, ws, '/users/identify', { phone_numbers_to_identify: [{ external_id: 'p1', phone: '+15550100', prioritization: ['unidentified'] }] })
  assert.deepEqual(json(res), { aliases_processed: 0, phone_numbers_processed: 1, message: 'success' })
  assert.deepEqual((await exportIds(app, ws, { external_ids: ['p1'], fields_to_export: ['external_id', 'phone'] })).users, [{ external_id: 'p1', phone: '+15550100' }])
})

test('/users/identify bad requests: nothing to identify, over 50 objects, bad merge_behavior, malformed objects', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const cases: Array<[unknown, string]> = [
    [{}, "One of 'aliases_to_identify', 'emails_to_identify' or 'phone_numbers_to_identify' is required"],
    [{ aliases_to_identify: Array.from({ length: 51 }, (_, i) => ({ external_id: `e${i}`, user_alias: alias })) }, 'The max number of external_ids and aliases per request was exceeded'],
    [{ aliases_to_identify: [], merge_behavior: 'both' }, "'merge_behavior' must be one of 'none' or 'merge'"],
    [{ aliases_to_identify: [{ external_id: 'e1' }] }, "'aliases_to_identify' must be an array of objects with a string 'external_id' and a 'user_alias' object"]
  ]
  for (const [body, message] of cases) {
    const res = await rest(app, ws, '/users/identify', body)
    assert.deepEqual([res.statusCode, json(res)], [400, { message }], JSON.stringify(body).slice(0, 80))
  }
})
