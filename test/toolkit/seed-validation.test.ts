/** Seed files: the checks on segments, activity summaries and cohort locks (paths from the top of the file). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'
import { provision } from '../factories.js'
import { makeSegment } from '../segment-factories.js'

test('a seeded segment filter is checked by the segment rules and a bad node is 400 naming its path from the top of the file', async (t) => {
  const app = await buildTestApp(t)
  const base = { id: 'w', users: [{ external_id: 'u' }], cohorts: [{ partner: 'hightouch', cohort_id: 'vip', members: ['u'] }] }
  const seg = (filter: unknown) => ({ workspaces: [{ ...base, segments: [{ name: 'ok', filter: { filter: 'email', operator: 'exists' } }, { name: 'bad', filter }] }] })
  const bad = await post(app, '/_fake/seed', seg({ and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }, { filter: 'custom_attribute', attribute: 'plan', operator: 'bigger' }] }))
  assert.equal(bad.statusCode, 400)
  assert.deepEqual(json(bad), {
    message: 'Invalid segment filter at workspaces[0].segments[1].filter.and[1].operator: must be one of equals, not_equals, exists, does_not_exist, greater_than, less_than, includes_value, does_not_include_value'
  })
  const unknown = await post(app, '/_fake/seed', seg({ not: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'ghost' } }))
  assert.equal(unknown.statusCode, 400)
  assert.deepEqual(json(unknown), { message: 'Invalid segment filter at workspaces[0].segments[1].filter.not.value: no Hightouch cohort "ghost" in this workspace' })
  // A cohort of another workspace of the same file does not count.
  const elsewhere = await post(app, '/_fake/seed', {
    workspaces: [{ id: 'other', cohorts: [{ partner: 'census', cohort_id: 'c' }] }, { id: 'w', segments: [{ name: 's', filter: { filter: 'census_cohorts', operator: 'includes_value', value: 'c' } }] }]
  })
  assert.equal(elsewhere.statusCode, 400)
  assert.deepEqual(json(elsewhere), { message: 'Invalid segment filter at workspaces[1].segments[0].filter.value: no Census cohort "c" in this workspace' })
  assert.deepEqual(json(await app.inject({ url: '/_fake/workspaces' })).workspaces, [])
})

test('contradictory or repeated seed entries are rejected with their path, and nothing is loaded', async (t) => {
  const app = await buildTestApp(t)
  const filter = { filter: 'email', operator: 'exists' }
  const cases: Array<[unknown, number, string]> = [
    [{ workspaces: [{ id: 'w', users: [{ events: [{ name: 'e', first: '2026-02-01T00:00:00Z', last: '2026-01-01T00:00:00Z' }] }] }] }, 400, 'workspaces[0].users[0].events[0].last: must not be before first'],
    [{ workspaces: [{ id: 'w', users: [{ purchases: [{ product_id: 'p' }, { product_id: 'p' }] }] }] }, 409, "workspaces[0].users[0].purchases[1]: 'p' appears twice"],
    [{ workspaces: [{ id: 'w', cohorts: [{ partner: 'hightouch', cohort_id: 'c', locked_writes_remaining: 2 }] }] }, 400, 'workspaces[0].cohorts[0].locked_writes_remaining: needs "locked": true'],
    [{ workspaces: [{ id: 'w', segments: [{ name: 's', filter, archived_at: '2026-01-01T00:00:00Z' }] }] }, 400, 'workspaces[0].segments[0].archived_at: needs "archived": true'],
    [{ workspaces: [{ id: 'w', segments: [{ name: 's', filter, sizes: [{ day: '2026-01-01', size: 1 }, { day: '2026-01-01', size: 2 }] }] }] }, 409, 'workspaces[0].segments[0].sizes[1].day: 2026-01-01 appears twice'],
    [{ workspaces: [{ id: 'w', segments: [{ id: 's1', name: 'a', filter }, { id: 's1', name: 'b', filter }] }] }, 409, "workspaces[0].segments[1].id: segment 's1' already exists"]
  ]
  for (const [seed, status, message] of cases) {
    const res = await post(app, '/_fake/seed', seed)
    assert.deepEqual([res.statusCode, json(res)], [status, { message }])
  }
  assert.deepEqual(json(await app.inject({ url: '/_fake/workspaces' })).workspaces, [])
})

test('a segment id another workspace holds is free in the seeded one (ids are per workspace)', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await makeSegment(app, p.workspaceId, { filter: 'email', operator: 'exists' }, { id: 'taken' })
  const res = await post(app, '/_fake/seed', { workspaces: [{ id: 'w', segments: [{ id: 'taken', name: 's', filter: { filter: 'email', operator: 'exists' } }] }] })
  assert.equal(res.statusCode, 201, res.body)
  assert.equal(json(await app.inject({ url: '/_fake/workspaces/w/segments/taken' })).name, 's')
  assert.notEqual(json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/segments/taken` })).name, 's')
})
