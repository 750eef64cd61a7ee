import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json } from '../../helper.js'
import { exportIds, rest, restWorkspace, seedUsers } from './rest.js'

const NOW = Date.parse('2026-11-28T12:00:00.000Z')
const clock = { now: () => NOW }

test('checklist 53: known and unknown external_ids → only the requested fields of the known user, the unknown in invalid_user_ids', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'known', email: 'k@example.com', profile: { first_name: 'Kim' }, custom_attributes: { plan: 'gold' } }])
  const res = await rest(app, ws, '/users/export/ids', { external_ids: ['known', 'unknown'], fields_to_export: ['external_id', 'custom_attributes'] })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), {
    message: 'success',
    users: [{ external_id: 'known', custom_attributes: { plan: 'gold' } }],
    invalid_user_ids: ['unknown']
  })
})

test('checklist 54: 51 external_ids → 400 The max number of external_ids and aliases per request was exceeded', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const res = await rest(app, ws, '/users/export/ids', { external_ids: Array.from({ length: 51 }, (_, i) => `u${i}`) })
  assert.equal(res.statusCode, 400)
  assert.deepEqual(json(res), { message: 'The max number of external_ids and aliases per request was exceeded' })
})

test('the 50-identifier cap counts external_ids and user_aliases together; exactly 50 is accepted', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const ids = Array.from({ length: 30 }, (_, i) => `u${i}`)
  const aliases = (n: number) => Array.from({ length: n }, (_, i) => ({ alias_name: `a${i}`, alias_label: 'l' }))
  const over = await rest(app, ws, '/users/export/ids', { external_ids: ids, user_aliases: aliases(21) })
  assert.equal(over.statusCode, 400)
  assert.deepEqual(json(over), { message: 'The max number of external_ids and aliases per request was exceeded' })
  const body = await exportIds(app, ws, { external_ids: ids, user_aliases: aliases(20), fields_to_export: ['external_id'] })
  assert.deepEqual(body.users, [])
  assert.equal(body.invalid_user_ids.length, 50)
})

test('checklist 55: external_ids and user_aliases mixed in one request are both resolved, in request order', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [
    { external_id: 'e1' },
    { aliases: [{ alias_name: 'rs-1', alias_label: 'rudder_id' }] },
    { external_id: 'e2', aliases: [{ alias_name: 'rs-2', alias_label: 'rudder_id' }] }
  ])
  const body = await exportIds(app, ws, {
    external_ids: ['e1', 'e2'],
    user_aliases: [{ alias_name: 'rs-1', alias_label: 'rudder_id' }, { alias_name: 'rs-2', alias_label: 'rudder_id' }, { alias_name: 'gone', alias_label: 'rudder_id' }],
    fields_to_export: ['external_id', 'user_aliases']
  })
  assert.deepEqual(body, {
    message: 'success',
    users: [
      { external_id: 'e1' },
      { external_id: 'e2', user_aliases: [{ alias_name: 'rs-2', alias_label: 'rudder_id' }] },
      { user_aliases: [{ alias_name: 'rs-1', alias_label: 'rudder_id' }] }
    ],
    invalid_user_ids: ['gone']
  })
})

test('checklist 56: exported email is lower-cased and custom_attributes keep booleans, numbers, arrays and nested objects', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const attrs = { vip: true, churned: false, points: 107, ratio: 0.25, tags: ['a', 'b'], address: { city: 'Paris', geo: { lat: 48.85 } }, pets: [{ type: 'dog', age: 3 }], signup: '2026-01-02T03:04:05.000Z', note: null }
  await seedUsers(app, ws.id, [{ external_id: 'u1', email: 'Mixed.Case@Example.COM', custom_attributes: attrs }])
  const body = await exportIds(app, ws, { external_ids: ['u1'], fields_to_export: ['email', 'custom_attributes'] })
  assert.deepEqual(body, { message: 'success', users: [{ email: 'mixed.case@example.com', custom_attributes: attrs }] })
})

test('checklist 57: an email_address probe for a non-existent user → users: [] and the address in invalid_user_ids', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const res = await rest(app, ws, '/users/export/ids', { email_address: 'nobody@example.com', fields_to_export: ['braze_id', 'user_aliases'] })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), { message: 'success', users: [], invalid_user_ids: ['nobody@example.com'] })
})

test('the full export object: every set field in the sample order, summaries with ISO times, unset fields absent', async (t) => {
  const app = await buildTestApp(t, {}, { clock })
  const ws = await restWorkspace(app)
  const [seeded] = await seedUsers(app, ws.id, [{
    braze_id: '5fbd99bac125ca40511f2cb1',
    external_id: 'A8i3mkd99',
    aliases: [{ alias_name: 'user_123', alias_label: 'amplitude_id' }],
    device_ids: ['dev-1'],
    email: 'Example@Braze.com',
    phone: '+442071838750',
    profile: { gender: 'F', first_name: 'Jane', last_name: 'Doe', dob: '1980-12-21', home_city: 'Chicago', country: 'US', language: 'en', time_zone: 'America/Chicago', last_coordinates: [-87.83, 41.84], attributed_source: 'src' },
    custom_attributes: { loyaltyPoints: 321 },
    custom_events: [{ name: 'Loyalty Acknowledgement', first: '2026-01-01T10:00:00Z', last: '2026-11-27T17:02:43.032Z', count: 4 }, { name: 'stale', first: '2025-01-01T00:00:00Z', last: '2025-06-01T00:00:00Z', count: 1 }],
    purchases: [{ name: 'item_40834', first: '2026-09-05T03:45:50.540Z', last: '2026-11-03T17:30:41.201Z', count: 10 }],
    email_subscribe: 'subscribed',
    push_subscribe: 'opted_in',
    total_revenue: 65
  }])
  // onboarded before 2024-08-22: fields_to_export may be left out, and every field is exported
  assert.equal((await app.inject({ method: 'PATCH', url: `/_fake/workspaces/${ws.id}`, payload: { onboarded_at: '2024-08-21' } })).statusCode, 200)
  const body = await exportIds(app, ws, { braze_id: '5fbd99bac125ca40511f2cb1' })
  const user = body.users[0]
  assert.deepEqual(Object.keys(body), ['message', 'users'])
  assert.deepEqual(user, {
    created_at: '2026-11-28 12:00:00.000 UTC',
    external_id: 'A8i3mkd99',
    user_aliases: [{ alias_name: 'user_123', alias_label: 'amplitude_id' }],
    braze_id: '5fbd99bac125ca40511f2cb1',
    random_bucket: user.random_bucket,
    first_name: 'Jane',
    last_name: 'Doe',
    email: 'example@braze.com',
    dob: '1980-12-21',
    home_city: 'Chicago',
    country: 'US',
    phone: '+442071838750',
    language: 'en',
    time_zone: 'America/Chicago',
    last_coordinates: [-87.83, 41.84],
    gender: 'F',
    total_revenue: 65,
    attributed_source: 'src',
    push_subscribe: 'opted_in',
    email_subscribe: 'subscribed',
    custom_attributes: { loyaltyPoints: 321 },
    custom_events: [{ name: 'Loyalty Acknowledgement', first: '2026-01-01T10:00:00.000Z', last: '2026-11-27T17:02:43.032Z', count: 4 }],
    purchases: [{ name: 'item_40834', first: '2026-09-05T03:45:50.540Z', last: '2026-11-03T17:30:41.201Z', count: 10 }],
    devices: [{ device_id: 'dev-1' }]
  })
  assert.deepEqual(Object.keys(user), [
    'created_at', 'external_id', 'user_aliases', 'braze_id', 'random_bucket', 'first_name', 'last_name', 'email', 'dob', 'home_city',
    'country', 'phone', 'language', 'time_zone', 'last_coordinates', 'gender', 'total_revenue', 'attributed_source', 'push_subscribe',
    'email_subscribe', 'custom_attributes', 'custom_events', 'purchases', 'devices'
  ], 'keys go out in the doc sample order')
  assert.ok(Number.isInteger(user.random_bucket) && user.random_bucket >= 0 && user.random_bucket <= 9999)
  assert.equal(seeded!.braze_id, '5fbd99bac125ca40511f2cb1')
})

test('device_id, phone and braze_id each find their user; a user matched twice is exported once', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const [u] = await seedUsers(app, ws.id, [{ external_id: 'u1', device_ids: ['dev-1'], phone: '+15550001' }])
  for (const probe of [{ device_id: 'dev-1' }, { phone: '+15550001' }, { braze_id: u!.braze_id }, { external_ids: ['u1'], braze_id: u!.braze_id, device_id: 'dev-1' }]) {
    const body = await exportIds(app, ws, { ...probe, fields_to_export: ['external_id'] })
    assert.deepEqual(body, { message: 'success', users: [{ external_id: 'u1' }] }, JSON.stringify(probe))
  }
})

test('an email shared by several users returns all of them (case-insensitive lookup)', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'a', email: 'shared@example.com' }, { email: 'shared@example.com' }, { external_id: 'c', email: 'other@example.com' }])
  const body = await exportIds(app, ws, { email_address: 'Shared@Example.com', fields_to_export: ['external_id', 'email'] })
  assert.deepEqual(body, { message: 'success', users: [{ external_id: 'a', email: 'shared@example.com' }, { email: 'shared@example.com' }] })
})

test('only one of device_id, email_address and phone per request → 400', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const res = await rest(app, ws, '/users/export/ids', { device_id: 'd', email_address: 'a@b.c' })
  assert.equal(res.statusCode, 400)
  assert.deepEqual(json(res), { message: 'Only one of device_id, email_address or phone may be included in a single request' })
})

test('unknown fields_to_export names, a request without identifiers, and wrong types are 400s', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const cases: Array<[unknown, string]> = [
    [{ external_ids: ['x'], fields_to_export: ['email', 'shoe_size', 'favourite'] }, 'fields_to_export contains invalid field(s): shoe_size, favourite'],
    [{ fields_to_export: ['email'] }, 'One of external_ids, user_aliases, device_id, braze_id, email_address or phone is required'],
    [{ external_ids: 'u1' }, "'external_ids' must be an array of strings"],
    [{ user_aliases: [{ alias_name: 'n' }] }, "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label'"],
    // an integer would be an id's decimal string (the leniency model); a boolean is refused
    [{ device_id: true }, "'device_id' must be a string"],
    [{ external_ids: ['x'], fields_to_export: 'email' }, "'fields_to_export' must be an array of strings"]
  ]
  for (const [body, message] of cases) {
    const res = await rest(app, ws, '/users/export/ids', body)
    assert.equal(res.statusCode, 400, JSON.stringify(body))
    assert.deepEqual(json(res), { message })
  }
})

test('users of another workspace are invisible, and a key without users.export.ids is 403', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const other = await restWorkspace(app)
  await seedUsers(app, other.id, [{ external_id: 'theirs', device_ids: ['their-device'] }])
  const body = await exportIds(app, ws, { external_ids: ['theirs'], device_id: 'their-device', fields_to_export: ['external_id'] })
  assert.deepEqual(body, { message: 'success', users: [], invalid_user_ids: ['theirs', 'their-device'] })
  const narrow = await restWorkspace(app, ['users.track'])
  const res = await rest(app, narrow, '/users/export/ids', { external_ids: ['x'] })
  assert.equal(res.statusCode, 403)
  assert.deepEqual(json(res), { message: 'Access Denied' })
})
