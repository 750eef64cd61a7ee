/**
 * GET /segments/list, /segments/details and /segments/data_series (checklist items 24–25):
 * REST-key permissions, exact success bodies, and every bad parameter.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, json, post } from '../../helper.js'
import { provision, seedUsers, type Provisioned } from '../../factories.js'
import { addToCohort, makeSegment, nameCohort, restGet, restKey, segmentMembers } from '../../segment-factories.js'

const VIP = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }
const DAY = 86_400_000

async function world (app: FastifyInstance): Promise<Provisioned & { key: string }> {
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [{ external_id: 'u1' }, { external_id: 'u2' }, { external_id: 'u3' }])
  await nameCohort(app, p, 'vip', 'VIP buyers')
  await addToCohort(app, p, 'vip', ['u1', 'u2'])
  return { ...p, key: await restKey(app, p.workspaceId) }
}

function manualClock (start: string): { now: () => number, advance: (ms: number) => void } {
  let t = Date.parse(start)
  return { now: () => t, advance: (ms) => { t += ms } }
}

describe('REST key checks on the segment endpoints', () => {
  for (const [url, permission] of [['/segments/list', 'segments.list'], ['/segments/details?segment_id=x', 'segments.details'], ['/segments/data_series?segment_id=x&length=1', 'segments.data_series']] as const) {
    test(`${url.split('?')[0]} without a key is 401 and with a key lacking ${permission} is 403`, async (t) => {
      const app = await buildTestApp(t)
      const p = await world(app)
      const none = await app.inject({ url })
      assert.equal(none.statusCode, 401)
      assert.deepEqual(json(none), { message: 'Invalid API key: ' })
      const narrow = await restKey(app, p.workspaceId, ['users.track'])
      const denied = await restGet(app, narrow, url)
      assert.equal(denied.statusCode, 403)
      assert.deepEqual(json(denied), { message: 'Access Denied' })
    })
  }
})

describe('GET /segments/list', () => {
  test('lists active segments oldest first with Braze\'s fields; archived ones are left out; desc reverses', async (t) => {
    const clock = manualClock('2026-11-01T00:00:00Z')
    const app = await buildTestApp(t, {}, { clock })
    const p = await world(app)
    await makeSegment(app, p.workspaceId, VIP, { id: 'first', name: 'First', tags: ['a'] })
    clock.advance(1000)
    await makeSegment(app, p.workspaceId, VIP, { id: 'archived', name: 'Archived' })
    clock.advance(1000)
    await makeSegment(app, p.workspaceId, VIP, { id: 'third', name: 'Third', analytics_tracking_enabled: true })
    await post(app, `/_fake/workspaces/${p.workspaceId}/segments/archived/archive`)
    const res = await restGet(app, p.key, '/segments/list')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(json(res), {
      message: 'success',
      segments: [
        { id: 'first', name: 'First', analytics_tracking_enabled: false, tags: ['a'] },
        { id: 'third', name: 'Third', analytics_tracking_enabled: true, tags: [] }
      ]
    })
    const desc = json(await restGet(app, p.key, '/segments/list?sort_direction=desc'))
    assert.deepEqual(desc.segments.map((s: { id: string }) => s.id), ['third', 'first'])
  })

  test('pages hold 100 segments; page is 0-based and a page past the end is empty', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    for (let i = 0; i < 101; i++) await makeSegment(app, p.workspaceId, VIP, { id: `s${String(i).padStart(3, '0')}` })
    const first = json(await restGet(app, p.key, '/segments/list?page=0'))
    assert.equal(first.segments.length, 100)
    assert.equal(first.segments[0].id, 's000')
    assert.deepEqual(json(await restGet(app, p.key, '/segments/list?page=1')).segments.map((s: { id: string }) => s.id), ['s100'])
    assert.deepEqual(json(await restGet(app, p.key, '/segments/list?page=2')), { message: 'success', segments: [] })
  })

  const pageText = 'page must be a non-negative integer (0 is the first page)'
  for (const [query, message] of [['page=-1', pageText], ['page=abc', pageText], ['page=1.5', pageText], ['sort_direction=newest', 'sort_direction must be "asc" or "desc"']] as const) {
    test(`a bad paging parameter (${query}) is 400 naming it`, async (t) => {
      const app = await buildTestApp(t)
      const p = await world(app)
      const res = await restGet(app, p.key, `/segments/list?${query}`)
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res), { message })
    })
  }
})

describe('GET /segments/details', () => {
  test('answers Braze\'s fields, the filter tree in words with the cohort\'s current name', async (t) => {
    const clock = manualClock('2026-11-01T10:00:00Z')
    const app = await buildTestApp(t, {}, { clock })
    const p = await world(app)
    await makeSegment(app, p.workspaceId, { and: [VIP, { or: [{ filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }, { filter: 'email_subscribe', operator: 'equals', value: 'opted_in' }] }] },
      { id: 'vip', name: 'VIP on gold', tags: ['ht'], description: 'winback audience' })
    clock.advance(60_000)
    await nameCohort(app, p, 'vip', 'VIP buyers 2026')
    const res = await restGet(app, p.key, '/segments/details?segment_id=vip')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(json(res), {
      message: 'success',
      created_at: '2026-11-01T10:00:00.000Z',
      updated_at: '2026-11-01T10:00:00.000Z',
      name: 'VIP on gold',
      description: 'Hightouch Cohorts includes "VIP buyers 2026" AND (Custom Attribute "plan" equals "gold" OR Email Subscription Status equals "opted_in")',
      text_description: 'winback audience',
      tags: ['ht'],
      teams: []
    })
  })

  test('a missing segment_id is 400', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const res = await restGet(app, p.key, '/segments/details')
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: 'segment_id is required and must be a non-empty string' })
  })

  test('an unknown segment_id, or one of another workspace, is 400 Invalid Segment ID', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const other = await world(app)
    await makeSegment(app, other.workspaceId, VIP, { id: 'theirs' })
    for (const id of ['nope', 'theirs']) {
      const res = await restGet(app, p.key, `/segments/details?segment_id=${id}`)
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res), { message: 'Invalid Segment ID' })
    }
  })
})

describe('GET /segments/data_series', () => {
  test('gives one size per day since creation, carrying the last recorded size over days without one', async (t) => {
    const clock = manualClock('2026-11-01T09:00:00Z')
    const app = await buildTestApp(t, {}, { clock })
    const p = await world(app)
    await makeSegment(app, p.workspaceId, VIP, { id: 'vip' })
    clock.advance(2 * DAY)
    await addToCohort(app, p, 'vip', ['u3'])
    assert.equal((await segmentMembers(app, p.workspaceId, 'vip')).length, 3)
    clock.advance(DAY)
    await addToCohort(app, p, 'vip', ['u1'], true)
    clock.advance(DAY)
    const res = await restGet(app, p.key, '/segments/data_series?segment_id=vip&length=7')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(json(res), {
      message: 'success',
      data: [
        { time: '2026-11-01', size: 2 },
        { time: '2026-11-02', size: 2 },
        { time: '2026-11-03', size: 3 },
        { time: '2026-11-04', size: 3 },
        { time: '2026-11-05', size: 2 }
      ]
    })
    const past = json(await restGet(app, p.key, '/segments/data_series?segment_id=vip&length=2&ending_at=2026-11-03T23:59:59-5:00'))
    assert.deepEqual(past.data, [{ time: '2026-11-03', size: 3 }, { time: '2026-11-04', size: 3 }])
  })

  for (const [query, pattern] of [
    ['segment_id=vip', /^length is required and must be an integer between 1 and 100 \(inclusive\)$/],
    ['segment_id=vip&length=0', /^length is required and must be an integer between 1 and 100 \(inclusive\)$/],
    ['segment_id=vip&length=101', /^length is required and must be an integer between 1 and 100 \(inclusive\)$/],
    ['length=5', /^segment_id is required and must be a non-empty string$/],
    ['segment_id=vip&length=5&ending_at=yesterday', /^ending_at must be an ISO-8601 date-time$/],
    ['segment_id=nope&length=5', /^Invalid Segment ID$/]
  ] as const) {
    test(`a bad request (${query}) is 400`, async (t) => {
      const app = await buildTestApp(t)
      const p = await world(app)
      await makeSegment(app, p.workspaceId, VIP, { id: 'vip' })
      const res = await restGet(app, p.key, `/segments/data_series?${query}`)
      assert.equal(res.statusCode, 400)
      assert.match(json(res).message, pattern)
    })
  }
})
