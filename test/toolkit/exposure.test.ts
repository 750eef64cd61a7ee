/**
 * Safe when exposed (issue 13): off-loopback warning or refusal, the control token, masked key
 * listings, and callback_endpoint restricted to loopback unless allow-listed.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { buildTestApp, json, logSink, post } from '../helper.js'
import { provision } from '../factories.js'
import { makeSegment, restKey, restPost } from '../segment-factories.js'
import { ConfigError, testConfig } from '../../src/config.js'
import { startServer } from '../../src/server.js'
import { startFakeBraze } from '../../src/start.js'
import { checkExposure, isCallbackAllowed, isLoopbackHost } from '../../src/domain/shared/exposure.js'

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))
const TOKEN = 'control-token-0123456789'

test('exposure rules: loopback is quiet; elsewhere a token is required unless --insecure-control-plane, and both warn', () => {
  for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.equal(isLoopbackHost(h), true, h)
  for (const h of ['0.0.0.0', '::', '10.0.0.5', 'example.com', '128.0.0.1']) assert.equal(isLoopbackHost(h), false, h)
  assert.deepEqual(checkExposure({ host: '127.0.0.1', controlToken: undefined, insecureControlPlane: false }), {})
  assert.match(checkExposure({ host: '0.0.0.0', controlToken: undefined, insecureControlPlane: false }).refusal!, /refusing to listen on 0\.0\.0\.0.*--control-token.*--insecure-control-plane/)
  // the environment variables too, for images and CI services where there are no flags
  assert.match(checkExposure({ host: '0.0.0.0', controlToken: undefined, insecureControlPlane: false }).refusal!, /FAKE_BRAZE_CONTROL_TOKEN.*FAKE_BRAZE_INSECURE_CONTROL_PLANE=true/)
  assert.match(checkExposure({ host: '0.0.0.0', controlToken: undefined, insecureControlPlane: true }).warning!, /open to anyone/)
  assert.match(checkExposure({ host: '0.0.0.0', controlToken: TOKEN, insecureControlPlane: false }).warning!, /requires Authorization: Bearer/)
  assert.equal(isCallbackAllowed('http://127.0.0.1:9/x', []), true)
  assert.equal(isCallbackAllowed('http://localhost/x', []), true)
  assert.equal(isCallbackAllowed('http://example.com/x', []), false)
  assert.equal(isCallbackAllowed('http://169.254.169.254/latest/meta-data', []), false)
  assert.equal(isCallbackAllowed('http://example.com/x', ['example.com']), true)
  assert.equal(isCallbackAllowed('http://example.com:8080/x', ['example.com:8080']), true)
  assert.equal(isCallbackAllowed('http://other.com/x', ['example.com']), false)
  assert.equal(isCallbackAllowed('https://any.where/x', ['*']), true)
  assert.equal(isCallbackAllowed('file:///etc/passwd', ['*']), false)
})

test('binding beyond loopback: refused without a token, warned with --insecure-control-plane or a token', async (t) => {
  await assert.rejects(startServer(testConfig({ FAKE_BRAZE_HOST: '0.0.0.0' })), (err: Error) => err instanceof ConfigError && /refusing to listen on 0\.0\.0\.0/.test(err.message))
  for (const env of [{ FAKE_BRAZE_INSECURE_CONTROL_PLANE: 'true' }, { FAKE_BRAZE_CONTROL_TOKEN: TOKEN }]) {
    const sink = logSink()
    const server = await startServer(testConfig({ FAKE_BRAZE_HOST: '0.0.0.0', FAKE_BRAZE_LOG_LEVEL: 'warn', ...env }), { docs: false, logStream: sink.stream })
    t.after(() => server.close())
    const warning = sink.lines().find((l) => l.level === 40)
    assert.ok(warning !== undefined, 'a warning was logged')
    assert.match(String(warning.msg), /listens on 0\.0\.0\.0, beyond loopback/)
  }
  // the CLI says why and exits 1
  const { NODE_TEST_CONTEXT: _, ...env } = process.env
  const cli = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'serve', '--host', '0.0.0.0', '--port', '0', '--db', ':memory:'], { encoding: 'utf8', env })
  assert.equal(cli.status, 1)
  assert.match(cli.stderr, /^fake-braze: refusing to listen on 0\.0\.0\.0 \(not loopback\) without a control token/)
  assert.throws(() => testConfig({ FAKE_BRAZE_CONTROL_TOKEN: 'short' }), /FAKE_BRAZE_CONTROL_TOKEN must be at least 16 characters/)
})

test('--control-token: /_fake and /docs need the Bearer token; Braze endpoints, /health and export downloads do not', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_CONTROL_TOKEN: TOKEN }, { docs: true })
  for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: TOKEN }]) {
    const res = await post(app, '/_fake/workspaces', {}, { headers })
    assert.equal(res.statusCode, 401, JSON.stringify(headers))
    assert.deepEqual(json(res), { message: 'The control plane requires Authorization: Bearer <control token> (--control-token)' })
  }
  assert.equal((await app.inject({ url: '/_fake/requests' })).statusCode, 401)
  assert.equal((await app.inject({ url: '/docs/json' })).statusCode, 401)
  assert.equal((await app.inject({ url: '/rest.iad-01.braze.com/_fake/reset', method: 'POST' })).statusCode, 401, 'a cluster prefix does not get around it')
  const auth = { authorization: `Bearer ${TOKEN}` }
  assert.equal((await post(app, '/_fake/workspaces', { id: 'w' }, { headers: auth })).statusCode, 201)
  assert.equal((await app.inject({ url: '/docs/json', headers: auth })).statusCode, 200)
  assert.equal((await app.inject({ url: '/health' })).statusCode, 200)
  assert.deepEqual(json(await post(app, '/partners/hightouch/cohorts', { partner_api_key: 'x', client_secret: 'y', cohort_id: 'c', name: 'C', created_at: '2026-01-01T00:00:00Z' })).message, 'Invalid Partner API key')
  assert.equal((await app.inject({ url: '/_fake/exports/nothing-1.zip' })).statusCode, 404, 'downloads are open: the URL is the credential')

  // the control client sends the token
  const braze = await startFakeBraze({ env: { FAKE_BRAZE_CONTROL_TOKEN: TOKEN } })
  t.after(() => braze.close())
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  assert.equal((await fetch(`${braze.url}/_fake/workspaces/${ws.id}`)).status, 401)
  assert.equal((await braze.control.getWorkspace(ws.id)).id, ws.id)
})

test('key listings show keys masked unless ?reveal=true', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const rest = await restKey(app, p.workspaceId)
  const keys = `/_fake/workspaces/${p.workspaceId}`
  const masked = json(await app.inject({ url: `${keys}/rest-api-keys` })).rest_api_keys[0].key as string
  assert.equal(masked, `${rest.slice(0, 4)}…[masked]`)
  assert.equal(json(await app.inject({ url: `${keys}/rest-api-keys?reveal=true` })).rest_api_keys[0].key, rest)
  assert.equal(json(await app.inject({ url: `${keys}/partners/hightouch/data-import-keys` })).data_import_keys[0].key, `${p.secret.slice(0, 4)}…[masked]`)
  assert.equal(json(await app.inject({ url: `${keys}/partners/hightouch/data-import-keys?reveal=true` })).data_import_keys[0].key, p.secret)
  assert.equal((await app.inject({ url: `${keys}/rest-api-keys?reveal=yes` })).statusCode, 400)
})

for (const allow of [undefined, 'hooks.example.com'] as const) {
  test(`callback_endpoint (item 23): loopback always, other hosts ${allow === undefined ? 'refused by default' : 'when --callback-allow names them'}`, async (t) => {
    const app = await buildTestApp(t, allow === undefined ? {} : { FAKE_BRAZE_CALLBACK_ALLOW: allow })
    const p = await provision(app)
    await makeSegment(app, p.workspaceId, { filter: 'external_id', operator: 'exists' }, { id: 's' })
    await makeSegment(app, p.workspaceId, { filter: 'email', operator: 'exists' }, { id: 's2' })
    const key = await restKey(app, p.workspaceId)
    const remote = await restPost(app, key, '/users/export/segment', { segment_id: 's', fields_to_export: ['external_id'], callback_endpoint: 'http://hooks.example.com:1/ready' })
    if (allow === undefined) {
      assert.equal(remote.statusCode, 400)
      assert.equal(json(remote).message, 'callback_endpoint hooks.example.com:1 is not allowed: fake-braze calls back to loopback only, unless --callback-allow (FAKE_BRAZE_CALLBACK_ALLOW) names the host')
    } else {
      assert.equal(remote.statusCode, 201)
    }
    const local = await restPost(app, key, '/users/export/segment', { segment_id: 's2', fields_to_export: ['external_id'], callback_endpoint: 'http://127.0.0.1:1/ready' })
    assert.equal(local.statusCode, 201)
  })
}
