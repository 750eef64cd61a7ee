import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'
import { nameCall, provision, seedUsers, usersCall } from '../factories.js'
import { buildRestApp, track } from './rest-helper.js'

async function journal (app: Awaited<ReturnType<typeof buildTestApp>>, query = ''): Promise<{ requests: Array<Record<string, any>>, next_cursor?: string }> {
  const res = await app.inject({ url: `/_fake/requests${query}` })
  assert.equal(res.statusCode, 200, res.body)
  return json(res)
}

test('a cohort call is journaled with its route, workspace, partner, status, message, effects and a masked body', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [{ external_id: 'u1' }])
  const res = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'vip', [{ user_ids: ['u1', 'ghost'] }]))
  assert.equal(res.statusCode, 201)
  const { requests } = await journal(app)
  assert.equal(requests.length, 1)
  const e = requests[0]!
  assert.equal(e.method, 'POST')
  assert.equal(e.path, '/partners/hightouch/cohorts/users')
  assert.equal(e.route, 'POST /partners/{partner}/cohorts/users')
  assert.equal(e.cluster, 'iad-01')
  assert.equal(e.workspace_id, p.workspaceId)
  assert.equal(e.partner, 'hightouch')
  assert.equal(e.status, 201)
  assert.equal(e.message, 'success')
  assert.equal(typeof e.duration_ms, 'number')
  assert.ok(!Number.isNaN(Date.parse(e.time)))
  assert.equal(e.fault, undefined)
  assert.deepEqual(e.effects, {
    cohort_id: 'vip', cohort_created: true, identifiers: 2, matched: 1, added: 1, removed: 0, data_points: 1,
    ignored: { user_ids: ['ghost'], device_ids: [], aliases: [] }
  })
  assert.deepEqual(e.request_body, {
    partner_api_key: '[masked]', client_secret: '[masked]', cohort_id: 'vip', cohort_changes: [{ user_ids: ['u1', 'ghost'] }]
  })
})

test('a failed authentication is journaled with no workspace and Braze\'s message, and the secret is not stored', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const res = await post(app, '/partners/hightouch/cohorts/users', { ...usersCall(p, 'vip', []), client_secret: 'not-a-real-secret-123' })
  assert.equal(res.statusCode, 401)
  const { requests } = await journal(app)
  assert.equal(requests[0]!.workspace_id, null)
  assert.equal(requests[0]!.partner, 'hightouch')
  assert.equal(requests[0]!.status, 401)
  assert.equal(requests[0]!.message, 'Invalid client secret')
  assert.doesNotMatch(JSON.stringify(requests), /not-a-real-secret-123|fake-hightouch-us-partner-api-key/)
})

test('REST calls are attributed to the key\'s workspace and the Authorization header is never stored', async (t) => {
  const app = await buildRestApp(t)
  const ws = json(await post(app, '/_fake/workspaces', { partners: [] }))
  assert.ok((await track(app, ws.rest_api_key)).statusCode < 300)
  assert.equal((await track(app, 'wrong-key-xyz')).statusCode, 401)
  const { requests } = await journal(app)
  assert.deepEqual(requests.map((r) => [r.path, r.status, r.workspace_id]), [['/users/track', 201, ws.id], ['/users/track', 401, null]])
  assert.equal(requests[1]!.message, 'Invalid API key: [masked]', 'the key Braze echoes is masked in the journal (issue 13)')
  assert.doesNotMatch(JSON.stringify(requests[0]), new RegExp(ws.rest_api_key))
})

test('the journal filters by workspace, partner, path, status and since, and pages with limit and next_cursor', async (t) => {
  const app = await buildTestApp(t)
  const a = await provision(app)
  const b = await provision(app, { partner: 'census' })
  await post(app, '/partners/hightouch/cohorts/users', usersCall(a, 'c1', []))
  await post(app, '/partners/census/cohorts', { partner_api_key: b.partnerApiKey, client_secret: b.secret, cohort_id: 'c2', name: 'Two', created_at: '2026-01-01T00:00:00Z' })
  await post(app, '/partners/hightouch/cohorts/users', usersCall(a, 'c3', []))
  await post(app, '/partners/hightouch/cohorts/users', { ...usersCall(a, 'c4', []), client_secret: 'nope-nope-nope' })
  assert.equal((await journal(app)).requests.length, 4)
  assert.deepEqual((await journal(app, `?workspace_id=${a.workspaceId}`)).requests.map((r) => r.request_body.cohort_id), ['c1', 'c3'])
  assert.deepEqual((await journal(app, '?partner=census')).requests.map((r) => r.request_body.cohort_id), ['c2'])
  assert.deepEqual((await journal(app, '?path=/partners/census/cohorts')).requests.map((r) => r.request_body.cohort_id), ['c2'])
  assert.deepEqual((await journal(app, '?status=401')).requests.map((r) => r.request_body.cohort_id), ['c4'])
  assert.equal((await journal(app, '?since=2999-01-01T00:00:00Z')).requests.length, 0)
  assert.equal((await journal(app, '?since=2000-01-01T00:00:00Z')).requests.length, 4)
  const page1 = await journal(app, '?limit=3')
  assert.equal(page1.requests.length, 3)
  assert.ok(page1.next_cursor !== undefined)
  const page2 = await journal(app, `?limit=3&cursor=${page1.next_cursor}`)
  assert.deepEqual(page2.requests.map((r) => r.request_body.cohort_id), ['c4'])
  assert.equal(page2.next_cursor, undefined)
})

test('control-plane, docs and health requests are not journaled', async (t) => {
  const app = await buildTestApp(t)
  await app.inject({ url: '/health' })
  await app.inject({ url: '/_fake/workspaces' })
  await app.inject({ url: '/docs/json' })
  assert.deepEqual((await journal(app)).requests, [])
})

test('an unknown Braze path is journaled as 404 Invalid URL', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/users/nothing-here', {})
  const [e] = (await journal(app)).requests
  assert.deepEqual([e!.path, e!.route, e!.status, e!.message], ['/users/nothing-here', null, 404, 'Invalid URL'])
})

test('DELETE /_fake/requests?workspace_id= clears one workspace and leaves the others; without it clears all', async (t) => {
  const app = await buildTestApp(t)
  const a = await provision(app)
  const b = await provision(app)
  await post(app, '/partners/hightouch/cohorts/users', usersCall(a, 'x', []))
  await post(app, '/partners/hightouch/cohorts/users', usersCall(b, 'y', []))
  assert.equal((await app.inject({ method: 'DELETE', url: `/_fake/requests?workspace_id=${a.workspaceId}` })).statusCode, 204)
  assert.deepEqual((await journal(app)).requests.map((r) => r.workspace_id), [b.workspaceId])
  assert.equal((await app.inject({ method: 'DELETE', url: '/_fake/requests' })).statusCode, 204)
  assert.deepEqual((await journal(app)).requests, [])
})

test('the journal keeps at most FAKE_BRAZE_JOURNAL_CAP requests, evicting the oldest', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_JOURNAL_CAP: '3' })
  const p = await provision(app)
  for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) await post(app, '/partners/hightouch/cohorts/users', usersCall(p, id, []))
  assert.deepEqual((await journal(app)).requests.map((r) => r.request_body.cohort_id), ['c3', 'c4', 'c5'])
})

test('a journal cap of 0 records nothing', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_JOURNAL_CAP: '0' })
  const p = await provision(app)
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', []))
  assert.deepEqual((await journal(app)).requests, [])
})

test('bad journal queries are 400 naming the field', async (t) => {
  const app = await buildTestApp(t)
  for (const [q, field] of [['?status=abc', 'querystring.status'], ['?since=yesterday', 'querystring.since'], ['?limit=0', 'querystring.limit'], ['?cursor=zz', 'querystring.cursor']] as const) {
    const res = await app.inject({ url: `/_fake/requests${q}` })
    assert.equal(res.statusCode, 400, q)
    assert.match(json(res).message, new RegExp(`^${field.replace('.', '\\.')}: `), q)
  }
})

test('Braze\'s message is journaled whether the body puts it first or last', async (t) => {
  const { buildApp } = await import('../../src/app.js')
  const { testConfig } = await import('../../src/config.js')
  const app = await buildApp(testConfig())
  t.after(() => app.close())
  app.get('/test-only/message-last', async () => ({ users: [{ external_id: 'a' }], message: 'success' }))
  await app.ready()
  await app.inject({ url: '/test-only/message-last' })
  assert.deepEqual((await journal(app)).requests.map((r) => [r.path, r.status, r.message]), [['/test-only/message-last', 200, 'success']])
})

test('a cohort name call is journaled with what it did: created, then renamed', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await post(app, '/partners/hightouch/cohorts', nameCall(p, 'vip', 'VIP'))
  await post(app, '/partners/hightouch/cohorts', nameCall(p, 'vip', 'VIP buyers'))
  const { requests } = json(await app.inject({ url: `/_fake/requests?workspace_id=${p.workspaceId}` }))
  const effects = requests.map((r: { effects: unknown }) => r.effects)
  assert.deepEqual(effects, [
    { cohort_id: 'vip', cohort_created: true, name: 'VIP' },
    { cohort_id: 'vip', cohort_created: false, name: 'VIP buyers', renamed_from: 'VIP' }
  ])
})

test('order=desc lists the newest entries first and pages back in time; cursor=<id> tails forward from an entry', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  for (const c of ['a', 'b', 'c', 'd', 'e']) assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, c, [{ user_ids: ['x'] }]))).statusCode, 201)
  const cohortsOf = (page: { requests: Array<Record<string, any>> }): string[] => page.requests.map((r) => r.effects.cohort_id)
  const first = await journal(app, '?order=desc&limit=2')
  assert.deepEqual(cohortsOf(first), ['e', 'd'])
  const second = await journal(app, `?order=desc&limit=2&cursor=${first.next_cursor}`)
  assert.deepEqual(cohortsOf(second), ['c', 'b'])
  const third = await journal(app, `?order=desc&limit=2&cursor=${second.next_cursor}`)
  assert.deepEqual(cohortsOf(third), ['a'])
  assert.equal(third.next_cursor, undefined)
  // Tailing: the id of the newest entry held, in the default order, returns only what came after it.
  const newest = first.requests[0]!.id
  assert.deepEqual(cohortsOf(await journal(app, `?cursor=${newest}`)), [])
  assert.equal((await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'f', [{ user_ids: ['x'] }]))).statusCode, 201)
  assert.deepEqual(cohortsOf(await journal(app, `?cursor=${newest}`)), ['f'])
  const bad = await app.inject({ url: '/_fake/requests?order=newest' })
  assert.equal(bad.statusCode, 400)
  assert.match(json(bad).message, /order/)
})
