import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'
import { provision, usersCall } from '../factories.js'
import { startFakeBraze } from '../../src/index.js'
import { buildRestApp, track } from './rest-helper.js'

const USERS_ROUTE = 'POST /partners/{partner}/cohorts/users'

async function addFault (app: Awaited<ReturnType<typeof buildTestApp>>, rule: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await post(app, '/_fake/faults', rule)
  assert.equal(res.statusCode, 201, res.body)
  return json(res)
}

test('a 429 fault answers Braze-shaped with Retry-After and x-ratelimit-* headers for the next N requests, then stops', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const rule = await addFault(app, { route: USERS_ROUTE, action: { status: 429, retry_after_s: 7 }, times: 2 })
  assert.equal(rule.times, 2)
  assert.equal(rule.remaining, 2)
  for (let i = 0; i < 2; i++) {
    const res = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))
    assert.equal(res.statusCode, 429)
    assert.deepEqual(json(res), { message: 'API rate limit exceeded' })
    assert.equal(res.headers['retry-after'], '7')
    assert.equal(res.headers['x-ratelimit-remaining'], '0')
    assert.equal(res.headers['x-ratelimit-limit'], '250000')
    assert.match(String(res.headers['x-ratelimit-reset']), /^\d{10}$/)
  }
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))).statusCode, 201)
  assert.deepEqual(json(await app.inject({ url: '/_fake/faults' })).faults, [])
})

test('5xx and 423 faults answer with Braze-like messages', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const expected: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 423: 'Resource locked' }
  for (const [status, message] of Object.entries(expected)) {
    await addFault(app, { action: { status: Number(status) }, times: 1 })
    const res = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))
    assert.equal(res.statusCode, Number(status))
    assert.deepEqual(json(res), { message })
    assert.match(String(res.headers['content-type']), /^application\/json/)
  }
})

test('every injected fault shows in the journal with its rule id and action', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const rule = await addFault(app, { action: { status: 503 }, times: 1 })
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))
  const { requests } = json(await app.inject({ url: '/_fake/requests' }))
  assert.deepEqual(requests[0].fault, { id: rule.id, action: { status: 503 } })
  assert.equal(requests[0].status, 503)
  assert.equal(requests[0].message, 'Service Unavailable')
  assert.equal(requests[1].fault, undefined)
})

test('a fault scoped to a workspace never touches another workspace (partner and REST credentials)', async (t) => {
  const app = await buildRestApp(t)
  const a = await provision(app)
  const b = await provision(app)
  const aRest = json(await post(app, `/_fake/workspaces/${a.workspaceId}/rest-api-keys`, {})).key
  const bRest = json(await post(app, `/_fake/workspaces/${b.workspaceId}/rest-api-keys`, {})).key
  await addFault(app, { workspace_id: a.workspaceId, action: { status: 500 } })
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(a, 'c', []))).statusCode, 500)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(b, 'c', []))).statusCode, 201)
  assert.equal((await track(app, aRest)).statusCode, 500)
  assert.ok((await track(app, bRest)).statusCode < 300)
})

test('a route-scoped fault leaves other routes alone; concrete paths match too', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await addFault(app, { route: 'POST /partners/hightouch/cohorts', action: { status: 502 } })
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))).statusCode, 201)
  const named = await post(app, '/partners/hightouch/cohorts', { partner_api_key: p.partnerApiKey, client_secret: p.secret, cohort_id: 'c', name: 'C', created_at: '2026-01-01T00:00:00Z' })
  assert.equal(named.statusCode, 502)
})

test('probability with a seed injects the same requests on every run', async (t) => {
  async function run (): Promise<number[]> {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await addFault(app, { action: { status: 503 }, probability: 0.5, seed: 42 })
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))).statusCode)
    return statuses
  }
  const first = await run()
  assert.deepEqual(await run(), first)
  assert.ok(first.includes(503) && first.includes(201), first.join(','))
})

test('faults are listed, deleted one by one or all at once; an unknown id is 404', async (t) => {
  const app = await buildTestApp(t)
  const one = await addFault(app, { action: { latency_ms: 5 } })
  await addFault(app, { action: { status: 500 } })
  assert.equal(json(await app.inject({ url: '/_fake/faults' })).faults.length, 2)
  assert.equal((await app.inject({ method: 'DELETE', url: `/_fake/faults/${one.id}` })).statusCode, 204)
  assert.deepEqual(json(await app.inject({ url: '/_fake/faults' })).faults.map((f: any) => f.action), [{ status: 500 }])
  assert.equal((await app.inject({ method: 'DELETE', url: `/_fake/faults/${one.id}` })).statusCode, 404)
  assert.equal((await app.inject({ method: 'DELETE', url: '/_fake/faults' })).statusCode, 204)
  assert.deepEqual(json(await app.inject({ url: '/_fake/faults' })).faults, [])
})

test('malformed fault rules are 400 naming the field', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[unknown, RegExp]> = [
    [{}, /^body\.action: /],
    [{ action: { status: 200 } }, /^body\.action/],
    [{ action: { explode: true } }, /^body\.action/],
    [{ action: { status: 500 }, times: 0 }, /^body\.times: /],
    [{ action: { status: 500 }, probability: 2 }, /^body\.probability: /],
    [{ action: { status: 500 }, route: 'partners/x' }, /^body\.route: /],
    [{ action: { status: 500 }, bogus: 1 }, /^body: /]
  ]
  for (const [rule, message] of cases) {
    const res = await post(app, '/_fake/faults', rule)
    assert.equal(res.statusCode, 400, JSON.stringify(rule))
    assert.match(json(res).message, message, JSON.stringify(rule))
  }
  const unknown = await post(app, '/_fake/faults', { workspace_id: 'nope', action: { status: 500 } })
  assert.equal(unknown.statusCode, 404)
})

test('faults never touch the control plane', async (t) => {
  const app = await buildTestApp(t)
  await addFault(app, { action: { status: 500 } })
  assert.equal((await app.inject({ url: '/_fake/workspaces' })).statusCode, 200)
  assert.equal((await app.inject({ url: '/health' })).statusCode, 200)
})

test('over HTTP: latency delays then serves normally; drop_connection resets the socket and is journaled; the fake keeps serving', async (t) => {
  const braze = await startFakeBraze()
  t.after(() => braze.close())
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  const body = JSON.stringify({ partner_api_key: ws.partner_api_keys.hightouch!.current, client_secret: ws.data_import_keys.hightouch, cohort_id: 'c', cohort_changes: [] })
  const call = async (): Promise<Response> => await fetch(`${ws.rest_endpoint}/partners/hightouch/cohorts/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })

  await braze.control.addFault({ action: { latency_ms: 150 }, times: 1 })
  const started = performance.now()
  const slow = await call()
  assert.equal(slow.status, 201)
  assert.ok(performance.now() - started >= 140)

  const drop = await braze.control.addFault({ workspace_id: ws.id, action: { drop_connection: true }, times: 1 })
  await assert.rejects(call(), (err: Error) => err instanceof TypeError)
  assert.equal((await call()).status, 201)

  const entries = await braze.control.requests({ workspace_id: undefined })
  assert.deepEqual(entries.map((e) => [e.status, e.fault?.id ?? null]), [[201, entries[0]!.fault!.id], [0, drop.id], [201, null]])
  assert.deepEqual(entries[0]!.fault!.action, { latency_ms: 150 })
  assert.deepEqual(entries.map((e) => e.workspace_id), [ws.id, ws.id, ws.id])
})

test('through inject(), a dropped connection rejects like a reset instead of hanging', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await addFault(app, { action: { drop_connection: true }, times: 1 })
  await assert.rejects(post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', [])), /response destroyed before completion/)
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', []))).statusCode, 201)
})
