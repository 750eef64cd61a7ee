/**
 * The users section of a seed file: every conflict names the first offending user of the file
 * (checks are set-based and writes multi-row, so these pin the order a user-by-user load gives),
 * nothing is written when one is refused, and what is written reads back unchanged.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'

const B1 = '5f0c6c5e8d4a4a439a4a1f01'

test('seed-file user conflicts: the first in file order, with its message, and no workspace written', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[Array<Record<string, unknown>>, string]> = [
    [[{ braze_id: B1 }, { external_id: 'x', braze_id: B1 }], `workspaces[0].users[1].braze_id: '${B1}' is already in use`],
    [[{ external_id: 'a' }, { external_id: 'b' }, { external_id: 'a' }], "workspaces[0].users[2].external_id: 'a' appears twice"],
    [[{ device_ids: ['d', 'd'] }], "workspaces[0].users[0].device_ids: 'd' already belongs to a user"],
    [[{ device_ids: ['d'] }, { device_ids: ['e', 'd'] }], "workspaces[0].users[1].device_ids: 'd' already belongs to a user"],
    [[{ aliases: [{ alias_name: 'n', alias_label: 'l' }] }, { aliases: [{ alias_name: 'n', alias_label: 'l' }] }], 'workspaces[0].users[1].aliases: l/n is taken or a second alias for its label'],
    [[{ aliases: [{ alias_name: 'n', alias_label: 'l' }, { alias_name: 'm', alias_label: 'l' }] }], 'workspaces[0].users[0].aliases: l/m is taken or a second alias for its label'],
    [[{ external_id: 'p', deprecated_external_ids: ['o'] }, { external_id: 'q', deprecated_external_ids: ['o'] }], "workspaces[0].users[1].deprecated_external_ids: 'o' appears twice"],
    [[{ external_id: 'p', deprecated_external_ids: ['q'] }, { external_id: 'q' }], "workspaces[0].users[0].deprecated_external_ids: 'q' is also a primary external_id"],
    [[{ external_id: 'ok' }, { device_ids: ['z'], events: [{ name: 'e' }, { name: 'e' }] }, { external_id: 'ok' }], "workspaces[0].users[1].events[1]: 'e' appears twice"],
    [[{ external_id: 'ok', device_ids: ['z'] }, { external_id: 'ok', device_ids: ['z'] }], "workspaces[0].users[1].external_id: 'ok' appears twice"]
  ]
  for (const [users, message] of cases) {
    const res = await post(app, '/_fake/seed', { version: 1, workspaces: [{ id: 'w', users }] })
    assert.deepEqual([res.statusCode, json(res)], [409, { message }], message)
    assert.equal((await app.inject({ method: 'GET', url: '/_fake/workspaces/w' })).statusCode, 404)
  }
})

test('seed-file users read back as written, in file order', async (t) => {
  const app = await buildTestApp(t)
  const users = [
    { braze_id: B1, external_id: 'a', email: ' A@Example.com', phone: '(415) 555-2671', device_ids: ['d1', 'd2'], aliases: [{ alias_name: 'n', alias_label: 'l' }], deprecated_external_ids: ['old-a'], profile: { first_name: 'A' }, custom_attributes: { plan: 'pro', n: [1, { x: true }] }, email_subscribe: 'opted_in', push_subscribe: 'subscribed', random_bucket: 17, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', events: [{ name: 'login', first: '2026-01-01T00:00:00.000Z', last: '2026-01-03T00:00:00.000Z', count: 2 }], purchases: [{ product_id: 'p', first: '2026-01-01T00:00:00.000Z', revenue: 9.5 }] },
    ...Array.from({ length: 120 }, (_, i) => ({ external_id: `u${i}`, random_bucket: i, created_at: '2026-01-05T00:00:00.000Z', ...(i % 2 === 0 && { device_ids: [`dev${i}`] }), ...(i % 3 === 0 && { aliases: [{ alias_name: `al${i}`, alias_label: 'crm' }] }) }))
  ]
  const res = await post(app, '/_fake/seed', { version: 1, workspaces: [{ id: 'w', users }] })
  assert.equal(res.statusCode, 201, res.body)
  const snap = await app.inject({ method: 'GET', url: '/_fake/workspaces/w/snapshot' })
  const stored = json(snap).workspaces[0].users as Array<Record<string, unknown>>
  assert.equal(stored.length, 121)
  const { braze_id: _, ...first } = stored[0]!
  assert.deepEqual(first, {
    external_id: 'a', email: 'a@example.com', phone: '+14155552671', device_ids: ['d1', 'd2'], aliases: [{ alias_name: 'n', alias_label: 'l' }], deprecated_external_ids: ['old-a'],
    profile: { first_name: 'A' }, custom_attributes: { plan: 'pro', n: [1, { x: true }] }, email_subscribe: 'opted_in', push_subscribe: 'subscribed', random_bucket: 17, total_revenue: 9.5,
    created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z',
    events: [{ name: 'login', first: '2026-01-01T00:00:00.000Z', last: '2026-01-03T00:00:00.000Z', count: 2 }],
    purchases: [{ product_id: 'p', first: '2026-01-01T00:00:00.000Z', last: '2026-01-01T00:00:00.000Z', count: 1, revenue: 9.5 }]
  })
  assert.equal(stored[0]!.braze_id, B1)
  stored.slice(1).forEach((u, i) => {
    assert.match(String(u.braze_id), /^[0-9a-f]{24}$/)
    assert.deepEqual([u.external_id, u.random_bucket, u.device_ids, u.aliases], [`u${i}`, i, i % 2 === 0 ? [`dev${i}`] : undefined, i % 3 === 0 ? [{ alias_name: `al${i}`, alias_label: 'crm' }] : undefined])
  })
  // a snapshot reloads into an identical workspace
  const again = await buildTestApp(t)
  assert.equal((await post(again, '/_fake/seed', json(snap))).statusCode, 201)
  assert.equal((await again.inject({ method: 'GET', url: '/_fake/workspaces/w/snapshot' })).body, snap.body)
})
