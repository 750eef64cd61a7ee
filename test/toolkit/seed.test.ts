import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, json, post } from '../helper.js'
import { nameCall, provision, seedUsers, usersCall } from '../factories.js'
import { makeSegment } from '../segment-factories.js'
import { SEED_SCHEMA_PATH, generateSeedSchema } from '../../scripts/write-seed-schema.js'
import { buildRestApp, track } from './rest-helper.js'

const SEED = {
  version: 1,
  workspaces: [{
    id: 'ci-workspace',
    name: 'CI',
    cluster: 'fra-01',
    data_import_keys: [{ partner: 'hightouch', key: 'ci-hightouch-data-import-key' }],
    rest_api_keys: [{ key: 'ci-rest-api-key-0001', name: 'CI' }],
    users: [
      { external_id: 'user-1', email: 'One@Example.com', profile: { first_name: 'Ada', dob: '1990-01-02', last_coordinates: [2.35, 48.85] }, custom_attributes: { plan: 'pro', seats: 3, tags: ['a', 'b'], meta: { x: true } }, email_subscribe: 'opted_in' },
      { braze_id: 'abcdefabcdefabcdefabcdef', device_ids: ['anon-device'], aliases: [{ alias_label: 'crm', alias_name: 'c-9' }] }
    ],
    cohorts: [{ partner: 'hightouch', cohort_id: 'vip', name: 'VIP', members: ['user-1', { braze_id: 'abcdefabcdefabcdefabcdef' }] }]
  }]
}

test('POST /_fake/seed loads fixed ids and keys that work at once on the Braze surface', async (t) => {
  const app = await buildRestApp(t)
  const res = await post(app, '/_fake/seed', SEED)
  assert.equal(res.statusCode, 201, res.body)
  assert.deepEqual(json(res), { workspaces: [{ id: 'ci-workspace', users: 2, cohorts: 1 }] })
  const ws = json(await app.inject({ url: '/_fake/workspaces/ci-workspace' }))
  assert.equal(ws.cluster, 'fra-01')
  const members = json(await app.inject({ url: '/_fake/workspaces/ci-workspace/partners/hightouch/cohorts/vip/members' })).members
  assert.deepEqual(members.map((m: any) => m.external_id ?? m.braze_id).sort(), ['abcdefabcdefabcdefabcdef', 'user-1'])
  const p = { workspaceId: 'ci-workspace', cluster: 'fra-01', partner: 'hightouch', secret: 'ci-hightouch-data-import-key', partnerApiKey: 'fake-hightouch-eu-partner-api-key' }
  const removal = await post(app, '/rest.fra-01.braze.eu/partners/hightouch/cohorts/users', usersCall(p, 'vip', [{ user_ids: ['user-1'], should_remove: true }]))
  assert.equal(removal.statusCode, 201)
  assert.equal(json(await app.inject({ url: '/_fake/workspaces/ci-workspace/partners/hightouch/cohorts/vip' })).member_count, 1)
  const rest = await track(app, 'ci-rest-api-key-0001', { host: 'rest.fra-01.braze.eu' })
  assert.ok(rest.statusCode < 300, rest.body)
})

const DAY = 86_400_000

test('a snapshot loaded into a fresh server reproduces the workspace exactly', async (t) => {
  // One controlled clock for both servers, so the segment size history spans two days and
  // /segments/data_series computes "today" identically on each.
  let now = Date.UTC(2026, 10, 20, 9, 0, 0)
  const clock = { clock: { now: () => now } }
  const source = await buildTestApp(t, {}, clock)
  await post(source, '/_fake/seed', SEED)
  const p = await provision(source, { partner: 'census' })
  const trackKey = json(await post(source, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`, { permissions: ['users.track'] })).key
  const readKey = json(await post(source, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`, {})).key
  const rest = async (app: FastifyInstance, url: string, body?: unknown) => body === undefined
    ? await app.inject({ url, headers: { authorization: `Bearer ${readKey}` } })
    : await post(app, url, body, { headers: { authorization: `Bearer ${trackKey}` } })
  await seedUsers(source, p.workspaceId, [{ external_id: 'a', email: 'a@x.io' }, { external_id: 'b', aliases: [{ alias_label: 'l', alias_name: 'n' }] }, { device_ids: ['d1', 'd0'] }])
  const tracked = await rest(source, '/users/track', {
    attributes: [{ external_id: 'a', plan: 'gold' }],
    events: [
      { external_id: 'a', name: 'opened', time: '2026-11-01T10:00:00Z' },
      { external_id: 'a', name: 'opened', time: '2026-11-19T08:30:00.250Z' },
      { external_id: 'b', name: 'signed_up', time: '2026-10-02T00:00:00Z' }
    ],
    purchases: [{ external_id: 'a', product_id: 'gold-plan', currency: 'USD', price: 9.5, quantity: 2, time: '2026-11-15T12:00:00Z' }]
  })
  assert.equal(tracked.statusCode, 201, tracked.body)
  await post(source, '/partners/census/cohorts', nameCall(p, 'named', 'Named one'))
  await post(source, '/partners/census/cohorts/users', usersCall(p, 'named', [{ user_ids: ['a', 'b'] }, { device_ids: ['d1'] }]))
  await post(source, '/partners/census/cohorts/users', usersCall(p, 'unnamed', [{ user_ids: ['b'] }]))
  const gold = await makeSegment(source, p.workspaceId, {
    and: [{ filter: 'census_cohorts', operator: 'includes_value', value: 'named' }, { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }]
  }, { id: 'gold-named', tags: ['census'], description: 'Gold members of Named one', analytics_tracking_enabled: true })
  const other = await makeSegment(source, p.workspaceId, { not: { filter: 'census_cohorts', operator: 'excludes_value', value: 'unnamed' } })
  assert.equal((await post(source, `/_fake/workspaces/${p.workspaceId}/segments/${other.id}/archive`)).statusCode, 200)
  now += DAY
  assert.equal((await rest(source, '/users/track', { attributes: [{ external_id: 'b', plan: 'gold' }] })).statusCode, 201)
  assert.equal(json(await source.inject({ url: `/_fake/workspaces/${p.workspaceId}/segments/gold-named` })).size, 2)
  assert.equal((await post(source, `/_fake/workspaces/${p.workspaceId}/partners/census/cohorts/named/lock`, { writes: 2 })).statusCode, 200)
  assert.equal((await post(source, `/_fake/workspaces/${p.workspaceId}/partners/census/cohorts/unnamed/lock`)).statusCode, 200)
  const key = json(await source.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/census/data-import-keys?reveal=true` })).data_import_keys[0].key
  await post(source, `/_fake/workspaces/${p.workspaceId}/partners/census/data-import-keys/${key}/invalidate`)

  const targets = new Map<string, FastifyInstance>()
  for (const id of ['ci-workspace', p.workspaceId]) {
    const snap = await source.inject({ url: `/_fake/workspaces/${id}/snapshot` })
    assert.equal(snap.statusCode, 200)
    const target = await buildTestApp(t, {}, clock)
    targets.set(id, target)
    const loaded = await post(target, '/_fake/seed', json(snap))
    assert.equal(loaded.statusCode, 201, loaded.body)
    assert.deepEqual(json(await target.inject({ url: `/_fake/workspaces/${id}/snapshot` })), json(snap))
    for (const path of ['', '/cohorts', '/rest-api-keys', '/segments', '/data-points', '/user-profiles']) {
      const url = `/_fake/workspaces/${id}${path}`
      assert.deepEqual(json(await target.inject({ url })), json(await source.inject({ url })), url)
    }
  }
  // The Braze surface answers the same from the reloaded workspace: activity, sizes history, segment list.
  const target = targets.get(p.workspaceId)!
  for (const [url, body] of [
    ['/users/export/ids', { external_ids: ['a', 'b'], fields_to_export: ['external_id', 'email', 'custom_attributes', 'custom_events', 'purchases', 'total_revenue', 'created_at'] }],
    ['/segments/data_series?segment_id=gold-named&length=3', undefined],
    ['/segments/list', undefined]
  ] as const) {
    const call = async (app: FastifyInstance) => body === undefined
      ? await rest(app, url)
      : await post(app, url, body, { headers: { authorization: `Bearer ${readKey}` } })
    const [a, b] = [await call(source), await call(target)]
    assert.ok(a.statusCode < 300, a.body)
    assert.deepEqual([b.statusCode, json(b)], [a.statusCode, json(a)], url)
  }

  const snap = json(await source.inject({ url: '/_fake/workspaces/ci-workspace/snapshot' }))
  const ada = snap.workspaces[0].users[0]
  assert.equal(ada.email, 'one@example.com')
  assert.deepEqual(ada.profile, SEED.workspaces[0]!.users[0]!.profile)
  assert.deepEqual(ada.custom_attributes, SEED.workspaces[0]!.users[0]!.custom_attributes)
  // Every section is really in the snapshot (not merely equal because absent on both sides).
  const w = json(await source.inject({ url: `/_fake/workspaces/${p.workspaceId}/snapshot` })).workspaces[0]
  const user = (id: string) => w.users.find((u: any) => u.external_id === id)
  assert.deepEqual(user('a').events, [{ name: 'opened', first: '2026-11-01T10:00:00.000Z', last: '2026-11-19T08:30:00.250Z', count: 2 }])
  assert.deepEqual(user('a').purchases, [{ product_id: 'gold-plan', first: '2026-11-15T12:00:00.000Z', last: '2026-11-15T12:00:00.000Z', count: 2, revenue: 19 }])
  assert.equal(user('a').total_revenue, 19)
  assert.deepEqual(user('b').events, [{ name: 'signed_up', first: '2026-10-02T00:00:00.000Z', last: '2026-10-02T00:00:00.000Z', count: 1 }])
  assert.deepEqual(w.segments.map((s: any) => [s.id, s.archived, s.sizes]), [
    ['gold-named', false, [{ day: '2026-11-20', size: 1 }, { day: '2026-11-21', size: 2 }]],
    [other.id, true, [{ day: '2026-11-20', size: 1 }]]
  ])
  assert.deepEqual(w.segments[0], {
    id: 'gold-named', name: 'Segment', description: 'Gold members of Named one', tags: ['census'], filter: gold.filter, analytics_tracking_enabled: true,
    archived: false, created_at: '2026-11-20T09:00:00.000Z', updated_at: '2026-11-20T09:00:00.000Z', sizes: [{ day: '2026-11-20', size: 1 }, { day: '2026-11-21', size: 2 }]
  })
  assert.equal(w.segments[1].archived_at, '2026-11-20T09:00:00.000Z')
  // Census cohort assignments are not billed (data_points.md lists Amplitude, Mixpanel and Hightouch only)
  assert.deepEqual(Object.keys(w.data_points).sort(), ['users.track'])
  assert.ok(w.data_points['users.track'].events >= 3 && w.data_points['users.track'].purchases >= 1, JSON.stringify(w.data_points))
  assert.deepEqual(w.cohorts.map((c: any) => [c.cohort_id, c.locked, c.locked_writes_remaining]), [['named', true, 2], ['unnamed', true, undefined]])
})

test('a reloaded cohort lock still rejects exactly the remaining partner writes', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app, { partner: 'census' })
  await seedUsers(app, p.workspaceId, [{ external_id: 'a' }])
  const snap = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/snapshot` }))
  snap.workspaces[0].cohorts = [{ partner: 'census', cohort_id: 'locked', locked: true, locked_writes_remaining: 1 }]
  const target = await buildTestApp(t)
  assert.equal((await post(target, '/_fake/seed', snap)).statusCode, 201)
  const write = async () => await post(target, '/partners/census/cohorts/users', usersCall(p, 'locked', [{ user_ids: ['a'] }]))
  assert.deepEqual([(await write()).statusCode, (await write()).statusCode], [423, 201])
})

test('seeded events and purchases default their times to now and total_revenue to the purchases\' revenue', async (t) => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0)
  const app = await buildTestApp(t, {}, { clock: { now: () => now } })
  const res = await post(app, '/_fake/seed', {
    workspaces: [{ id: 'w', users: [{ external_id: 'u', events: [{ name: 'e' }], purchases: [{ product_id: 'p', first: '2026-01-01T00:00:00Z', count: 3, revenue: 7.5 }] }] }]
  })
  assert.equal(res.statusCode, 201, res.body)
  const u = json(await app.inject({ url: '/_fake/workspaces/w/snapshot' })).workspaces[0].users[0]
  assert.deepEqual([u.events, u.purchases, u.total_revenue], [
    [{ name: 'e', first: '2026-11-28T12:00:00.000Z', last: '2026-11-28T12:00:00.000Z', count: 1 }],
    [{ product_id: 'p', first: '2026-01-01T00:00:00.000Z', last: '2026-01-01T00:00:00.000Z', count: 3, revenue: 7.5 }],
    7.5
  ])
})

test('a bad seed is 400 naming the path of the first bad field, and nothing is loaded', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[unknown, RegExp]> = [
    [{ workspaces: [{ id: 'w', users: [{ external_id: 'u' }, { email_subscribe: 'maybe' }] }] }, /^body\.workspaces\.0\.users\.1\.email_subscribe: /],
    [{ workspaces: [{ id: 'w', cohorts: [{ partner: 'nobody', cohort_id: 'c' }] }] }, /^body\.workspaces\.0\.cohorts\.0\.partner: /],
    [{ workspaces: [{ id: 'bad id!' }] }, /^body\.workspaces\.0\.id: /],
    [{ workspaces: [{ id: 'w', users: [{ braze_id: 'xyz' }] }] }, /^body\.workspaces\.0\.users\.0\.braze_id: /],
    [{ workspaces: [{ id: 'w', surprise: 1 }] }, /^body\.workspaces\.0: /],
    [{ workspaces: [{ id: 'w', users: [{ events: [{ name: 'e', count: 0 }] }] }] }, /^body\.workspaces\.0\.users\.0\.events\.0\.count: /],
    [{ workspaces: [{ id: 'w', users: [{ purchases: [{ product_id: 'p', first: 'yesterday' }] }] }] }, /^body\.workspaces\.0\.users\.0\.purchases\.0\.first: must be an ISO-8601 time/],
    [{ workspaces: [{ id: 'w', segments: [{ name: 's', filter: { filter: 'email', operator: 'exists' }, sizes: [{ day: '2026-13-01', size: 1 }] }] }] }, /^body\.workspaces\.0\.segments\.0\.sizes\.0\.day: must be a YYYY-MM-DD date/],
    [{ workspaces: [{ id: 'w', segments: [{ name: 's', filter: [] }] }] }, /^body\.workspaces\.0\.segments\.0\.filter: /],
    [{ workspaces: [{ id: 'w', data_points: { 'users.track': { events: -1 } } }] }, /^body\.workspaces\.0\.data_points\.users\.track\.events: /],
    [{ workspaces: [{ id: 'w', cohorts: [{ partner: 'hightouch', cohort_id: 'c', locked: true, locked_writes_remaining: 0 }] }] }, /^body\.workspaces\.0\.cohorts\.0\.locked_writes_remaining: /],
    [{}, /^body\.workspaces: /]
  ]
  for (const [seed, message] of cases) {
    const res = await post(app, '/_fake/seed', seed)
    assert.equal(res.statusCode, 400, JSON.stringify(seed))
    assert.match(json(res).message, message, JSON.stringify(seed))
  }
  const member = await post(app, '/_fake/seed', { workspaces: [{ id: 'w', users: [{ external_id: 'u' }], cohorts: [{ partner: 'hightouch', cohort_id: 'c', members: ['u', 'ghost'] }] }] })
  assert.equal(member.statusCode, 400)
  assert.deepEqual(json(member), { message: 'workspaces[0].cohorts[0].members[1]: no user of this workspace has external_id \'ghost\'' })
  assert.deepEqual(json(await app.inject({ url: '/_fake/workspaces' })).workspaces, [])
})

test('seeding is all or nothing: a taken workspace id or key is 409 and the earlier workspaces are rolled back', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/seed', SEED)
  const res = await post(app, '/_fake/seed', { workspaces: [{ id: 'fresh' }, { id: 'other', data_import_keys: [{ partner: 'hightouch', key: 'ci-hightouch-data-import-key' }] }] })
  assert.equal(res.statusCode, 409)
  assert.deepEqual(json(res), { message: 'workspaces[1].data_import_keys[0].key: already in use' })
  assert.equal((await app.inject({ url: '/_fake/workspaces/fresh' })).statusCode, 404)
  assert.equal((await post(app, '/_fake/seed', { workspaces: [{ id: 'ci-workspace' }] })).statusCode, 409)
})

test('openapi/seed.schema.json is what the seed zod schema generates (run `npm run openapi`)', () => {
  assert.equal(generateSeedSchema(), readFileSync(SEED_SCHEMA_PATH, 'utf8'))
  const schema = JSON.parse(readFileSync(SEED_SCHEMA_PATH, 'utf8'))
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema')
  assert.ok(schema.$defs.SeedWorkspace.properties.cohorts)
})
