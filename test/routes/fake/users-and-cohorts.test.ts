import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { makeWorkspace, provision, seedUsers, usersCall } from '../../factories.js'

test('seeding users returns braze ids and the identifiers; users without external_id are anonymous', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  const users = await seedUsers(app, ws.id, [
    { external_id: 'e1', email: 'One@Example.com', aliases: [{ alias_name: 'n', alias_label: 'l' }] },
    { device_ids: ['d1', 'd2'] }
  ])
  assert.match(users[0]!.braze_id, /^[0-9a-f]{24}$/)
  assert.equal(users[0]!.external_id, 'e1')
  assert.equal(users[0]!.email, 'one@example.com', 'Braze lower-cases emails')
  assert.deepEqual(users[0]!.aliases, [{ alias_name: 'n', alias_label: 'l' }])
  assert.equal(users[1]!.external_id, undefined)
  assert.deepEqual(users[1]!.device_ids, ['d1', 'd2'])
})

test('seeding is all or none: a taken identifier is a 409 and nothing is created', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'e1', device_ids: ['d1'] }])
  for (const bad of [{ external_id: 'e1' }, { device_ids: ['d1'] }, { aliases: [{ alias_name: 'a', alias_label: 'x' }, { alias_name: 'b', alias_label: 'x' }] }]) {
    const res = await post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'fresh' }, bad] })
    assert.equal(res.statusCode, 409, JSON.stringify(bad))
    assert.match(json(res).message, /^users\[1\]/)
  }
  await seedUsers(app, ws.id, [{ external_id: 'fresh' }])
})

test('bad seed bodies are 400 naming the field; unknown workspaces 404', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  const res = await post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 42 }] })
  assert.equal(res.statusCode, 400)
  assert.match(json(res).message, /^body\.users\.0\.external_id: /)
  assert.equal((await post(app, `/_fake/workspaces/${ws.id}/users`, { users: [] })).statusCode, 400)
  assert.equal((await post(app, '/_fake/workspaces/none/users', { users: [{}] })).statusCode, 404)
})

test('members are paged with next_cursor and carry identifiers and added_at', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ids = Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, '0')}`)
  await seedUsers(app, p.workspaceId, ids.map((id) => ({ external_id: id, device_ids: [`d-${id}`] })))
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', [{ user_ids: ids }]))
  const base = `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1/members`
  const page1 = json(await app.inject({ url: `${base}?limit=10` }))
  assert.equal(page1.members.length, 10)
  assert.deepEqual(Object.keys(page1.members[0]).sort(), ['added_at', 'braze_id', 'device_ids', 'external_id'])
  const page2 = json(await app.inject({ url: `${base}?limit=10&cursor=${page1.next_cursor}` }))
  const page3 = json(await app.inject({ url: `${base}?limit=10&cursor=${page2.next_cursor}` }))
  assert.equal(page3.members.length, 5)
  assert.equal(page3.next_cursor, undefined)
  const seen = [...page1.members, ...page2.members, ...page3.members].map((m: { external_id: string }) => m.external_id)
  assert.deepEqual(seen, ids)
})

test('cohort lookups: bad cursor and limit are 400, unknown partner, cohort and workspace are 404', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))
  const base = `/_fake/workspaces/${p.workspaceId}`
  assert.equal((await app.inject({ url: `${base}/partners/hightouch/cohorts/c1/members?cursor=zzz` })).statusCode, 400)
  assert.equal((await app.inject({ url: `${base}/partners/hightouch/cohorts/c1/members?limit=0` })).statusCode, 400)
  assert.equal((await app.inject({ url: `${base}/partners/hightouch/cohorts/c1/members?limit=5000` })).statusCode, 400)
  assert.equal((await app.inject({ url: `${base}/partners/hightouch/cohorts/nope/members` })).statusCode, 404)
  assert.equal((await app.inject({ url: `${base}/partners/acme/cohorts/c1` })).statusCode, 404)
  assert.equal((await app.inject({ url: '/_fake/workspaces/none/cohorts' })).statusCode, 404)
  const badPartner = await app.inject({ url: `${base}/cohorts?partner=acme` })
  assert.equal(badPartner.statusCode, 400)
  assert.deepEqual(json(badPartner), { message: 'Unknown partner \'acme\'' })
})
