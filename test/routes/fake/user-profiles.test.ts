import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { provision, seedUsers } from '../../factories.js'

test('user-profiles pages with limit and next_cursor, and each page continues where the last ended', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, Array.from({ length: 5 }, (_, i) => ({ external_id: `u${i}` })))
  const seen: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const res = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/user-profiles?limit=2${cursor === undefined ? '' : `&cursor=${cursor}`}` })
    assert.equal(res.statusCode, 200, res.body)
    const body = json(res)
    seen.push(...body.users.map((u: { external_id: string }) => u.external_id))
    cursor = body.next_cursor
    pages++
  } while (cursor !== undefined)
  assert.deepEqual(seen, ['u0', 'u1', 'u2', 'u3', 'u4'])
  assert.equal(pages, 3)
  // Without a limit the old answer stands: every user (up to 1,000) and no cursor.
  const all = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/user-profiles` }))
  assert.equal(all.users.length, 5)
  assert.equal(all.next_cursor, undefined)
})

test('user-profiles lists the partner cohorts each user is in now', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [{ external_id: 'a' }, { external_id: 'b' }])
  const auth = { partner_api_key: p.partnerApiKey, client_secret: p.secret }
  assert.equal((await post(app, '/partners/hightouch/cohorts', { ...auth, cohort_id: 'vip', name: 'VIP', created_at: '2026-01-01T00:00:00Z' })).statusCode, 201)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', { ...auth, cohort_id: 'vip', cohort_changes: [{ user_ids: ['a', 'b'] }] })).statusCode, 201)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', { ...auth, cohort_id: 'new', cohort_changes: [{ user_ids: ['a'] }, { user_ids: ['b'], should_remove: true }] })).statusCode, 201)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', { ...auth, cohort_id: 'vip', cohort_changes: [{ user_ids: ['b'], should_remove: true }] })).statusCode, 201)
  const users = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/user-profiles` })).users
  assert.deepEqual(users.map((u: { external_id: string, cohorts: unknown }) => [u.external_id, u.cohorts]), [
    ['a', [{ partner: 'hightouch', cohort_id: 'new', name: 'new' }, { partner: 'hightouch', cohort_id: 'vip', name: 'VIP' }]],
    ['b', []]
  ])
})

test('user-profiles refuses a cursor it did not issue and a limit out of range, naming the field', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const bad = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/user-profiles?cursor=abc` })
  assert.equal(bad.statusCode, 400)
  assert.deepEqual(json(bad), { message: 'querystring.cursor: not a next_cursor returned by this endpoint' })
  const big = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/user-profiles?limit=1001` })
  assert.equal(big.statusCode, 400)
  assert.match(json(big).message, /limit/)
})
