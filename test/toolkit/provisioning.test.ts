import { test } from 'node:test'
import assert from 'node:assert/strict'
import { REST_PERMISSIONS } from '../../src/domain/shared/rest-permissions.js'
import { buildTestApp, json, post } from '../helper.js'
import { ControlPlaneError, startFakeBraze } from '../../src/index.js'

test('POST /_fake/workspaces with partners provisions keys per partner, the partner API keys and a full REST key', async (t) => {
  const app = await buildTestApp(t)
  const res = await post(app, '/_fake/workspaces', { id: 'eu-ws', cluster: 'fra-01', partners: ['hightouch', 'census'] })
  assert.equal(res.statusCode, 201)
  const ws = json(res)
  assert.equal(ws.id, 'eu-ws')
  assert.equal(ws.rest_endpoint, 'http://localhost:80/rest.fra-01.braze.eu')
  assert.deepEqual(Object.keys(ws.data_import_keys), ['hightouch', 'census'])
  assert.deepEqual(ws.partner_api_keys.hightouch, { us: 'fake-hightouch-us-partner-api-key', eu: 'fake-hightouch-eu-partner-api-key', current: 'fake-hightouch-eu-partner-api-key' })
  const keys = json(await app.inject({ url: '/_fake/workspaces/eu-ws/rest-api-keys?reveal=true' })).rest_api_keys
  assert.equal(keys[0].key, ws.rest_api_key)
  assert.deepEqual([...keys[0].permissions].sort(), [...REST_PERMISSIONS].sort())
  const listed = json(await app.inject({ url: '/_fake/workspaces/eu-ws/partners/census/data-import-keys?reveal=true' })).data_import_keys
  assert.equal(listed[0].key, ws.data_import_keys.census)
})

test('without partners the workspace response is unchanged; an unknown partner is 400 naming it and creates nothing', async (t) => {
  const app = await buildTestApp(t)
  const plain = json(await post(app, '/_fake/workspaces', { id: 'plain' }))
  assert.deepEqual(Object.keys(plain).sort(), ['cluster', 'created_at', 'id', 'legacy_api_key', 'name', 'onboarded_at', 'pricing_model', 'rest_endpoint', 'rest_host'])
  const bad = await post(app, '/_fake/workspaces', { id: 'x', partners: ['hightouch', 'acme'] })
  assert.equal(bad.statusCode, 400)
  assert.deepEqual(json(bad), { message: 'body.partners[1]: unknown partner \'acme\'' })
  assert.equal((await app.inject({ url: '/_fake/workspaces/x' })).statusCode, 404)
})

test('startFakeBraze() listens on 127.0.0.1 and control.createWorkspace() returns everything a test needs in one call', async (t) => {
  const braze = await startFakeBraze()
  t.after(() => braze.close())
  assert.match(braze.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  assert.equal(ws.cluster, 'iad-01')
  assert.equal(ws.rest_endpoint, `${braze.url}/rest.iad-01.braze.com`)
  assert.equal(ws.partner_api_keys.hightouch!.current, 'fake-hightouch-us-partner-api-key')
  const res = await fetch(`${ws.rest_endpoint}/partners/hightouch/cohorts/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner_api_key: ws.partner_api_keys.hightouch!.current, client_secret: ws.data_import_keys.hightouch, cohort_id: 'c', cohort_changes: [] })
  })
  assert.equal(res.status, 201)
  const err = await braze.control.getWorkspace('nope').catch((e: unknown) => e)
  assert.ok(err instanceof ControlPlaneError)
  assert.equal(err.status, 404)
  assert.equal(err.message, 'GET /_fake/workspaces/nope → 404: Workspace nope not found')
})

test('startFakeBraze({ seed }) loads the seed before resolving, and a bad seed rejects with the field path', async (t) => {
  const braze = await startFakeBraze({ seed: { workspaces: [{ id: 'seeded', users: [{ external_id: 'u' }] }] } })
  t.after(() => braze.close())
  assert.equal((await braze.control.getWorkspace('seeded')).id, 'seeded')
  await assert.rejects(startFakeBraze({ seed: { workspaces: [{ id: 'x', users: [{ email: 5 }] }] } as never }), /^Error: seed: body\.workspaces\.0\.users\.0\.email: /)
})
