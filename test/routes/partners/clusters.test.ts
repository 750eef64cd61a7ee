/** Cluster routing: Host header and path prefix select the cluster; keys only work on their own. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { members, provision, seedUsers, usersCall } from '../../factories.js'

test('a path prefix naming a REST host serves that cluster', async (t) => {
  const app = await buildTestApp(t)
  const eu = await provision(app, { cluster: 'fra-01' })
  await seedUsers(app, eu.workspaceId, [{ external_id: 'a' }])
  const res = await post(app, '/rest.fra-01.braze.eu/partners/hightouch/cohorts/users', usersCall(eu, 'c1', [{ user_ids: ['a'] }]))
  assert.equal(res.statusCode, 201)
  assert.deepEqual(await members(app, eu, 'c1'), ['a'])
})

test('a workspace\'s rest_endpoint reaches its cluster', async (t) => {
  const app = await buildTestApp(t)
  const ws = json(await post(app, '/_fake/workspaces', { cluster: 'au-01' }))
  assert.equal(ws.rest_host, 'https://rest.au-01.braze.com')
  assert.match(ws.rest_endpoint, /\/rest\.au-01\.braze\.com$/)
  const key = json(await post(app, `/_fake/workspaces/${ws.id}/partners/hightouch/data-import-keys`)).key
  const path = new URL(ws.rest_endpoint).pathname
  // AU takes the US partner key
  const res = await post(app, `${path}/partners/hightouch/cohorts/users`, { partner_api_key: 'fake-hightouch-us-partner-api-key', client_secret: key, cohort_id: 'c', cohort_changes: [] })
  assert.equal(res.statusCode, 201)
})

test('a data import key only works on its workspace\'s cluster', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app, { cluster: 'iad-03' })
  const wrong = await post(app, '/rest.iad-02.braze.com/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))
  assert.equal(wrong.statusCode, 401)
  assert.deepEqual(json(wrong), { message: 'Invalid client secret' })
  const right = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []), { headers: { host: 'rest.iad-03.braze.com' } })
  assert.equal(right.statusCode, 201)
  const hostHeader = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []), { headers: { host: 'rest.iad-01.braze.com' } })
  assert.equal(hostHeader.statusCode, 401, 'a Host that names another cluster is checked strictly')
  // A request that names no cluster is served on the cluster of its data import key (issue 9, point 1).
  const unnamed = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))
  assert.equal(unnamed.statusCode, 201, unnamed.body)
})

test('the EU partner key fails on US clusters', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const res = await post(app, '/partners/hightouch/cohorts/users', { ...usersCall(p, 'c1', []), partner_api_key: 'fake-hightouch-eu-partner-api-key' })
  assert.equal(res.statusCode, 401)
  assert.deepEqual(json(res), { message: 'Invalid Partner API key' })
})

test('an unknown REST host, by prefix or Host header, is 404 in JSON', async (t) => {
  const app = await buildTestApp(t)
  const a = await post(app, '/rest.iad-99.braze.com/partners/hightouch/cohorts', {})
  assert.equal(a.statusCode, 404)
  assert.match(json(a).message, /^Invalid URL: rest\.iad-99\.braze\.com/)
  const b = await post(app, '/partners/hightouch/cohorts', {}, { headers: { host: 'rest.nowhere-01.braze.eu' } })
  assert.equal(b.statusCode, 404)
})

test('the default cluster is configurable', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_CLUSTER: 'fra-02' })
  const p = await provision(app, { cluster: 'fra-02' })
  const res = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))
  assert.equal(res.statusCode, 201)
  const ws = json(await post(app, '/_fake/workspaces', {}))
  assert.equal(ws.cluster, 'fra-02')
})
