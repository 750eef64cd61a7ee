import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { makeWorkspace } from '../../factories.js'
import { findCluster } from '../../../src/domain/shared/clusters.js'
import { BrazeError } from '../../../src/domain/shared/errors.js'

const iad01 = findCluster('iad-01')!

test('REST API keys are issued with every permission by default, listed, and revoked', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  const base = `/_fake/workspaces/${ws.id}/rest-api-keys`
  const all = json(await post(app, base))
  assert.ok(all.permissions.includes('users.track'))
  assert.ok(all.permissions.includes('segments.list'))
  const narrow = await post(app, base, { permissions: ['users.export.ids'], key: 'ci-rest-key-1', name: 'export only' })
  assert.equal(narrow.statusCode, 201)
  assert.deepEqual(json(narrow).permissions, ['users.export.ids'])
  const list = json(await app.inject({ url: base })).rest_api_keys
  assert.deepEqual(list.map((k: { name: string }) => k.name), ['fake-braze key', 'export only'])
  const revoked = await app.inject({ method: 'DELETE', url: `${base}/ci-rest-key-1` })
  assert.equal(revoked.statusCode, 200)
  assert.ok(json(revoked).revoked_at)
  assert.equal((await app.inject({ method: 'DELETE', url: `${base}/nope-nope` })).statusCode, 404)
  const bad = await post(app, base, { permissions: ['users.fly'] })
  assert.equal(bad.statusCode, 400)
  assert.match(json(bad).message, /^body\.permissions\.0: /)
})

test('Bearer authentication: missing, unknown, quoted, revoked and other-cluster keys are 401 echoing the key; missing permission is 403', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  const eu = await makeWorkspace(app, { cluster: 'fra-01' })
  const key = json(await post(app, `/_fake/workspaces/${ws.id}/rest-api-keys`, { permissions: ['users.track'] })).key
  const euKey = json(await post(app, `/_fake/workspaces/${eu.id}/rest-api-keys`)).key
  const auth = app.services.restApiKeys
  const fails = (header: string | undefined, status: number, message: string) => assert.throws(
    () => auth.authenticate(header, iad01, 'users.track'),
    (e: BrazeError) => e.statusCode === status && e.message === message)

  assert.equal(auth.authenticate(`Bearer ${key}`, iad01, 'users.track').workspaceId, ws.id)
  fails(undefined, 401, 'Invalid API key: ')
  fails('Bearer nope', 401, 'Invalid API key: nope')
  fails(`Bearer "${key}"`, 401, `Invalid API key: "${key}"`)
  fails(`Bearer ${euKey}`, 401, `Invalid API key: ${euKey}`)
  assert.throws(() => auth.authenticate(`Bearer ${key}`, iad01, 'users.export.ids'), (e: BrazeError) => e.statusCode === 403 && e.message === 'Access Denied')
  await app.inject({ method: 'DELETE', url: `/_fake/workspaces/${ws.id}/rest-api-keys/${key}` })
  fails(`Bearer ${key}`, 401, `Invalid API key: ${key}`)
})
