import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { members, provision, usersCall } from '../../factories.js'
import { exportIds, rest, restKeyFor, restWorkspace, seedUsers } from './rest.js'

async function memberCount (app: Awaited<ReturnType<typeof buildTestApp>>, workspaceId: string, cohortId: string): Promise<number> {
  return json(await app.inject({ url: `/_fake/workspaces/${workspaceId}/partners/hightouch/cohorts/${cohortId}` })).member_count
}

test('checklist 61, issue 9 point 7: /users/delete by external_ids → {"deleted": n}; the users leave every cohort (member_count too) and every export', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ws = await restKeyFor(app, p.workspaceId)
  await seedUsers(app, ws.id, [{ external_id: 'u1' }, { external_id: 'u2' }, { external_id: 'u3' }])
  for (const c of ['c1', 'c2']) await post(app, '/partners/hightouch/cohorts/users', usersCall(p, c, [{ user_ids: ['u1', 'u2', 'u3'] }]))
  const res = await rest(app, ws, '/users/delete', { external_ids: ['u1', 'u2', 'ghost'] })
  assert.equal(res.statusCode, 201)
  // "deleted": the number of user ids queued for deletion: all three, though 'ghost' matches nobody (issue 9, point 7)
  assert.deepEqual(json(res), { deleted: 3, message: 'success' })
  for (const c of ['c1', 'c2']) {
    assert.deepEqual(await members(app, p, c), ['u3'])
    assert.equal(await memberCount(app, p.workspaceId, c), 1)
  }
  assert.deepEqual(await exportIds(app, ws, { external_ids: ['u1', 'u3'], fields_to_export: ['external_id'] }), { message: 'success', users: [{ external_id: 'u3' }], invalid_user_ids: ['u1'] })
  // the external id is free again
  await seedUsers(app, ws.id, [{ external_id: 'u1' }])
})

test('delete by user_aliases, braze_ids, email_addresses (with prioritization) and phone_numbers', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const seeded = await seedUsers(app, ws.id, [
    { external_id: 'a', aliases: [{ alias_name: 'n', alias_label: 'l' }] },
    { external_id: 'b' },
    { external_id: 'c', email: 'shared@example.com' }, { email: 'shared@example.com' },
    { external_id: 'e', phone: '+15550100' }
  ])
  const del = async (body: unknown) => json(await rest(app, ws, '/users/delete', body)).deleted
  assert.equal(await del({ user_aliases: [{ alias_name: 'n', alias_label: 'l' }] }), 1)
  assert.equal(await del({ braze_ids: [seeded[1]!.braze_id] }), 1)
  assert.equal(await del({ email_addresses: ['shared@example.com'] }), 1, 'queued, though a plain email shared by two users deletes nobody')
  assert.equal(await del({ email_addresses: [{ email: 'shared@example.com', prioritization: ['identified'] }] }), 1)
  assert.equal(await del({ phone_numbers: ['+15550100'] }), 1)
  const left = await exportIds(app, ws, { email_address: 'shared@example.com', fields_to_export: ['external_id', 'email'] })
  assert.deepEqual(left.users, [{ email: 'shared@example.com' }])
  assert.deepEqual((await exportIds(app, ws, { external_ids: ['a', 'b', 'c', 'e'], fields_to_export: ['external_id'] })).users, [])
})

test('/users/delete wants exactly one identifier kind and at most 50 ids', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const cases: Array<[unknown, string]> = [
    [{ external_ids: ['a'], braze_ids: ['b'] }, "Exactly one of 'external_ids', 'user_aliases', 'braze_ids', 'email_addresses' or 'phone_numbers' must be included in a single request"],
    [{}, "Exactly one of 'external_ids', 'user_aliases', 'braze_ids', 'email_addresses' or 'phone_numbers' must be included in a single request"],
    [{ external_ids: Array.from({ length: 51 }, (_, i) => `u${i}`) }, 'The max number of ids per request was exceeded'],
    [{ braze_ids: 'x' }, "'braze_ids' must be an array of strings"]
  ]
  for (const [body, message] of cases) {
    const res = await rest(app, ws, '/users/delete', body)
    assert.deepEqual([res.statusCode, json(res)], [400, { message }])
  }
  const ok = await rest(app, ws, '/users/delete', { external_ids: Array.from({ length: 50 }, (_, i) => `u${i}`) })
  assert.deepEqual([ok.statusCode, json(ok)], [201, { deleted: 50, message: 'success' }])
})
