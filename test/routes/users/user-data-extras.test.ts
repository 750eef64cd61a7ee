/**
 * Issue 9 point 10: the user-data endpoints that were missing (braze-reference-messaging §5.2–5.5):
 * /users/track/sync, /users/track/bulk, /users/external_ids/rename and /remove, and the schema lists.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildTestApp, json, post } from '../../helper.js'
import { members, provision, usersCall } from '../../factories.js'
import { exportIds, rest, restKeyFor, restWorkspace, seedUsers } from './rest.js'

test('issue 9 point 10: /users/track/bulk takes up to 1,000 objects, 100 per user, and answers like /users/track', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const attributes = Array.from({ length: 1000 }, (_, i) => ({ external_id: `b${i}`, plan: 'pro' }))
  const res = await rest(app, ws, '/users/track/bulk', { attributes, purchases: [{ name: 'broken' }] })
  assert.equal(res.statusCode, 400, '1,001 objects in all')
  assert.deepEqual(json(res), { message: 'Max Input Length Exceeded' })
  const ok = await rest(app, ws, '/users/track/bulk', { attributes, purchases: [] })
  assert.deepEqual([ok.statusCode, json(ok)], [201, { message: 'success', attributes_processed: 1000, purchases_processed: 0 }])
  assert.equal(ok.headers['x-ratelimit-limit'], '50')
  const partial = await rest(app, ws, '/users/track/bulk', { attributes: [{ external_id: 'b1', email: 'not-an-email' }, { external_id: 'b2', plan: 'free' }] })
  assert.deepEqual(json(partial), { message: 'success', attributes_processed: 1, errors: [{ type: "The value provided for the 'email' field is not a valid email.", input_array: 'attributes', index: 0 }] })
  const perUser = await rest(app, ws, '/users/track/bulk', { attributes: Array.from({ length: 101 }, () => ({ external_id: 'same', plan: 'x' })) })
  assert.deepEqual([perUser.statusCode, json(perUser)], [400, { message: 'Max Input Length Exceeded' }])
  const points = json(await app.inject({ url: `/_fake/workspaces/${ws.id}/data-points` }))
  assert.deepEqual(points.by_source_and_kind['users.track.bulk'], { attributes: 1001 })
  const narrow = await restWorkspace(app, ['users.track'])
  const denied = await rest(app, narrow, '/users/track/bulk', { attributes: [] })
  assert.deepEqual([denied.statusCode, json(denied)], [403, { message: 'Access Denied' }])
})

test('issue 9 point 10: /users/track/sync applies one object and answers with the resulting values', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'xyz123', custom_attributes: { array_attribute: ['banana'], other: 1 } }])
  const attrs = await rest(app, ws, '/users/track/sync', { attributes: [{ external_id: 'xyz123', string_attribute: 'fruit', integer_attribute: 25, array_attribute: { add: ['apple'] } }] })
  assert.deepEqual([attrs.statusCode, json(attrs)], [201, {
    users: [{ external_id: 'xyz123', custom_attributes: { string_attribute: 'fruit', integer_attribute: 25, array_attribute: ['banana', 'apple'] } }],
    message: 'success'
  }])
  await rest(app, ws, '/users/track/sync', { events: [{ external_id: 'xyz123', name: 'rented', time: '2026-11-27T10:00:00.000Z' }] })
  const event = await rest(app, ws, '/users/track/sync', { events: [{ external_id: 'xyz123', name: 'rented', time: '2026-11-28T10:00:00.000Z' }] })
  assert.deepEqual(json(event), { users: [{ external_id: 'xyz123', custom_events: [{ name: 'rented', first: '2026-11-27T10:00:00.000Z', last: '2026-11-28T10:00:00.000Z', count: 2 }] }], message: 'success' })
  const purchase = await rest(app, ws, '/users/track/sync', { purchases: [{ user_alias: { alias_name: 'a1', alias_label: 'crm' }, _update_existing_only: false, product_id: 'sku', currency: 'USD', price: 2, quantity: 3, time: '2026-11-28T10:00:00.000Z' }] })
  assert.deepEqual(json(purchase), { users: [{ user_alias: { alias_name: 'a1', alias_label: 'crm' }, purchase_events: [{ product_id: 'sku', first: '2026-11-28T10:00:00.000Z', last: '2026-11-28T10:00:00.000Z', count: 3 }] }], message: 'success' })
  const missing = await rest(app, ws, '/users/track/sync', { attributes: [{ external_id: 'nobody', _update_existing_only: true, plan: 'x' }] })
  assert.deepEqual(json(missing), { users: [], message: 'success' })
  const two = await rest(app, ws, '/users/track/sync', { attributes: [{ external_id: 'xyz123' }], events: [{ external_id: 'xyz123', name: 'e', time: '2026-11-28T10:00:00Z' }] })
  assert.deepEqual([two.statusCode, json(two)], [400, { message: 'Max Input Length Exceeded' }])
  assert.equal(two.headers['x-ratelimit-limit'], '500')
})

test('issue 9 point 10: /users/external_ids/rename keeps the old id resolving everywhere until /remove drops it', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ws = await restKeyFor(app, p.workspaceId)
  await seedUsers(app, ws.id, [{ external_id: 'old-1', custom_attributes: { plan: 'pro' } }, { external_id: 'taken' }])
  const res = await rest(app, ws, '/users/external_ids/rename', { external_id_renames: [
    { current_external_id: 'old-1', new_external_id: 'new-1' },
    { current_external_id: 'ghost', new_external_id: 'x' },
    { current_external_id: 'taken', new_external_id: 'new-1' },
    { current_external_id: 'taken', new_external_id: 'taken' }
  ] })
  assert.deepEqual([res.statusCode, json(res)], [201, {
    message: 'success',
    external_ids: ['old-1'],
    rename_errors: [
      [1, "'current_external_id' is not the primary external_id of any user"],
      [2, "'new_external_id' is already in use as a primary or deprecated external_id"],
      [3, "'current_external_id' and 'new_external_id' must be different"]
    ]
  }])
  // the deprecated id still names the user: export, track, cohort import
  assert.deepEqual((await exportIds(app, ws, { external_ids: ['old-1'], fields_to_export: ['external_id', 'custom_attributes'] })).users, [{ external_id: 'new-1', custom_attributes: { plan: 'pro' } }])
  await rest(app, ws, '/users/track', { attributes: [{ external_id: 'old-1', visits: 3 }] })
  assert.deepEqual((await exportIds(app, ws, { external_ids: ['new-1'], fields_to_export: ['custom_attributes'] })).users, [{ custom_attributes: { plan: 'pro', visits: 3 } }])
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', [{ user_ids: ['old-1'] }]))).statusCode, 201)
  assert.deepEqual(await members(app, p, 'c'), ['new-1'])
  // renaming to a deprecated id is refused; removing a primary id is a per-item error
  const again = await rest(app, ws, '/users/external_ids/rename', { external_id_renames: [{ current_external_id: 'taken', new_external_id: 'old-1' }] })
  assert.deepEqual(json(again).rename_errors, [[0, "'new_external_id' is already in use as a primary or deprecated external_id"]])
  const removed = await rest(app, ws, '/users/external_ids/remove', { external_ids: ['old-1', 'new-1'] })
  assert.deepEqual([removed.statusCode, json(removed)], [201, {
    message: 'success', removed_ids: ['old-1'], removal_errors: [[1, "'external_id' is not a deprecated external_id; only deprecated ids can be removed"]]
  }])
  assert.deepEqual(await exportIds(app, ws, { external_ids: ['old-1'], fields_to_export: ['external_id'] }), { message: 'success', users: [], invalid_user_ids: ['old-1'] })
  // after removal the old id is free: /users/track creates a new profile with it
  await rest(app, ws, '/users/track', { attributes: [{ external_id: 'old-1', plan: 'new' }] })
  assert.deepEqual((await exportIds(app, ws, { external_ids: ['old-1', 'new-1'], fields_to_export: ['external_id'] })).users, [{ external_id: 'old-1' }, { external_id: 'new-1' }])
  // bad input: Braze's statuses, nothing applied
  for (const [url, body, message] of [
    ['/users/external_ids/rename', { external_id_renames: [] }, "'external_id_renames' must be a non-empty array of objects with string 'current_external_id' and 'new_external_id'"],
    ['/users/external_ids/rename', { external_id_renames: [{ current_external_id: 1 }] }, "'external_id_renames' must be a non-empty array of objects with string 'current_external_id' and 'new_external_id'"],
    ['/users/external_ids/rename', { external_id_renames: Array.from({ length: 51 }, (_, i) => ({ current_external_id: `a${i}`, new_external_id: `b${i}` })) }, 'The max number of external_ids and aliases per request was exceeded'],
    ['/users/external_ids/remove', { external_ids: [] }, "'external_ids' must be a non-empty array of strings"]
  ] as const) {
    const bad = await rest(app, ws, url, body)
    assert.deepEqual([bad.statusCode, json(bad)], [400, { message }], url)
    assert.equal(bad.headers['x-ratelimit-limit'], '1000')
  }
})

test('issue 9 point 10: GET /custom_attributes, /events, /events/list and /purchases/product_list list what was ingested', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await rest(app, ws, '/users/track', {
    attributes: [{ external_id: 'u1', plan: 'pro', visits: 3, vip: true, tags: ['a'], address: { city: 'Paris' }, last_seen: '2026-11-28T12:00:00Z', orders: [{ id: 1 }] }],
    events: [{ external_id: 'u1', name: 'b_event', time: '2026-11-28T12:00:00Z' }, { external_id: 'u1', name: 'a_event', time: '2026-11-28T12:00:00Z' }],
    purchases: [{ external_id: 'u1', product_id: 'sku-2', currency: 'USD', price: 1, time: '2026-11-28T12:00:00Z' }]
  })
  const get = async (url: string) => app.inject({ url, headers: { authorization: `Bearer ${ws.key}` } })
  const attrs = await get('/custom_attributes')
  assert.equal(attrs.statusCode, 200)
  assert.deepEqual(json(attrs).attributes.map((a: any) => [a.name, a.data_type, a.array_length]), [
    ['address', 'Object', null], ['last_seen', 'Time', null], ['orders', 'Array of Objects', null], ['plan', 'String', null],
    ['tags', 'Array', 25], ['vip', 'Boolean', null], ['visits', 'Number', null]
  ])
  assert.deepEqual(json(attrs).attributes[0], { array_length: null, data_type: 'Object', description: null, name: 'address', status: 'Active', tag_names: [] })
  assert.equal(attrs.headers.link, undefined, 'one page: no Link header')
  assert.deepEqual(json(await get('/events/list')), { message: 'success', events: ['a_event', 'b_event'] })
  assert.deepEqual(json(await get('/events/list?page=1')), { message: 'success', events: [] })
  assert.deepEqual(json(await get('/events')).events.map((e: any) => e.name), ['a_event', 'b_event'])
  assert.deepEqual(json(await get('/purchases/product_list')), { products: ['sku-2'], message: 'success' })
  assert.equal((await get('/events/list')).headers['x-ratelimit-limit'], '1000')
  // paging: 50 a page, next/prev in the Link header
  await rest(app, ws, '/users/track', { attributes: [Object.fromEntries([['external_id', 'u2'], ...Array.from({ length: 60 }, (_, i) => [`attr_${String(i).padStart(2, '0')}`, i])])] })
  const first = await get('/custom_attributes')
  assert.equal(json(first).attributes.length, 50)
  const next = Buffer.from('skip:50').toString('base64')
  assert.equal(first.headers.link, `</custom_attributes?cursor=${next}>; rel="next"`)
  const second = await get(`/custom_attributes?cursor=${next}`)
  assert.equal(json(second).attributes.length, 17)
  assert.equal(second.headers.link, `</custom_attributes?cursor=${Buffer.from('skip:0').toString('base64')}>; rel="prev"`)
  const badCursor = await get('/custom_attributes?cursor=nope')
  assert.deepEqual([badCursor.statusCode, json(badCursor)], [400, { message: 'Invalid cursor' }])
  const badPage = await get('/events/list?page=-1')
  assert.deepEqual([badPage.statusCode, json(badPage)], [400, { message: 'page must be a non-negative integer (0 is the first page)' }])
  const narrow = await restWorkspace(app, ['users.track'])
  const denied = await app.inject({ url: '/custom_attributes', headers: { authorization: `Bearer ${narrow.key}` } })
  assert.deepEqual([denied.statusCode, json(denied)], [403, { message: 'Access Denied' }])
})

test('issue 9 point 10: deprecated external ids survive a snapshot and reload, and resolve in the reloaded workspace', async (t) => {
  const source = await buildTestApp(t)
  const ws = await restWorkspace(source)
  await seedUsers(source, ws.id, [{ external_id: 'old-1' }])
  await rest(source, ws, '/users/external_ids/rename', { external_id_renames: [{ current_external_id: 'old-1', new_external_id: 'new-1' }] })
  const snapshot = json(await source.inject({ url: `/_fake/workspaces/${ws.id}/snapshot` }))
  assert.deepEqual(snapshot.workspaces[0].users.map((u: any) => [u.external_id, u.deprecated_external_ids]), [['new-1', ['old-1']]])
  const target = await buildTestApp(t)
  assert.equal((await post(target, '/_fake/seed', snapshot)).statusCode, 201)
  const key = snapshot.workspaces[0].rest_api_keys[0].key
  const res = await post(target, '/users/export/ids', { external_ids: ['old-1'], fields_to_export: ['external_id'] }, { headers: { authorization: `Bearer ${key}` } })
  assert.deepEqual(json(res), { message: 'success', users: [{ external_id: 'new-1' }] })
  const clash = await post(target, '/_fake/seed', { version: 1, workspaces: [{ id: 'w2', users: [{ external_id: 'a' }, { external_id: 'b', deprecated_external_ids: ['a'] }] }] })
  assert.deepEqual([clash.statusCode, json(clash)], [409, { message: "workspaces[0].users[1].deprecated_external_ids: 'a' is also a primary external_id" }])
})
