/**
 * Issue 9, the fidelity pass: where real clients and Braze's current docs disagreed with the fake.
 * Each test names the point; texts are Braze's (braze-reference-messaging §1.3, §1.4, §5).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildTestApp, json, post } from '../../helper.js'
import { makeKey, partnerApiKey, seedUsers, usersCall } from '../../factories.js'
import { NOW } from '../../rest-factories.js'

interface Ws { id: string, key: string, restEndpoint: string }

async function workspace (app: FastifyInstance, body: Record<string, unknown> = {}, permissions?: string[]): Promise<Ws> {
  const res = await post(app, '/_fake/workspaces', body)
  assert.equal(res.statusCode, 201, res.body)
  const ws = json(res)
  const key = json(await post(app, `/_fake/workspaces/${ws.id}/rest-api-keys`, permissions === undefined ? {} : { permissions })).key
  return { id: ws.id, key, restEndpoint: ws.rest_endpoint }
}

const bearer = (ws: Ws): Partial<InjectOptions> => ({ headers: { authorization: `Bearer ${ws.key}` } })
const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']

function assertRateHeaders (res: LightMyRequestResponse, limit?: string): void {
  for (const h of RATE_HEADERS) assert.ok(res.headers[h] !== undefined, `${h} on ${res.statusCode} ${res.body}`)
  if (limit !== undefined) assert.equal(res.headers['x-ratelimit-limit'], limit)
}

/** `urljoin(rest_endpoint, "/users/track")`: the absolute path drops the cluster prefix, as Python's urljoin does. */
function pythonJoin (restEndpoint: string, path: string): string {
  const u = new URL(path, restEndpoint)
  return `${u.pathname}${u.search}`
}

test('issue 9 point 1: a Python-style client that joins absolute paths onto a fra-01 rest_endpoint works', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app, { cluster: 'fra-01' })
  assert.match(ws.restEndpoint, /\/rest\.fra-01\.braze\.eu$/)
  const trackUrl = pythonJoin(ws.restEndpoint, '/users/track')
  assert.equal(trackUrl, '/users/track', 'urljoin drops the prefix')
  const tracked = await post(app, trackUrl, { attributes: [{ external_id: 'py-1', first_name: 'Py' }] }, bearer(ws))
  assert.deepEqual([tracked.statusCode, json(tracked)], [201, { message: 'success', attributes_processed: 1 }])
  const exported = await post(app, pythonJoin(ws.restEndpoint, '/users/export/ids'), { external_ids: ['py-1'], fields_to_export: ['external_id', 'first_name'] }, bearer(ws))
  assert.deepEqual([exported.statusCode, json(exported)], [201, { message: 'success', users: [{ external_id: 'py-1', first_name: 'Py' }] }])
  const listed = await app.inject({ url: pythonJoin(ws.restEndpoint, '/segments/list'), ...bearer(ws) })
  assert.equal(listed.statusCode, 200, listed.body)
  // the journal records the key's cluster
  const journal = json(await app.inject({ url: `/_fake/requests?workspace_id=${ws.id}&path=/users/track` })).requests
  assert.equal(journal[0].cluster, 'fra-01')

  // A partner client doing the same is served on its data import key's cluster (EU key accepted).
  const secret = await makeKey(app, ws.id, 'hightouch')
  const eu = await partnerApiKey(app, 'hightouch', 'eu')
  const p = { workspaceId: ws.id, cluster: 'fra-01', partner: 'hightouch', secret, partnerApiKey: eu }
  const cohort = await post(app, pythonJoin(ws.restEndpoint, '/partners/hightouch/cohorts/users'), usersCall(p, 'c1', [{ user_ids: ['py-1'] }]))
  assert.deepEqual([cohort.statusCode, json(cohort)], [201, { message: 'success' }])
  const us = await post(app, '/partners/hightouch/cohorts/users', { ...usersCall(p, 'c1', []), partner_api_key: await partnerApiKey(app, 'hightouch', 'us') })
  assert.deepEqual([us.statusCode, json(us)], [401, { message: 'Invalid Partner API key' }], 'the region check follows the key\'s cluster')
})

test('issue 9 point 1: a request that names a cluster keeps the strict check (a key on the wrong cluster gets 401)', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app, { cluster: 'fra-01' })
  const prefixed = await post(app, '/rest.iad-01.braze.com/users/track', { attributes: [{ external_id: 'x' }] }, bearer(ws))
  assert.deepEqual([prefixed.statusCode, json(prefixed)], [401, { message: `Invalid API key: ${ws.key}` }])
  const host = await post(app, '/users/track', { attributes: [{ external_id: 'x' }] }, { headers: { authorization: `Bearer ${ws.key}`, host: 'rest.iad-03.braze.com' } })
  assert.deepEqual([host.statusCode, json(host)], [401, { message: `Invalid API key: ${ws.key}` }])
  const right = await post(app, '/rest.fra-01.braze.eu/users/track', { attributes: [{ external_id: 'x' }] }, bearer(ws))
  assert.equal(right.statusCode, 201)
})

test('issue 9 point 2 (checklist 67): the legacy api_key in the JSON body or query string, when no Authorization header is sent', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app)
  const body = await post(app, '/users/track', { api_key: ws.key, attributes: [{ external_id: 'legacy' }] })
  assert.deepEqual([body.statusCode, json(body)], [201, { message: 'success', attributes_processed: 1 }])
  const query = await app.inject({ url: `/segments/list?api_key=${ws.key}` })
  assert.deepEqual([query.statusCode, json(query).message], [200, 'success'])
  const queryPost = await post(app, `/users/export/ids?api_key=${ws.key}`, { external_ids: ['legacy'], fields_to_export: ['external_id'] })
  assert.deepEqual(json(queryPost), { message: 'success', users: [{ external_id: 'legacy' }] })
  // the header wins when both are sent
  const both = await post(app, '/users/track', { api_key: ws.key, attributes: [{ external_id: 'legacy' }] }, { headers: { authorization: 'Bearer not-a-key' } })
  assert.deepEqual([both.statusCode, json(both)], [401, { message: 'Invalid API key: not-a-key' }])
  const unknown = await post(app, '/users/track', { api_key: 'nope-nope', attributes: [] })
  assert.deepEqual([unknown.statusCode, json(unknown)], [401, { message: 'Invalid API key: nope-nope' }])
  // the journal never keeps the key
  const entry = json(await app.inject({ url: `/_fake/requests?workspace_id=${ws.id}&path=/users/track` })).requests[0]
  assert.equal(entry.request_body.api_key, '[masked]')
  // a fault scoped to the workspace finds it through the legacy key too
  assert.equal((await post(app, '/_fake/faults', { workspace_id: ws.id, route: 'GET /segments/list', action: { status: 503 }, times: 1 })).statusCode, 201)
  const faulted = await app.inject({ url: `/segments/list?api_key=${ws.key}` })
  assert.deepEqual([faulted.statusCode, json(faulted)], [503, { message: 'Service Unavailable' }])

  // a workspace can switch the fallback off …
  const off = await app.inject({ method: 'PATCH', url: `/_fake/workspaces/${ws.id}`, payload: { legacy_api_key: false } })
  assert.deepEqual([off.statusCode, json(off).legacy_api_key], [200, false])
  const refused = await post(app, '/users/track', { api_key: ws.key, attributes: [{ external_id: 'legacy' }] })
  assert.deepEqual([refused.statusCode, json(refused)], [401, { message: 'Invalid API key: ' }])
  assert.equal((await post(app, '/users/track', { attributes: [{ external_id: 'legacy' }] }, bearer(ws))).statusCode, 201, 'the header still works')
})

test('issue 9 point 2: --legacy-api-key false refuses api_key everywhere unless a workspace allows it', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_LEGACY_API_KEY: 'false' })
  const ws = await workspace(app)
  const refused = await app.inject({ url: `/segments/list?api_key=${ws.key}` })
  assert.deepEqual([refused.statusCode, json(refused)], [401, { message: 'Invalid API key: ' }])
  await app.inject({ method: 'PATCH', url: `/_fake/workspaces/${ws.id}`, payload: { legacy_api_key: true } })
  assert.equal((await app.inject({ url: `/segments/list?api_key=${ws.key}` })).statusCode, 200)
})

test('issue 9 point 3 (checklist 65, 66): the key is checked before the body; then Braze\'s body texts', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app)
  const broken = '{"attributes": ['
  const json415 = { 'content-type': 'application/x-www-form-urlencoded' }
  const cases: Array<[string, Record<string, string>, string, number, string]> = [
    ['malformed JSON, no key', { 'content-type': 'application/json' }, broken, 401, 'Invalid API key: '],
    ['malformed JSON, bad key', { 'content-type': 'application/json', authorization: 'Bearer wrong-key' }, broken, 401, 'Invalid API key: wrong-key'],
    ['wrong content type, bad key', { ...json415, authorization: 'Bearer wrong-key' }, 'a=b', 401, 'Invalid API key: wrong-key'],
    ['malformed JSON, good key', { 'content-type': 'application/json', authorization: `Bearer ${ws.key}` }, broken, 400, 'Error while parsing request body. Please check your syntax.'],
    ['empty JSON body, good key', { 'content-type': 'application/json', authorization: `Bearer ${ws.key}` }, '', 400, 'Error while parsing request body. Please check your syntax.'],
    ['wrong content type, good key', { ...json415, authorization: `Bearer ${ws.key}` }, 'a=b', 415, 'Unsupported Media Type'],
    ['text/plain, good key', { 'content-type': 'text/plain', authorization: `Bearer ${ws.key}` }, '{}', 415, 'Unsupported Media Type']
  ]
  for (const [name, headers, payload, status, message] of cases) {
    const res = await app.inject({ method: 'POST', url: '/users/track', headers, payload })
    assert.deepEqual([res.statusCode, json(res)], [status, { message }], name)
    assert.match(String(res.headers['content-type']), /^application\/json/, name)
    if (status !== 401) assertRateHeaders(res)
  }
  // a key without the permission is 403 before the body is looked at
  const narrow = await workspace(app, {}, ['segments.list'])
  const denied = await app.inject({ method: 'POST', url: '/users/track', headers: { 'content-type': 'application/json', authorization: `Bearer ${narrow.key}` }, payload: broken })
  assert.deepEqual([denied.statusCode, json(denied)], [403, { message: 'Access Denied' }])
  // nothing was written
  assert.equal(json(await app.inject({ url: `/_fake/workspaces/${ws.id}/user-profiles` })).users.length, 0)
  // the control plane keeps texts that name the problem
  const control = await app.inject({ method: 'POST', url: '/_fake/workspaces', headers: { 'content-type': 'application/json' }, payload: '{' })
  assert.equal(control.statusCode, 400)
  assert.match(json(control).message, /^Invalid JSON in request body/)
})

test('issue 9 point 4: x-ratelimit-* headers on validation 400s, 403 Access Denied, /users/merge and /segments/details 400s and partner 400s', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app)
  const validation = await post(app, '/users/track', { attributes: 'nope' }, bearer(ws))
  assert.equal(validation.statusCode, 400)
  assertRateHeaders(validation, '3000')
  const merge = await post(app, '/users/merge', { merge_updates: 'nope' }, bearer(ws))
  assert.deepEqual([merge.statusCode, json(merge)], [400, { message: "'merge_updates' must be an array of objects" }])
  assertRateHeaders(merge, '20000')
  const details = await app.inject({ url: '/segments/details?segment_id=ghost', ...bearer(ws) })
  assert.deepEqual([details.statusCode, json(details)], [400, { message: 'Invalid Segment ID' }])
  assertRateHeaders(details, '250000')
  const narrow = await workspace(app, {}, ['segments.list'])
  const denied = await post(app, '/users/track', { attributes: [] }, bearer(narrow))
  assert.deepEqual([denied.statusCode, json(denied)], [403, { message: 'Access Denied' }])
  assertRateHeaders(denied, '3000')
  const secret = await makeKey(app, ws.id, 'hightouch')
  const partner = await post(app, '/partners/hightouch/cohorts', { partner_api_key: await partnerApiKey(app, 'hightouch', 'us'), client_secret: secret, cohort_id: 'c', name: '' })
  assert.deepEqual([partner.statusCode, json(partner)], [400, { message: 'name must be a non-empty string' }])
  assertRateHeaders(partner, '250000')
  // a 401 names no workspace, so it carries none ([inferred])
  const bad = await post(app, '/users/track', { attributes: [] }, { headers: { authorization: 'Bearer nope' } })
  assert.equal(bad.headers['x-ratelimit-limit'], undefined)
})

test('issue 9 point 4: /users/track allows 3,000 requests per 3 seconds; /users/export/ids has its own buckets', async (t) => {
  let now = NOW
  const app = await buildTestApp(t, {}, { clock: { now: () => now } })
  const ws = await workspace(app)
  await app.inject({ method: 'PUT', url: `/_fake/workspaces/${ws.id}/rate-limits`, payload: { enabled: true } })
  const view = json(await app.inject({ url: `/_fake/workspaces/${ws.id}/rate-limits` })).pools
  assert.deepEqual(view['users.track'], { limit: 3000, window_s: 3 })
  assert.deepEqual(view['users.export.ids.fields'], { limit: 40, window_s: 1 })
  assert.deepEqual(view['users.export.ids.legacy'], { limit: 2500, window_s: 60 })
  // with fields_to_export (and no campaigns_received), 40 per second
  const exportCall = async (fields: string[]) => post(app, '/users/export/ids', { external_ids: ['x'], fields_to_export: fields }, bearer(ws))
  const fast = await exportCall(['external_id'])
  assert.equal(fast.headers['x-ratelimit-limit'], '40')
  const slow = await exportCall(['external_id', 'campaigns_received'])
  assert.equal(slow.headers['x-ratelimit-limit'], '250')
  for (let i = 1; i < 40; i++) assert.equal((await exportCall(['external_id'])).statusCode, 201)
  const limited = await exportCall(['external_id'])
  assert.deepEqual([limited.statusCode, json(limited)], [429, { message: 'API rate limit exceeded' }])
  assert.equal(limited.headers['x-ratelimit-remaining'], '0')
  assert.ok(limited.headers['retry-after'] !== undefined)
  now += 1000
  assert.equal((await exportCall(['external_id'])).statusCode, 201)
  // a workspace onboarded before 2024-08-22 has 2,500/min
  await app.inject({ method: 'PATCH', url: `/_fake/workspaces/${ws.id}`, payload: { onboarded_at: '2024-01-01' } })
  assert.equal((await exportCall(['external_id'])).headers['x-ratelimit-limit'], '2500')
})

test('issue 9 point 4: MAU pricing: 75 objects in total, reset in seconds remaining, x-ratelimit-retry-after on 429', async (t) => {
  let now = NOW + 500
  const app = await buildTestApp(t, {}, { clock: { now: () => now } })
  const dp = await workspace(app)
  const mau = await workspace(app, { pricing_model: 'mau' })
  const body = {
    attributes: Array.from({ length: 40 }, (_, i) => ({ external_id: `a${i}`, plan: 'pro' })),
    events: Array.from({ length: 40 }, (_, i) => ({ external_id: `a${i}`, name: 'e', time: '2026-11-28T11:00:00Z' }))
  }
  const dpRes = await post(app, '/users/track', body, bearer(dp))
  assert.deepEqual([dpRes.statusCode, json(dpRes)], [201, { message: 'success', attributes_processed: 40, events_processed: 40 }])
  assert.equal(dpRes.headers['x-ratelimit-reset'], String(Math.ceil((NOW + 3000) / 1000)), 'epoch seconds')
  const mauRes = await post(app, '/users/track', body, bearer(mau))
  assert.deepEqual([mauRes.statusCode, json(mauRes)], [400, { message: 'Max Input Length Exceeded' }])
  assert.equal(mauRes.headers['x-ratelimit-reset'], '3', 'seconds remaining in the window')
  const seventyFive = await post(app, '/users/track', { attributes: body.attributes, events: body.events.slice(0, 35) }, bearer(mau))
  assert.equal(seventyFive.statusCode, 201)
  const perArray = await post(app, '/users/track', { attributes: Array.from({ length: 76 }, (_, i) => ({ external_id: `b${i}` })) }, bearer(dp))
  assert.deepEqual([perArray.statusCode, json(perArray)], [400, { message: 'Max Input Length Exceeded' }])
  // 429 under MAU pricing: x-ratelimit-retry-after replaces the three headers
  await app.inject({ method: 'PUT', url: `/_fake/workspaces/${mau.id}/rate-limits`, payload: { enabled: true, overrides: { 'users.track': { limit: 1, window_s: 3 } } } })
  assert.equal((await post(app, '/users/track', { attributes: [{ external_id: 'z' }] }, bearer(mau))).statusCode, 201)
  now += 1000
  const limited = await post(app, '/users/track', { attributes: [{ external_id: 'z' }] }, bearer(mau))
  assert.deepEqual([limited.statusCode, json(limited)], [429, { message: 'API rate limit exceeded' }])
  assert.equal(limited.headers['x-ratelimit-retry-after'], '2')
  for (const h of RATE_HEADERS) assert.equal(limited.headers[h], undefined, h)
  // the settings show on the workspace
  assert.equal(json(await app.inject({ url: `/_fake/workspaces/${mau.id}` })).pricing_model, 'mau')
})

test('issue 9 point 5: fields_to_export is required for workspaces onboarded on or after 2024-08-22, optional before', async (t) => {
  const app = await buildTestApp(t)
  const fresh = await workspace(app)
  const old = await workspace(app, { onboarded_at: '2024-08-21' })
  const onDay = await workspace(app, { onboarded_at: '2024-08-22' })
  for (const ws of [fresh, old, onDay]) await seedUsers(app, ws.id, [{ external_id: 'u1', email: 'u1@example.com' }])
  for (const ws of [fresh, onDay]) {
    const res = await post(app, '/users/export/ids', { external_ids: ['u1'] }, bearer(ws))
    assert.deepEqual([res.statusCode, json(res)], [400, { message: 'fields_to_export is required: an array of the user fields to export' }])
    assertRateHeaders(res)
  }
  const res = await post(app, '/users/export/ids', { external_ids: ['u1'] }, bearer(old))
  assert.equal(res.statusCode, 201)
  assert.equal(json(res).users[0].email, 'u1@example.com')
  assert.equal(json(await app.inject({ url: `/_fake/workspaces/${old.id}` })).onboarded_at, '2024-08-21T00:00:00.000Z')
  const bad = await post(app, '/_fake/workspaces', { onboarded_at: 'last year' })
  assert.deepEqual([bad.statusCode, json(bad)], [400, { message: 'body.onboarded_at: must be an ISO-8601 date (YYYY-MM-DD) or date-time' }])
})

test('issue 9 point 8: Rails-style time zone names are accepted and exported as their IANA zone', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app)
  const res = await post(app, '/users/track', { attributes: [
    { external_id: 'tz1', time_zone: 'Eastern Time (US & Canada)' },
    { external_id: 'tz2', time_zone: 'Europe/Paris' },
    { external_id: 'tz3', time_zone: 'Not a Zone' }
  ] }, bearer(ws))
  assert.equal(res.statusCode, 201)
  const out = json(await post(app, '/users/export/ids', { external_ids: ['tz1', 'tz2', 'tz3'], fields_to_export: ['external_id', 'time_zone'] }, bearer(ws)))
  assert.deepEqual(out.users, [{ external_id: 'tz1', time_zone: 'America/New_York' }, { external_id: 'tz2', time_zone: 'Europe/Paris' }, { external_id: 'tz3' }])
})

test('issue 9 point 9: push_tokens appear in the export', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app)
  const res = await post(app, '/users/track', { attributes: [{ external_id: 'p1', push_tokens: [{ app_id: 'app-1', token: 'tok-abc', device_id: 'dev-1' }] }] }, bearer(ws))
  assert.equal(res.statusCode, 201)
  const out = json(await post(app, '/users/export/ids', { external_ids: ['p1'], fields_to_export: ['external_id', 'push_tokens'] }, bearer(ws)))
  assert.deepEqual(out.users, [{ external_id: 'p1', push_tokens: [{ app: 'app-1', token: 'tok-abc', device_id: 'dev-1', notifications_enabled: true }] }])
  const without = json(await post(app, '/users/export/ids', { external_ids: ['p1'], fields_to_export: ['external_id'] }, bearer(ws)))
  assert.deepEqual(without.users, [{ external_id: 'p1' }])
})

test('issue 9 point 11: email and phone are billed even as identifiers; only Hightouch, Amplitude and Mixpanel cohort assignments are billed', async (t) => {
  const app = await buildTestApp(t)
  const ws = await workspace(app)
  await post(app, '/users/track', { attributes: [{ email: 'new@example.com', first_name: 'N' }, { phone: '+15550100' }] }, bearer(ws))
  await seedUsers(app, ws.id, [{ external_id: 'c1' }])
  for (const partner of ['hightouch', 'census', 'amplitude', 'segment']) {
    const secret = await makeKey(app, ws.id, partner)
    const p = { workspaceId: ws.id, cluster: 'iad-01', partner, secret, partnerApiKey: await partnerApiKey(app, partner, 'us') }
    assert.equal((await post(app, `/partners/${partner}/cohorts/users`, usersCall(p, 'k', [{ user_ids: ['c1'] }]))).statusCode, 201)
  }
  const points = json(await app.inject({ url: `/_fake/workspaces/${ws.id}/data-points` }))
  assert.deepEqual(points.by_source_and_kind, {
    'users.track': { attributes: 3 },
    'cohort_import:hightouch': { cohort_assignments: 1 },
    'cohort_import:amplitude': { cohort_assignments: 1 }
  })
})
