/**
 * Secrets never stored or logged (issue 13): the log at its most verbose level and the request
 * journal are searched for every key this test used, after requests that carry keys in every
 * place a client can put them.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, logSink, post } from '../helper.js'
import { makeKey, provision } from '../factories.js'
import { maskRequestBody, maskSecrets, maskText, maskUrl } from '../../src/domain/shared/secrets.js'

test('secrets: no key a run used appears in the trace-level log or the journal (bodies, nested fields, text bodies, arrays, query strings, echoed error texts)', async (t) => {
  const sink = logSink()
  const app = await buildTestApp(t, { FAKE_BRAZE_LOG_LEVEL: 'trace' }, { logStream: sink.stream })
  const p = await provision(app)
  const censusKey = await makeKey(app, p.workspaceId, 'census', 'census-key-1234567890')
  const restKey = json(await post(app, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`, { key: 'control-rest-key-1234567890' })).key as string
  const used = [p.secret, p.partnerApiKey, censusKey, restKey]
  const secret = (name: string): string => { const k = `${name}-secret-${used.length}-abcdef`; used.push(k); return k }

  const cohort = { cohort_id: 'c', cohort_changes: [{ user_ids: ['u1'] }] }
  // valid partner call, a wrong client secret, and a key of another partner (Braze echoes it)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', { partner_api_key: p.partnerApiKey, client_secret: p.secret, ...cohort })).statusCode, 201)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', { partner_api_key: p.partnerApiKey, client_secret: secret('wrong'), ...cohort })).statusCode, 401)
  const other = await post(app, '/partners/hightouch/cohorts/users', { partner_api_key: p.partnerApiKey, client_secret: censusKey, ...cohort })
  assert.equal(other.statusCode, 401)
  // REST: a good key, a bad key (Braze echoes "Invalid API key: <key>"), and keys in the query string
  const bad = secret('bearer')
  assert.equal((await post(app, '/users/track', { attributes: [{ external_id: 'u1', a: 1 }] }, { headers: { authorization: `Bearer ${restKey}` } })).statusCode, 201)
  const echoed = await post(app, '/users/track', { attributes: [{ external_id: 'u1' }] }, { headers: { authorization: `Bearer ${bad}` } })
  assert.equal(json(echoed).message, `Invalid API key: ${bad}`, 'the answer itself stays byte for byte Braze\'s')
  await post(app, `/users/track?api_key=${secret('query')}&x=1`, { attributes: [] })
  await app.inject({ method: 'GET', url: `/segments/list?api_key=${secret('get-query')}` })
  // credentials nested at any depth, in a top-level array, and in a text body
  await post(app, '/users/track', { api_key: secret('body'), attributes: [{ external_id: 'u2', profile: { Authorization: `Bearer ${secret('nested-auth')}`, deeper: [{ client_secret: secret('deep') }] } }] },
    { headers: { authorization: `Bearer ${restKey}` } })
  await post(app, '/partners/hightouch/cohorts/users', [{ partner_api_key: secret('array'), client_secret: p.secret }])
  await app.inject({ method: 'POST', url: '/partners/hightouch/cohorts', headers: { 'content-type': 'text/plain' }, payload: `partner_api_key=${secret('text')}&client_secret=${p.secret}` })
  // control-plane URLs that carry keys
  await app.inject({ method: 'DELETE', url: `/_fake/workspaces/${p.workspaceId}/rest-api-keys/${restKey}` })
  await app.inject({ method: 'POST', url: `/_fake/workspaces/${p.workspaceId}/partners/census/data-import-keys/${censusKey}/invalidate` })

  const requests = json(await app.inject({ url: '/_fake/requests?limit=1000' })).requests as Array<Record<string, any>>
  assert.ok(requests.length >= 8)
  const journalText = JSON.stringify(requests)
  const logText = sink.text()
  assert.ok(logText.split('\n').length > 10, 'the trace log was written')
  for (const key of used) {
    assert.ok(!logText.includes(key), `the log holds ${key}`)
    assert.ok(!journalText.includes(key), `the journal holds ${key}`)
  }
  // what the journal keeps instead: a text body is refused unparsed (415), and kept as its type and size
  const text = requests.find((r) => r.path === '/partners/hightouch/cohorts')!
  assert.equal(text.status, 415)
  assert.deepEqual(text.request_body, { not_stored: 'not a JSON object', content_type: 'text/plain', kind: 'unparsed', size: text.request_body.size })
  assert.ok(text.request_body.size > 20)
  assert.equal(requests.find((r) => r.status === 401 && r.message?.startsWith('Partner not enabled'))?.message, 'Partner not enabled for client with client secret: [masked]')
  assert.ok(requests.some((r) => r.message === 'Invalid API key: [masked]'))
})

test('the masking function: fields at any depth, any case; non-objects as type and size; echoed keys; query strings', () => {
  const body = { client_secret: 's1', n: 1, list: [{ Authorization: 'Bearer s2', ok: 'x' }, 'plain'], deep: { a: { partner_api_key: 's3', API_KEY: 's4' } } }
  assert.deepEqual(maskSecrets(body), { client_secret: '[masked]', n: 1, list: [{ Authorization: '[masked]', ok: 'x' }, 'plain'], deep: { a: { partner_api_key: '[masked]', API_KEY: '[masked]' } } })
  assert.equal(body.client_secret, 's1', 'the input is not changed')
  const clean = { a: [{ b: 1 }], c: 'd' }
  assert.equal(maskSecrets(clean), clean, 'a body without secrets is not copied')
  assert.deepEqual(maskRequestBody([{ api_key: 'k' }], { contentType: 'application/json; charset=utf-8', size: 17 }), { not_stored: 'not a JSON object', content_type: 'application/json', kind: 'array', size: 17 })
  assert.equal(maskText('Invalid API key: abc-123'), 'Invalid API key: [masked]')
  assert.equal(maskText('Partner not enabled for client with client secret: 9f8e'), 'Partner not enabled for client with client secret: [masked]')
  assert.equal(maskText('failed near secret-value-1 here', ['secret-value-1']), 'failed near [masked] here')
  assert.equal(maskUrl('/users/track?x=1&api_key=abc&client_secret=def#f'), '/users/track?x=1&api_key=[masked]&client_secret=[masked]#f')
  assert.equal(maskUrl('/_fake/workspaces/w/rest-api-keys/abc?api_key=z'), '/_fake/workspaces/w/rest-api-keys/[masked]?api_key=[masked]')
})
