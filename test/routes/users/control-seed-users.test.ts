/**
 * POST /_fake/workspaces/{id}/users: what it writes (read back through the snapshot) and every
 * error it gives, with the user and identifier each names, and that a refused request writes nothing.
 * The identifier checks are set-based (one look-up per kind); these pin that they still answer
 * as a user-by-user insert would: the first conflict in request order, earlier users of the same
 * request counting as taken.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, json, post } from '../../helper.js'
import { makeWorkspace } from '../../factories.js'

const NOW = '2026-03-01T12:00:00.000Z'

async function setup (t: Parameters<typeof buildTestApp>[0]): Promise<{ app: FastifyInstance, ws: string }> {
  const app = await buildTestApp(t)
  assert.equal((await post(app, '/_fake/clock', { set: NOW, freeze: true })).statusCode, 200)
  return { app, ws: (await makeWorkspace(app)).id }
}

async function snapshotUsers (app: FastifyInstance, ws: string): Promise<Array<Record<string, unknown>>> {
  const res = await app.inject({ method: 'GET', url: `/_fake/workspaces/${ws}/snapshot` })
  assert.equal(res.statusCode, 200, res.body)
  return json(res).workspaces[0].users
}

const hex24 = /^[0-9a-f]{24}$/

test('writes each user as given: identifiers, normalised email and phone, profile, attributes, subscriptions, activity', async (t) => {
  const { app, ws } = await setup(t)
  const res = await post(app, `/_fake/workspaces/${ws}/users`, {
    users: [
      { external_id: 'a', braze_id: '5f0c6c5e8d4a4a439a4a1f0a', email: '  Ann@Example.COM ', phone: '(415) 555-2671', device_ids: ['d1', 'd1', 'd2'], aliases: [{ alias_name: 'ann', alias_label: 'crm' }, { alias_name: 'a1', alias_label: 'shop' }], profile: { first_name: 'Ann', country: 'US' }, custom_attributes: { plan: 'pro', visits: 3, tags: ['x'], nested: { k: null } }, email_subscribe: 'opted_in', push_subscribe: 'unsubscribed', total_revenue: 12.5, custom_events: [{ name: 'login', first: '2026-01-01T00:00:00Z', last: '2026-02-01T00:00:00Z', count: 4 }], purchases: [{ name: 'sku-1', first: '2026-01-05T00:00:00Z', last: '2026-01-05T00:00:00Z', count: 1 }] },
      { device_ids: ['anon-device'] },
      { external_id: 'c', phone: 'not a phone', aliases: [{ alias_name: 'c', alias_label: 'crm' }] }
    ]
  })
  assert.equal(res.statusCode, 201, res.body)
  const answered = json(res).users as Array<Record<string, unknown>>
  assert.match(String(answered[1]!.braze_id), hex24)
  assert.match(String(answered[2]!.braze_id), hex24)
  assert.notEqual(answered[1]!.braze_id, answered[2]!.braze_id)
  // the answer, byte for byte (generated braze ids put back in)
  assert.equal(res.body, JSON.stringify({
    users: [
      { braze_id: '5f0c6c5e8d4a4a439a4a1f0a', external_id: 'a', email: 'ann@example.com', phone: '+14155552671', device_ids: ['d1', 'd2'], aliases: [{ alias_name: 'ann', alias_label: 'crm' }, { alias_name: 'a1', alias_label: 'shop' }], profile: { first_name: 'Ann', country: 'US' }, custom_attributes: { plan: 'pro', visits: 3, tags: ['x'], nested: { k: null } }, created_at: NOW },
      { braze_id: answered[1]!.braze_id, device_ids: ['anon-device'], created_at: NOW },
      { braze_id: answered[2]!.braze_id, external_id: 'c', phone: 'not a phone', aliases: [{ alias_name: 'c', alias_label: 'crm' }], created_at: NOW }
    ]
  }))
  const users = await snapshotUsers(app, ws)
  for (const u of users) assert.ok(Number.isInteger(u.random_bucket) && (u.random_bucket as number) >= 0 && (u.random_bucket as number) < 10000)
  assert.deepEqual(users.map(({ random_bucket: _, ...u }) => u), [
    { braze_id: '5f0c6c5e8d4a4a439a4a1f0a', external_id: 'a', email: 'ann@example.com', phone: '+14155552671', device_ids: ['d1', 'd2'], aliases: [{ alias_name: 'ann', alias_label: 'crm' }, { alias_name: 'a1', alias_label: 'shop' }], profile: { first_name: 'Ann', country: 'US' }, custom_attributes: { plan: 'pro', visits: 3, tags: ['x'], nested: { k: null } }, email_subscribe: 'opted_in', push_subscribe: 'unsubscribed', total_revenue: 12.5, created_at: NOW, updated_at: NOW, events: [{ name: 'login', first: '2026-01-01T00:00:00.000Z', last: '2026-02-01T00:00:00.000Z', count: 4 }], purchases: [{ product_id: 'sku-1', first: '2026-01-05T00:00:00.000Z', last: '2026-01-05T00:00:00.000Z', count: 1, revenue: 0 }] },
    { braze_id: answered[1]!.braze_id, device_ids: ['anon-device'], profile: {}, custom_attributes: {}, total_revenue: 0, created_at: NOW, updated_at: NOW },
    { braze_id: answered[2]!.braze_id, external_id: 'c', phone: 'not a phone', aliases: [{ alias_name: 'c', alias_label: 'crm' }], profile: {}, custom_attributes: {}, total_revenue: 0, created_at: NOW, updated_at: NOW }
  ])
})

test('a large request keeps request order: pks, identifiers and answers line up user for user', async (t) => {
  const { app, ws } = await setup(t)
  const users = Array.from({ length: 1234 }, (_, i) => ({ external_id: `u${i}`, ...(i % 3 === 0 && { device_ids: [`d${i}`] }), ...(i % 7 === 0 && { aliases: [{ alias_name: `n${i}`, alias_label: 'l' }] }), custom_attributes: { i } }))
  const res = await post(app, `/_fake/workspaces/${ws}/users`, { users })
  assert.equal(res.statusCode, 201, res.body)
  const answered = json(res).users as Array<Record<string, any>>
  const stored = await snapshotUsers(app, ws)
  assert.deepEqual(stored.map((u) => [u.braze_id, u.external_id, u.device_ids, u.aliases, u.custom_attributes]),
    answered.map((u, i) => [u.braze_id, `u${i}`, u.device_ids, u.aliases, { i }]))
})

test('each conflict is a 409 naming the first offending user and identifier, and nothing is written', async (t) => {
  const { app, ws } = await setup(t)
  const seeded = await post(app, `/_fake/workspaces/${ws}/users`, {
    users: [{ external_id: 'taken', braze_id: '5f0c6c5e8d4a4a439a4a1f0b', device_ids: ['dev-taken'], aliases: [{ alias_name: 'n', alias_label: 'taken' }] }]
  })
  assert.equal(seeded.statusCode, 201, seeded.body)
  const before = await snapshotUsers(app, ws)
  const cases: Array<[string, Array<Record<string, unknown>>, string]> = [
    ['external_id already taken', [{ external_id: 'new' }, { external_id: 'taken' }], "users[1].external_id 'taken' already belongs to a user of this workspace"],
    ['external_id twice in the request', [{ external_id: 'x' }, { external_id: 'y' }, { external_id: 'x' }], "users[2].external_id 'x' already belongs to a user of this workspace"],
    ['braze_id already taken', [{ braze_id: '5f0c6c5e8d4a4a439a4a1f0b' }], "users[0].braze_id '5f0c6c5e8d4a4a439a4a1f0b' already belongs to a user of this workspace"],
    ['braze_id twice in the request', [{ braze_id: '5f0c6c5e8d4a4a439a4a1f0c' }, { external_id: 'z', braze_id: '5f0c6c5e8d4a4a439a4a1f0c' }], "users[1].braze_id '5f0c6c5e8d4a4a439a4a1f0c' already belongs to a user of this workspace"],
    ['device id already taken', [{ device_ids: ['fresh', 'dev-taken'] }], "users[0].device_ids: 'dev-taken' already belongs to a user"],
    ['device id on two users of the request', [{ device_ids: ['d'] }, { device_ids: ['e', 'd'] }], "users[1].device_ids: 'd' already belongs to a user"],
    ['two aliases of one label', [{ aliases: [{ alias_name: 'a', alias_label: 'l' }, { alias_name: 'b', alias_label: 'l' }] }], "users[0].aliases: a user holds one alias per label ('l' twice)"],
    ['alias already taken', [{ aliases: [{ alias_name: 'free', alias_label: 'other' }, { alias_name: 'n', alias_label: 'taken' }] }], 'users[0].aliases: taken/n already belongs to a user'],
    ['alias on two users of the request', [{ aliases: [{ alias_name: 'n2', alias_label: 'l' }] }, { aliases: [{ alias_name: 'n2', alias_label: 'l' }] }], 'users[1].aliases: l/n2 already belongs to a user'],
    // request order decides, and within a user: external_id, braze_id, device ids, aliases
    ['the first offending user wins', [{ external_id: 'ok' }, { device_ids: ['dev-taken'] }, { external_id: 'taken' }], "users[1].device_ids: 'dev-taken' already belongs to a user"],
    ['external_id before braze_id', [{ external_id: 'taken', braze_id: '5f0c6c5e8d4a4a439a4a1f0b' }], "users[0].external_id 'taken' already belongs to a user of this workspace"],
    ['braze_id before device ids', [{ braze_id: '5f0c6c5e8d4a4a439a4a1f0b', device_ids: ['dev-taken'] }], "users[0].braze_id '5f0c6c5e8d4a4a439a4a1f0b' already belongs to a user of this workspace"],
    ['device ids before aliases', [{ device_ids: ['dev-taken'], aliases: [{ alias_name: 'n', alias_label: 'taken' }] }], "users[0].device_ids: 'dev-taken' already belongs to a user"],
    ['label twice before a taken alias of that label', [{ aliases: [{ alias_name: 'q', alias_label: 'taken' }, { alias_name: 'n', alias_label: 'taken' }] }], "users[0].aliases: a user holds one alias per label ('taken' twice)"]
  ]
  for (const [name, users, message] of cases) {
    const res = await post(app, `/_fake/workspaces/${ws}/users`, { users })
    assert.deepEqual([res.statusCode, res.body], [409, JSON.stringify({ message })], name)
  }
  assert.deepEqual(await snapshotUsers(app, ws), before)
})

test('a deprecated external id (kept by a rename) is taken too', async (t) => {
  const app = await buildTestApp(t)
  const loaded = await post(app, '/_fake/seed', { version: 1, workspaces: [{ id: 'ws-dep', users: [{ external_id: 'current', deprecated_external_ids: ['old'] }] }] })
  assert.equal(loaded.statusCode, 201, loaded.body)
  const res = await post(app, '/_fake/workspaces/ws-dep/users', { users: [{ external_id: 'fresh' }, { external_id: 'old' }] })
  assert.deepEqual([res.statusCode, res.body], [409, JSON.stringify({ message: "users[1].external_id 'old' already belongs to a user of this workspace" })])
  assert.equal((await snapshotUsers(app, 'ws-dep')).length, 1)
})

test('identifiers are per workspace, and an unknown workspace is a 404', async (t) => {
  const { app, ws } = await setup(t)
  const other = (await makeWorkspace(app)).id
  const user = { external_id: 'same', braze_id: '5f0c6c5e8d4a4a439a4a1f0d', device_ids: ['same-device'], aliases: [{ alias_name: 'same', alias_label: 'crm' }] }
  assert.equal((await post(app, `/_fake/workspaces/${ws}/users`, { users: [user] })).statusCode, 201)
  assert.equal((await post(app, `/_fake/workspaces/${other}/users`, { users: [user] })).statusCode, 201)
  const missing = await post(app, '/_fake/workspaces/nope/users', { users: [user] })
  assert.equal(missing.statusCode, 404)
  assert.deepEqual(json(missing), { message: 'Workspace nope not found' })
})

test('a braze_id that is not 24 lowercase hex digits is refused, as seed files refuse it, and nothing is written', async (t) => {
  const { app, ws } = await setup(t)
  const res = await post(app, `/_fake/workspaces/${ws}/users`, { users: [{ external_id: 'ok', braze_id: '5f0c6c5e8d4a4a439a4a1f0a' }, { external_id: 'x', braze_id: 'braze-taken' }] })
  assert.equal(res.statusCode, 400, res.body)
  assert.match(json(res).message, /users\.1\.braze_id: must be 24 lowercase hex digits/)
  assert.deepEqual(await snapshotUsers(app, ws), [])
})
