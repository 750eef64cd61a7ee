/** Time values at and past the edges: rejected with a 400 naming the field, and nothing stored can break a later read. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'
import { nameCall, provision, seedUsers, usersCall } from '../factories.js'

const MAX = '9999-12-31T23:59:59.999Z'
const MIN = '0000-01-01T00:00:00.000Z'

test('the clock: advance_ms and set beyond what dates can hold are 400s naming the field, and leave the clock where it was', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/clock', { set: '2030-01-01T00:00:00Z', freeze: true })
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ advance_ms: 8640000000000000 }, /^body\.advance_ms: /],
    [{ advance_ms: -8640000000000000 }, /^body\.advance_ms: /],
    [{ advance_ms: 1e300 }, /^body\.advance_ms: /],
    [{ set: '+275760-09-13T00:00:00Z' }, /^body\.set: /],
    [{ set: '10000-01-01T00:00:00Z' }, /^body\.set: /],
    [{ set: '9999-12-31T23:59:59-01:00' }, /^body\.set: must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59\.999Z/],
    [{ set: '0000-01-01T00:00:00+01:00' }, /^body\.set: must be between/],
    [{ set: MAX, advance_ms: 1 }, /^body\.advance_ms: /],
    [{ set: MIN, advance_ms: -1 }, /^body\.advance_ms: /]
  ]
  for (const [body, message] of cases) {
    const res = await post(app, '/_fake/clock', body)
    assert.equal(res.statusCode, 400, JSON.stringify(body))
    assert.match(json(res).message, message, JSON.stringify(body))
    assert.deepEqual(json(await app.inject({ url: '/_fake/clock' })), { now: '2030-01-01T00:00:00.000Z', frozen: true }, `${JSON.stringify(body)} moved nothing`)
  }
})

for (const edge of [MAX, MIN]) {
  test(`the clock at ${edge}: every write and every read of cohorts, members, users, snapshot and journal still answer`, async (t) => {
    const app = await buildTestApp(t)
    assert.equal((await post(app, '/_fake/clock', { set: edge, freeze: true })).statusCode, 200)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'u1', custom_events: [{ name: 'e', first: edge, last: edge, count: 1 }] }])
    assert.equal((await post(app, '/partners/hightouch/cohorts', nameCall(p, 'c', 'C', edge))).statusCode, 201)
    assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', [{ user_ids: ['u1'] }]))).statusCode, 201)
    const w = `/_fake/workspaces/${p.workspaceId}`
    for (const url of [`${w}/cohorts`, `${w}/partners/hightouch/cohorts/c`, `${w}/partners/hightouch/cohorts/c/members`, `${w}/user-profiles`, `${w}/snapshot`, '/_fake/requests']) {
      const res = await app.inject({ url })
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
    }
    assert.equal(json(await app.inject({ url: `${w}/partners/hightouch/cohorts/c/members` })).members[0].added_at, edge)
  })
}

test('timestamp inputs past year 9999 or before year 0 are 400s naming the field (cohort created_at as item 7, seeded users, seed files)', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const name = await post(app, '/partners/hightouch/cohorts', nameCall(p, 'c', 'C', '9999-12-31T23:59:59-05:00'))
  assert.equal(name.statusCode, 400)
  assert.equal(json(name).message, 'created_at must be a valid time as an ISO-8601 string')
  const users = await post(app, `/_fake/workspaces/${p.workspaceId}/users`, { users: [{ external_id: 'u', custom_events: [{ name: 'e', first: '2020-01-01T00:00:00Z', last: '9999-12-31T23:30:00-01:00', count: 1 }] }] })
  assert.equal(users.statusCode, 400)
  assert.match(json(users).message, /^body\.users\.0\.custom_events\.0\.last: must be between/)
  const seed = await post(app, '/_fake/seed', { workspaces: [{ id: 's', users: [{ external_id: 'u', events: [{ name: 'e', first: '0000-01-01T00:00:00+00:01' }] }] }] })
  assert.equal(seed.statusCode, 400)
  assert.match(json(seed).message, /workspaces\.0\.users\.0\.events\.0\.first: must be between/)
  assert.equal((await app.inject({ url: '/_fake/workspaces/s' })).statusCode, 404, 'nothing of the seed was stored')
})

test('/users/track (item 28) with times past year 9999 or past what Date holds: per-object errors, never a 5xx; the clock at the edge still exports', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/clock', { set: MAX, freeze: true })
  const ws = json(await post(app, '/_fake/workspaces', { id: 'w', partners: [] }))
  const auth = { headers: { authorization: `Bearer ${ws.rest_api_key}` } }
  for (const time of ['10000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 8.64e15, MAX, MIN]) {
    const res = await post(app, '/users/track', { attributes: [{ external_id: 'u1', plan: 'x' }], events: [{ external_id: 'u1', name: 'e', time }], purchases: [{ external_id: 'u1', product_id: 'p', currency: 'USD', price: 1, time }] }, auth)
    assert.equal(res.statusCode, 201, JSON.stringify(time))
    const edge = time === MAX || time === MIN
    assert.deepEqual([json(res).events_processed, json(res).purchases_processed], edge ? [1, 1] : [0, 0], JSON.stringify(time))
  }
  // a custom attribute's $time: stored as the time at the edge, dropped past it (item 43)
  assert.equal((await post(app, '/users/track', { attributes: [{ external_id: 'u1', when: { $time: MAX } }] }, auth)).statusCode, 201)
  assert.equal((await post(app, '/users/track', { attributes: [{ external_id: 'u1', plan: 'x', when: { $time: '10000-01-01T00:00:00Z' } }] }, auth)).statusCode, 201)
  const stored = json(await app.inject({ url: '/_fake/workspaces/w/user-profiles?external_id=u1' })).users[0].custom_attributes
  assert.deepEqual(stored, { plan: 'x', when: MAX })
  const exported = await post(app, '/users/export/ids', { external_ids: ['u1'], fields_to_export: ['created_at'] }, auth)
  assert.equal(exported.statusCode, 201)
  assert.equal(json(exported).users[0].created_at, '9999-12-31 23:59:59.999 UTC')
  for (const url of ['/_fake/workspaces/w/user-profiles', '/_fake/workspaces/w/snapshot', '/_fake/requests']) assert.equal((await app.inject({ url })).statusCode, 200, url)
})
