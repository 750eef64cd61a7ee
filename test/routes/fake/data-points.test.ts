/**
 * GET /_fake/workspaces/{id}/data-points: billable data points as braze-docs data_points.md
 * counts them (attributes per key, nested leaves, array operations, events, purchases, cohort
 * assignments), per workspace and source; gone with the workspace and on reset.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, post } from '../../helper.js'
import { makeKey, makeWorkspace, partnerApiKey, seedUsers, usersCall } from '../../factories.js'
import { NOW, dataPoints, restKey, restSetup, track } from '../../rest-factories.js'
import { buildApp } from '../../../src/app.js'
import { testConfig } from '../../../src/config.js'

const TIME = '2026-11-01T10:00:00Z'

test('each billable attribute key counts one data point, unchanged values and null included; identifiers and subscriptions are free', async (t) => {
  const s = await restSetup(t)
  const obj = { external_id: 'u1', first_name: 'A', plan: 'pro', gone: null, email_subscribe: 'opted_in', push_tokens: [], _update_existing_only: false }
  await track(s, { attributes: [obj] })
  await track(s, { attributes: [obj] })
  assert.deepEqual(await dataPoints(s), {
    total: 6, by_source: { 'users.track': 6 }, by_kind: { attributes: 6 }, by_source_and_kind: { 'users.track': { attributes: 6 } }
  })
})

test('arrays, nested objects and arrays of objects count as data_points.md describes', async (t) => {
  const s = await restSetup(t)
  await track(s, {
    attributes: [{
      external_id: 'u1',
      whole: ['a', 'b', 'c'], // set at once: 1
      tags: { add: ['x', 'y'], remove: ['z'] }, // one per value: 3
      song: { name: 'n', artist: 'a', analytics: { count: 1, top: ['p'] } }, // leaves: 4
      pets: [{ id: 1, type: 'dog' }, { id: 2, type: 'cat' }] // keys per object: 4
    }]
  })
  await track(s, {
    attributes: [{
      external_id: 'u1',
      _merge_objects: true,
      pets: {
        $update: [{ $identifier_key: 'id', $identifier_value: 1, $new_object: { name: 'Rex' } }], // properties: 1
        $remove: [{ $identifier_key: 'type', $identifier_value: 'cat' }] // criteria: 1
      }
    }]
  })
  assert.equal((await dataPoints(s)).by_kind.attributes, 1 + 3 + 4 + 4 + 2)
})

test('events count one each and purchases one per unit of quantity; nested updates dropped by an invalid value are free', async (t) => {
  const s = await restSetup(t)
  const res = await track(s, {
    attributes: [{ external_id: 'u1', a: 1, bad: { when: { $time: 'nope' } } }],
    events: [{ external_id: 'u1', name: 'e', time: TIME }, { external_id: 'u1', name: 'e', time: TIME }, { name: 'no id', time: TIME }],
    purchases: [{ external_id: 'u1', product_id: 'p', currency: 'USD', price: 1, quantity: 3, time: TIME }]
  })
  assert.equal(res.statusCode, 201)
  assert.deepEqual((await dataPoints(s)).by_kind, { attributes: 1, events: 2, purchases: 3 })
})

test('objects for users that are not created or found log no data points', async (t) => {
  const s = await restSetup(t)
  await track(s, { attributes: [{ external_id: 'ghost', a: 1, _update_existing_only: true }, { user_alias: { alias_name: 'n', alias_label: 'l' }, a: 1 }] })
  assert.deepEqual(await dataPoints(s), { total: 0, by_source: {}, by_kind: {}, by_source_and_kind: {} })
})

test('cohort imports count one data point per user added or removed, under cohort_import:<partner>', async (t) => {
  const s = await restSetup(t)
  await seedUsers(s.app, s.workspaceId, [{ external_id: 'c1' }, { external_id: 'c2' }])
  const p = { workspaceId: s.workspaceId, cluster: 'iad-01', partner: 'hightouch', secret: await makeKey(s.app, s.workspaceId, 'hightouch'), partnerApiKey: await partnerApiKey(s.app, 'hightouch', 'us') }
  const res = await post(s.app, '/partners/hightouch/cohorts/users', usersCall(p, 'coh', [
    { user_ids: ['c1', 'c2', 'ghost'] },
    { user_ids: ['c2'], should_remove: true }
  ]))
  assert.equal(res.statusCode, 201)
  await track(s, { events: [{ external_id: 'c1', name: 'e', time: TIME }] })
  assert.deepEqual(await dataPoints(s), {
    total: 4,
    by_source: { 'cohort_import:hightouch': 3, 'users.track': 1 },
    by_kind: { cohort_assignments: 3, events: 1 },
    by_source_and_kind: { 'cohort_import:hightouch': { cohort_assignments: 3 }, 'users.track': { events: 1 } }
  })
})

test('data points are per workspace, deleted with the workspace and cleared by reset', async (t) => {
  const s = await restSetup(t)
  await track(s, { attributes: [{ external_id: 'u1', a: 1 }] })
  const other = json(await post(s.app, '/_fake/workspaces', {})).id
  assert.equal(json(await s.app.inject({ url: `/_fake/workspaces/${other}/data-points` })).total, 0)
  assert.equal((await dataPoints(s)).total, 1)
  await post(s.app, '/_fake/reset')
  assert.equal((await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/data-points` })).statusCode, 404)
})

test('deleting a workspace removes its data point totals', async (t) => {
  const s = await restSetup(t)
  await track(s, { attributes: [{ external_id: 'u1', a: 1 }] })
  const del = await s.app.inject({ method: 'DELETE', url: `/_fake/workspaces/${s.workspaceId}` })
  assert.equal(del.statusCode, 204)
  const again = json(await post(s.app, '/_fake/workspaces', { id: s.workspaceId }))
  assert.equal(json(await s.app.inject({ url: `/_fake/workspaces/${again.id}/data-points` })).total, 0)
})

test('the request journal effects of /users/track carry the data points', async (t) => {
  const app = await buildApp(testConfig(), { clock: { now: () => NOW } })
  t.after(() => app.close())
  let effects: unknown
  app.addHook('onResponse', async (request) => { effects = request.effects })
  await app.ready()
  const ws = await makeWorkspace(app)
  const s = { app, workspaceId: ws.id, key: await restKey(app, ws.id), advance: () => {} }
  await track(s, { attributes: [{ external_id: 'u1', a: 1, b: 2 }], events: [{ external_id: 'u9', name: 'e', time: TIME }] })
  assert.deepEqual(effects, {
    users_created: 2, users_updated: 0, users_not_found: 0, nested_updates_dropped: false, subscription_group_changes: 0,
    data_points: { total: 3, attributes: 2, events: 1, purchases: 0 }
  })
})
