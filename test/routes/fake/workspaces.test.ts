import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { makeKey, provision, seedUsers, usersCall } from '../../factories.js'

test('POST /_fake/workspaces creates a workspace on the default cluster with a generated id', async (t) => {
  const app = await buildTestApp(t)
  const res = await post(app, '/_fake/workspaces', { name: 'Acme' })
  assert.equal(res.statusCode, 201)
  const ws = json(res)
  assert.match(ws.id, /^[0-9a-f-]{36}$/)
  assert.equal(ws.name, 'Acme')
  assert.equal(ws.cluster, 'iad-01')
  assert.equal(ws.rest_endpoint, 'http://localhost:80/rest.iad-01.braze.com')
  assert.ok(!Number.isNaN(Date.parse(ws.created_at)))
})

test('a workspace can be created with no body, with a fixed id, and a taken id is 409', async (t) => {
  const app = await buildTestApp(t)
  assert.equal((await post(app, '/_fake/workspaces')).statusCode, 201)
  assert.equal((await post(app, '/_fake/workspaces', { id: 'ci-ws' })).statusCode, 201)
  const dup = await post(app, '/_fake/workspaces', { id: 'ci-ws' })
  assert.equal(dup.statusCode, 409)
  assert.deepEqual(json(dup), { message: 'Workspace ci-ws already exists' })
})

test('an unknown cluster or a bad field is a 400 naming the field', async (t) => {
  const app = await buildTestApp(t)
  const res = await post(app, '/_fake/workspaces', { cluster: 'iad-99' })
  assert.equal(res.statusCode, 400)
  assert.match(json(res).message, /^body\.cluster: /)
  const name = await post(app, '/_fake/workspaces', { name: 5 })
  assert.equal(name.statusCode, 400)
  assert.match(json(name).message, /^body\.name: /)
})

test('GET lists workspaces and GET one returns it; unknown ids are 404 JSON', async (t) => {
  const app = await buildTestApp(t)
  const a = json(await post(app, '/_fake/workspaces', { id: 'a' }))
  await post(app, '/_fake/workspaces', { id: 'b', cluster: 'fra-01' })
  const list = json(await app.inject({ url: '/_fake/workspaces' }))
  assert.deepEqual(list.workspaces.map((w: { id: string }) => w.id), ['a', 'b'])
  assert.deepEqual(json(await app.inject({ url: '/_fake/workspaces/a' })), a)
  const missing = await app.inject({ url: '/_fake/workspaces/zzz' })
  assert.equal(missing.statusCode, 404)
  assert.deepEqual(json(missing), { message: 'Workspace zzz not found' })
})

test('DELETE removes one workspace with its keys, users and cohorts, leaving others untouched', async (t) => {
  const app = await buildTestApp(t)
  const a = await provision(app)
  const b = await provision(app)
  for (const p of [a, b]) {
    await seedUsers(app, p.workspaceId, [{ external_id: 'u1' }])
    await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', [{ user_ids: ['u1'] }]))
  }
  const del = await app.inject({ method: 'DELETE', url: `/_fake/workspaces/${a.workspaceId}` })
  assert.equal(del.statusCode, 204)
  assert.equal((await app.inject({ url: `/_fake/workspaces/${a.workspaceId}` })).statusCode, 404)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(a, 'c1', []))).statusCode, 401)
  const bCohort = json(await app.inject({ url: `/_fake/workspaces/${b.workspaceId}/partners/hightouch/cohorts/c1` }))
  assert.equal(bCohort.member_count, 1)
  assert.equal((await app.inject({ method: 'DELETE', url: `/_fake/workspaces/${a.workspaceId}` })).statusCode, 404)
})

test('POST /_fake/reset wipes everything', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await makeKey(app, p.workspaceId, 'census')
  const res = await post(app, '/_fake/reset')
  assert.equal(res.statusCode, 204)
  assert.deepEqual(json(await app.inject({ url: '/_fake/workspaces' })), { workspaces: [] })
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))).statusCode, 401)
})
