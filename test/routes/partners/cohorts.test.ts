/** POST /partners/{partner}/cohorts: checklist items 6, 7, 8 and 12, plus auth and bad input. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { nameCall, provision } from '../../factories.js'

const NAME = '/partners/hightouch/cohorts'

describe('cohort name endpoint', () => {
  test('a new cohort is created with its name and answered 201 success', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, NAME, nameCall(p, 'vip', 'VIP buyers', '2021-01-21T19:20:30+05:00'))
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success' })
    const cohort = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/vip` }))
    assert.equal(cohort.name, 'VIP buyers')
    assert.equal(cohort.named, true)
    assert.equal(cohort.partner_created_at, '2021-01-21T19:20:30+05:00')
    assert.equal(cohort.member_count, 0)
  })

  test('item 6: an empty (or blank) name is 400 name must be a non-empty string', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    for (const name of ['', '   ', 7, undefined]) {
      const res = await post(app, NAME, { ...nameCall(p, 'c', 'x'), name })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res), { message: 'name must be a non-empty string' })
    }
  })

  test('item 7: created_at "yesterday" is 400 created_at must be a valid time as an ISO-8601 string', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    for (const createdAt of ['yesterday', '2021-02-30T00:00:00Z', '2021-13-01', 1611256830, undefined]) {
      const res = await post(app, NAME, { ...nameCall(p, 'c', 'x'), created_at: createdAt })
      assert.equal(res.statusCode, 400, String(createdAt))
      assert.deepEqual(json(res), { message: 'created_at must be a valid time as an ISO-8601 string' })
    }
  })

  test('item 8: a numeric or missing cohort_id is 400 cohort_id must be a valid string', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    for (const cohortId of [123, undefined, null]) {
      const res = await post(app, NAME, { ...nameCall(p, 'c', 'x'), cohort_id: cohortId })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res), { message: 'cohort_id must be a valid string' })
    }
  })

  test('item 12: naming a known cohort again renames it; the filter shows only the latest name', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    assert.equal((await post(app, NAME, nameCall(p, 'c1', 'Old name'))).statusCode, 201)
    assert.equal((await post(app, NAME, nameCall(p, 'c1', 'New name'))).statusCode, 201)
    const list = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/cohorts` }))
    assert.deepEqual(list.cohorts.map((c: { name: string }) => c.name), ['New name'])
  })

  test('naming a cohort that users were already sent to keeps its members', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await post(app, `/_fake/workspaces/${p.workspaceId}/users`, { users: [{ external_id: 'a' }] })
    await post(app, `${NAME}/users`, { partner_api_key: p.partnerApiKey, client_secret: p.secret, cohort_id: 'c1', cohort_changes: [{ user_ids: ['a'] }] })
    await post(app, NAME, nameCall(p, 'c1', 'Named later'))
    const cohort = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1` }))
    assert.equal(cohort.name, 'Named later')
    assert.equal(cohort.member_count, 1)
  })

  test('ids with spaces (Amperity\'s "amperity-High Value") work end to end', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    assert.equal((await post(app, NAME, nameCall(p, 'amperity-High Value', 'High Value'))).statusCode, 201)
    const res = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/${encodeURIComponent('amperity-High Value')}` })
    assert.equal(json(res).name, 'High Value')
  })

  test('bad keys are 401 before any field is validated', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, NAME, { ...nameCall(p, 'c', ''), client_secret: 'wrong' })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid client secret' })
  })
})

describe('partner endpoints: malformed requests', () => {
  test('malformed JSON is a 400 JSON error', async (t) => {
    const app = await buildTestApp(t)
    const res = await post(app, NAME, '{"partner_api_key": ', { headers: { 'content-type': 'application/json' } })
    assert.equal(res.statusCode, 400)
    assert.match(String(res.headers['content-type']), /^application\/json/)
    assert.deepEqual(json(res), { message: 'Error while parsing request body. Please check your syntax.' })
  })

  test('a body that is not an object is a 400 JSON error', async (t) => {
    const app = await buildTestApp(t)
    for (const body of ['[]', '"x"', '42', 'null']) {
      const res = await post(app, NAME, body, { headers: { 'content-type': 'application/json' } })
      assert.equal(res.statusCode, 400, body)
      assert.deepEqual(json(res), { message: 'Request body must be a JSON object' })
    }
  })

  test('a missing body is a 400 JSON error', async (t) => {
    const app = await buildTestApp(t)
    const res = await post(app, NAME)
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: 'Request body must be a JSON object' })
  })

  test('a wrong content type is a 415 JSON error', async (t) => {
    const app = await buildTestApp(t)
    const res = await post(app, NAME, 'partner_api_key=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    assert.equal(res.statusCode, 415)
    assert.match(String(res.headers['content-type']), /^application\/json/)
    assert.deepEqual(json(res), { message: 'Unsupported Media Type' })
  })

  test('a body over the limit is a 413 JSON error and changes nothing', async (t) => {
    const app = await buildTestApp(t, { FAKE_BRAZE_BODY_LIMIT: '65536' })
    const p = await provision(app)
    const ids = Array.from({ length: 5000 }, (_, i) => `user-${i}-${'x'.repeat(10)}`)
    const res = await post(app, `${NAME}/users`, { partner_api_key: p.partnerApiKey, client_secret: p.secret, cohort_id: 'big', cohort_changes: [{ user_ids: ids }] })
    assert.equal(res.statusCode, 413)
    assert.deepEqual(json(res), { message: 'Request body is larger than 65536 bytes' })
    assert.deepEqual(json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/cohorts` })).cohorts, [])
  })

  test('an unknown path is 404 Invalid URL in JSON', async (t) => {
    const app = await buildTestApp(t)
    const res = await app.inject({ url: '/partners/hightouch/nothing-here' })
    assert.equal(res.statusCode, 404)
    assert.deepEqual(json(res), { message: 'Invalid URL' })
  })

  test('GET on a partner endpoint is 404 Invalid URL', async (t) => {
    const app = await buildTestApp(t)
    const res = await app.inject({ url: NAME })
    assert.equal(res.statusCode, 404)
    assert.deepEqual(json(res), { message: 'Invalid URL' })
  })
})
