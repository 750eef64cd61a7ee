import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { json, post } from '../helper.js'
import { usersCall, type Provisioned } from '../factories.js'
import { buildRestApp, track } from './rest-helper.js'

async function workspace (app: FastifyInstance): Promise<{ id: string, rest: string, p: Provisioned }> {
  const ws = json(await post(app, '/_fake/workspaces', { partners: ['hightouch'] }))
  return {
    id: ws.id,
    rest: ws.rest_api_key,
    p: { workspaceId: ws.id, cluster: ws.cluster, partner: 'hightouch', secret: ws.data_import_keys.hightouch, partnerApiKey: ws.partner_api_keys.hightouch.current }
  }
}

async function setLimits (app: FastifyInstance, id: string, body: unknown): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'PUT', url: `/_fake/workspaces/${id}/rate-limits`, payload: body as object })
  assert.equal(res.statusCode, 200, res.body)
  return json(res)
}

test('REST responses carry lowercase x-ratelimit-* headers of the endpoint\'s limit even when limits are not enforced (checklist item 49)', async (t) => {
  const app = await buildRestApp(t)
  const ws = await workspace(app)
  const res = await track(app, ws.rest)
  assert.ok(res.statusCode < 300)
  // 3,000 requests per 3 seconds since 2024-10-28 (post_user_track.md)
  assert.equal(res.headers['x-ratelimit-limit'], '3000')
  assert.equal(res.headers['x-ratelimit-remaining'], '2999')
  const reset = Number(res.headers['x-ratelimit-reset'])
  const now = Date.now() / 1000
  assert.ok(reset > now && reset <= now + 4, String(reset))
  assert.ok(Object.keys(res.headers).includes('x-ratelimit-limit'))
})

test('partner endpoints carry the headers of their own 250,000/hour pool', async (t) => {
  const app = await buildRestApp(t)
  const ws = await workspace(app)
  const res = await post(app, '/partners/hightouch/cohorts/users', usersCall(ws.p, 'c', []))
  assert.equal(res.statusCode, 201)
  assert.equal(res.headers['x-ratelimit-limit'], '250000')
  assert.equal(res.headers['x-ratelimit-remaining'], '249999')
})

test('once a workspace\'s /users/track window is exhausted: 429 {"message"} with remaining 0, reset and Retry-After (checklist item 50)', async (t) => {
  const app = await buildRestApp(t)
  const ws = await workspace(app)
  await setLimits(app, ws.id, { enabled: true, overrides: { 'POST /users/track': { limit: 2, window_s: 60 } } })
  assert.equal((await track(app, ws.rest)).headers['x-ratelimit-remaining'], '1')
  assert.equal((await track(app, ws.rest)).headers['x-ratelimit-remaining'], '0')
  const limited = await track(app, ws.rest)
  assert.equal(limited.statusCode, 429)
  assert.deepEqual(json(limited), { message: 'API rate limit exceeded' })
  assert.equal(limited.headers['x-ratelimit-limit'], '2')
  assert.equal(limited.headers['x-ratelimit-remaining'], '0')
  assert.match(String(limited.headers['x-ratelimit-reset']), /^\d{10}$/)
  assert.ok(Number(limited.headers['retry-after']) >= 1)
  const journal = json(await app.inject({ url: `/_fake/requests?workspace_id=${ws.id}&status=429` })).requests
  assert.equal(journal.length, 1)
  assert.equal(journal[0].message, 'API rate limit exceeded')
})

test('cohort traffic does not consume the workspace\'s /users/track budget (checklist item 22)', async (t) => {
  const app = await buildRestApp(t)
  const ws = await workspace(app)
  await setLimits(app, ws.id, { enabled: true, overrides: { 'POST /users/track': { limit: 2 }, partners: { limit: 10 } } })
  for (let i = 0; i < 5; i++) assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(ws.p, 'c', []))).statusCode, 201)
  const first = await track(app, ws.rest)
  assert.ok(first.statusCode < 300)
  assert.equal(first.headers['x-ratelimit-remaining'], '1')
  assert.ok((await track(app, ws.rest)).statusCode < 300)
  assert.equal((await track(app, ws.rest)).statusCode, 429)
  // … and the partner pool is its own: REST traffic left it at 10 − 5.
  const cohort = await post(app, '/partners/hightouch/cohorts/users', usersCall(ws.p, 'c', []))
  assert.equal(cohort.headers['x-ratelimit-remaining'], '4')
})

test('limits are per workspace: exhausting one leaves another untouched', async (t) => {
  const app = await buildRestApp(t)
  const a = await workspace(app)
  const b = await workspace(app)
  await setLimits(app, a.id, { enabled: true, overrides: { 'POST /users/track': { limit: 1 } } })
  await setLimits(app, b.id, { enabled: true, overrides: { 'POST /users/track': { limit: 1 } } })
  await track(app, a.rest)
  assert.equal((await track(app, a.rest)).statusCode, 429)
  assert.ok((await track(app, b.rest)).statusCode < 300)
})

test('FAKE_BRAZE_RATE_LIMITS=true enforces in every workspace; a workspace can opt out', async (t) => {
  const app = await buildRestApp(t, { FAKE_BRAZE_RATE_LIMITS: 'true' })
  const ws = await workspace(app)
  const view = await setLimits(app, ws.id, { overrides: { 'POST /users/track': { limit: 1 } } })
  assert.equal(view.enabled, true)
  await track(app, ws.rest)
  assert.equal((await track(app, ws.rest)).statusCode, 429)
  await setLimits(app, ws.id, { enabled: false })
  assert.ok((await track(app, ws.rest)).statusCode < 300)
  assert.ok((await track(app, ws.rest)).statusCode < 300)
})

test('a new window (advancing the fake\'s clock) restores the budget', async (t) => {
  const app = await buildRestApp(t)
  const ws = await workspace(app)
  await setLimits(app, ws.id, { enabled: true, overrides: { 'POST /users/track': { limit: 1, window_s: 60 } } })
  await track(app, ws.rest)
  assert.equal((await track(app, ws.rest)).statusCode, 429)
  assert.equal((await post(app, '/_fake/clock', { advance_ms: 60_000 })).statusCode, 200)
  assert.ok((await track(app, ws.rest)).statusCode < 300)
})

test('GET shows the pools with Braze\'s defaults; bad settings are 400 naming the field; unknown workspaces 404', async (t) => {
  const app = await buildRestApp(t)
  const ws = await workspace(app)
  const view = json(await app.inject({ url: `/_fake/workspaces/${ws.id}/rate-limits` }))
  assert.equal(view.enabled, false)
  assert.deepEqual(view.pools['users.track'], { limit: 3000, window_s: 3 })
  assert.deepEqual(view.pools['users.export.ids'], { limit: 250, window_s: 60 })
  assert.deepEqual(view.pools.identity, { limit: 20000, window_s: 60 })
  assert.deepEqual(view.pools.default, { limit: 250000, window_s: 3600 })
  assert.deepEqual(view.pools.partners, { limit: 250000, window_s: 3600 })
  const badKey = await app.inject({ method: 'PUT', url: `/_fake/workspaces/${ws.id}/rate-limits`, payload: { overrides: { 'GET /nope': { limit: 1 } } } })
  assert.equal(badKey.statusCode, 400)
  assert.match(json(badKey).message, /^body\.overrides\.GET \/nope: /)
  const badLimit = await app.inject({ method: 'PUT', url: `/_fake/workspaces/${ws.id}/rate-limits`, payload: { overrides: { default: { limit: -1 } } } })
  assert.equal(badLimit.statusCode, 400)
  assert.match(json(badLimit).message, /^body\.overrides\.default\.limit: /)
  assert.equal((await app.inject({ method: 'PUT', url: '/_fake/workspaces/nope/rate-limits', payload: { enabled: true } })).statusCode, 404)
})

test('requests that fail authentication carry no rate-limit headers (no workspace to count against) [inferred]', async (t) => {
  const app = await buildRestApp(t)
  const res = await track(app, 'no-such-key')
  assert.equal(res.statusCode, 401)
  assert.equal(res.headers['x-ratelimit-limit'], undefined)
})
