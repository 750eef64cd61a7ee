/** No log line may carry partner_api_key, client_secret, an Authorization header or a key in a URL. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, logSink, post } from './helper.js'
import { makeKey, provision, usersCall } from './factories.js'

test('secrets never reach the log, on success, on every error path and at trace level', async (t) => {
  const sink = logSink()
  const app = await buildTestApp(t, { FAKE_BRAZE_LOG_LEVEL: 'trace' }, { logStream: sink.stream })
  const p = await provision(app)
  const census = await makeKey(app, p.workspaceId, 'census')
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', [{ user_ids: ['a'] }]), { headers: { authorization: 'Bearer super-secret-rest-key' } })
  await post(app, '/partners/hightouch/cohorts/users', { ...usersCall(p, 'c1', []), client_secret: census })
  await post(app, '/partners/hightouch/cohorts', { ...usersCall(p, 'c1', []), created_at: 'x' })
  await post(app, '/partners/hightouch/cohorts', '{"client_secret":"' + p.secret + '", bad', { headers: { 'content-type': 'application/json' } })
  // the legacy api_key, in the query string and in the body (issue 9 point 2)
  const rest = json(await post(app, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`, {})).key
  assert.equal((await app.inject({ url: `/segments/list?page=0&api_key=${rest}` })).statusCode, 200)
  assert.equal((await post(app, '/users/track', { api_key: rest, attributes: 'bad' })).statusCode, 400)
  await post(app, `/_fake/workspaces/${p.workspaceId}/partners/hightouch/data-import-keys/${p.secret}/invalidate`)
  const text = sink.text()
  assert.ok(text.length > 0)
  assert.ok(text.includes('api_key=[masked]'))
  for (const secret of [p.secret, census, p.partnerApiKey, 'super-secret-rest-key', rest]) {
    assert.ok(!text.includes(secret), `log contains ${secret}`)
  }
})

test('one line per request with method, masked url, cluster, status and duration', async (t) => {
  const sink = logSink()
  const app = await buildTestApp(t, { FAKE_BRAZE_LOG_LEVEL: 'info' }, { logStream: sink.stream })
  const p = await provision(app)
  const before = sink.lines().length
  const res = await post(app, '/rest.fra-01.braze.eu/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))
  assert.equal(json(res).message, 'Invalid Partner API key')
  const lines = sink.lines().slice(before)
  assert.equal(lines.length, 1)
  assert.equal(lines[0]!.method, 'POST')
  assert.equal(lines[0]!.url, '/rest.fra-01.braze.eu/partners/hightouch/cohorts/users')
  assert.equal(lines[0]!.cluster, 'fra-01')
  assert.equal(lines[0]!.status, 401)
  assert.equal(typeof lines[0]!.ms, 'number')
  const inv = await post(app, `/_fake/workspaces/${p.workspaceId}/partners/hightouch/data-import-keys/${p.secret}/invalidate`)
  assert.equal(inv.statusCode, 200)
  assert.match(String(sink.lines().at(-1)!.url), /data-import-keys\/\[masked\]\/invalidate$/)
})
