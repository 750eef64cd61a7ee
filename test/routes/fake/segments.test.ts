/**
 * Segments through the control plane: the "<Partner> Cohorts" filter lookup, every filter
 * operator, AND/OR/NOT nesting, and membership that follows the partner endpoints' adds and
 * removes (checklist item 23).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, json, post } from '../../helper.js'
import { makeKey, provision, seedUsers, type Provisioned } from '../../factories.js'
import { addToCohort, makeSegment, nameCohort, segmentMembers } from '../../segment-factories.js'

const VIP = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }

/** u1..u6; plan gold for u1, u2, u5; score numbers; u1, u2, u3 in cohort "vip" (VIP buyers); u3, u4 in "churn". */
async function world (app: FastifyInstance): Promise<Provisioned> {
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [
    { external_id: 'u1', email: 'u1@example.com', email_subscribe: 'opted_in', custom_attributes: { plan: 'gold', score: 10, vip: true, tags: ['a', 'b'] } },
    { external_id: 'u2', custom_attributes: { plan: 'gold', score: 3, vip: false, tags: ['b'] } },
    { external_id: 'u3', email: 'u3@example.com', email_subscribe: 'unsubscribed', custom_attributes: { plan: 'silver', score: '10' } },
    { external_id: 'u4', email_subscribe: 'subscribed', custom_attributes: { score: 7.5, tags: [1, 2] } },
    { external_id: 'u5', custom_attributes: { plan: 'gold', plan_note: null } },
    { device_ids: ['anon-device'], custom_attributes: { plan: 'gold' } }
  ])
  await nameCohort(app, p, 'vip', 'VIP buyers')
  await addToCohort(app, p, 'vip', ['u1', 'u2', 'u3'])
  await addToCohort(app, p, 'churn', ['u3', 'u4'])
  return p
}

async function reach (app: FastifyInstance, p: Provisioned, filter: unknown): Promise<string[]> {
  const s = await makeSegment(app, p.workspaceId, filter)
  return segmentMembers(app, p.workspaceId, s.id)
}

describe('the cohort filter lookup', () => {
  test('lists one "<Partner> Cohorts" filter per partner with an active key, with each cohort\'s current name', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    await makeKey(app, p.workspaceId, 'census')
    const invalidated = await makeKey(app, p.workspaceId, 'segment')
    assert.equal((await post(app, `/_fake/workspaces/${p.workspaceId}/partners/segment/data-import-keys/${invalidated}/invalidate`)).statusCode, 200)
    await nameCohort(app, p, 'vip', 'VIP buyers (renamed)')
    const res = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/segment-filters` })
    assert.equal(res.statusCode, 200)
    assert.deepEqual(json(res), {
      filters: [
        { filter: 'hightouch_cohorts', name: 'Hightouch Cohorts', partner: 'hightouch', cohorts: [{ cohort_id: 'vip', name: 'VIP buyers (renamed)' }, { cohort_id: 'churn', name: 'churn' }] },
        { filter: 'census_cohorts', name: 'Census Cohorts', partner: 'census', cohorts: [] }
      ]
    })
  })

  test('an unknown workspace is 404', async (t) => {
    const app = await buildTestApp(t)
    const res = await app.inject({ url: '/_fake/workspaces/nope/segment-filters' })
    assert.equal(res.statusCode, 404)
    assert.deepEqual(json(res), { message: 'Workspace nope not found' })
  })
})

describe('filter operators', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['cohort includes_value reaches the cohort\'s members', VIP, ['u1', 'u2', 'u3']],
    ['cohort excludes_value reaches every other user of the workspace, anonymous ones too', { ...VIP, operator: 'excludes_value' }, ['u4', 'u5', 'ANON']],
    ['custom attribute equals a string', { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }, ['u1', 'u2', 'u5', 'ANON']],
    ['custom attribute equals a number matches numbers only, never the string "10"', { filter: 'custom_attribute', attribute: 'score', operator: 'equals', value: 10 }, ['u1']],
    ['custom attribute equals a boolean', { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: false }, ['u2']],
    ['custom attribute not_equals also reaches users without the attribute', { filter: 'custom_attribute', attribute: 'plan', operator: 'not_equals', value: 'gold' }, ['u3', 'u4']],
    ['custom attribute exists ignores a null value', { filter: 'custom_attribute', attribute: 'plan_note', operator: 'exists' }, []],
    ['custom attribute does_not_exist', { filter: 'custom_attribute', attribute: 'plan', operator: 'does_not_exist' }, ['u4']],
    ['custom attribute greater_than compares numbers only', { filter: 'custom_attribute', attribute: 'score', operator: 'greater_than', value: 5 }, ['u1', 'u4']],
    ['custom attribute less_than', { filter: 'custom_attribute', attribute: 'score', operator: 'less_than', value: 7.5 }, ['u2']],
    ['custom attribute includes_value looks inside arrays', { filter: 'custom_attribute', attribute: 'tags', operator: 'includes_value', value: 'b' }, ['u1', 'u2']],
    ['custom attribute includes_value with a number', { filter: 'custom_attribute', attribute: 'tags', operator: 'includes_value', value: 2 }, ['u4']],
    ['custom attribute does_not_include_value', { filter: 'custom_attribute', attribute: 'tags', operator: 'does_not_include_value', value: 'a' }, ['u2', 'u3', 'u4', 'u5', 'ANON']],
    ['email_subscribe equals', { filter: 'email_subscribe', operator: 'equals', value: 'opted_in' }, ['u1']],
    ['email_subscribe not_equals', { filter: 'email_subscribe', operator: 'not_equals', value: 'unsubscribed' }, ['u1', 'u2', 'u4', 'u5', 'ANON']],
    ['external_id does_not_exist reaches anonymous users', { filter: 'external_id', operator: 'does_not_exist' }, ['ANON']],
    ['email exists', { filter: 'email', operator: 'exists' }, ['u1', 'u3']]
  ]
  for (const [name, filter, expected] of cases) {
    test(name, async (t) => {
      const app = await buildTestApp(t)
      const p = await world(app)
      const got = await reach(app, p, filter)
      assert.deepEqual(got.map((id) => (/^[0-9a-f]{24}$/.test(id) ? 'ANON' : id)).sort(), [...expected].sort())
    })
  }
})

describe('nesting', () => {
  test('AND intersects a cohort with user data', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    assert.deepEqual(await reach(app, p, { and: [VIP, { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }] }), ['u1', 'u2'])
  })

  test('"A includes AND B excludes OR C" groups as written', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const tree = { or: [{ and: [VIP, { filter: 'hightouch_cohorts', operator: 'excludes_value', value: 'churn' }] }, { filter: 'custom_attribute', attribute: 'score', operator: 'equals', value: 7.5 }] }
    assert.deepEqual(await reach(app, p, tree), ['u1', 'u2', 'u4'])
  })

  test('NOT of an OR group, and an AND holding only negations, start from every user', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const churn = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'churn' }
    assert.deepEqual(await reach(app, p, { not: { or: [VIP, churn] } }), ['u5', (await reach(app, p, { filter: 'external_id', operator: 'does_not_exist' }))[0]!].sort())
    assert.deepEqual(await reach(app, p, { and: [{ not: VIP }, { not: { filter: 'external_id', operator: 'does_not_exist' } }] }), ['u4', 'u5'])
    assert.deepEqual(await reach(app, p, { not: { not: VIP } }), ['u1', 'u2', 'u3'])
  })
})

describe('membership follows the partner endpoints', () => {
  test('includes and excludes change with every add and remove, and paging walks all members', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const inc = await makeSegment(app, p.workspaceId, VIP)
    const exc = await makeSegment(app, p.workspaceId, { ...VIP, operator: 'excludes_value' })
    await addToCohort(app, p, 'vip', ['u4', 'u5'])
    assert.deepEqual(await segmentMembers(app, p.workspaceId, inc.id, 2), ['u1', 'u2', 'u3', 'u4', 'u5'])
    await addToCohort(app, p, 'vip', ['u1', 'u4'], true)
    assert.deepEqual(await segmentMembers(app, p.workspaceId, inc.id, 1), ['u2', 'u3', 'u5'])
    const excluded = await segmentMembers(app, p.workspaceId, exc.id)
    assert.deepEqual(excluded.filter((id) => id.startsWith('u')), ['u1', 'u4'])
    assert.equal(excluded.length, 3)
    const page = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/segments/${inc.id}/members?limit=2` }))
    assert.equal(page.total, 3)
    assert.equal(page.members.length, 2)
    assert.deepEqual(page.members[0], { braze_id: page.members[0].braze_id, external_id: 'u2' })
    assert.equal(typeof page.next_cursor, 'string')
  })

  test('a deleted workspace takes its segments with it', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const s = await makeSegment(app, p.workspaceId, VIP)
    assert.equal((await app.inject({ method: 'DELETE', url: `/_fake/workspaces/${p.workspaceId}` })).statusCode, 204)
    const res = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/segments/${s.id}/members` })
    assert.equal(res.statusCode, 404)
  })
})

describe('segment lifecycle', () => {
  test('create, read, patch, replace, archive, unarchive and delete', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const base = `/_fake/workspaces/${p.workspaceId}/segments`
    const created = await makeSegment(app, p.workspaceId, VIP, { id: 'vip-seg', tags: ['ht'], description: 'winback' })
    assert.deepEqual({ ...created, created_at: 'T', updated_at: 'T' }, {
      id: 'vip-seg', name: 'Segment', description: 'winback', tags: ['ht'], filter: VIP, filter_description: 'Hightouch Cohorts includes "VIP buyers"',
      analytics_tracking_enabled: false, archived: false, created_at: 'T', updated_at: 'T', size: 3
    })
    const patched = json(await app.inject({ method: 'PATCH', url: `${base}/vip-seg`, payload: { name: 'VIP', filter: { ...VIP, operator: 'excludes_value' } } }))
    assert.equal(patched.name, 'VIP')
    assert.equal(patched.description, 'winback')
    assert.equal(patched.filter_description, 'Hightouch Cohorts excludes "VIP buyers"')
    assert.equal(patched.size, 3)
    const replaced = json(await app.inject({ method: 'PUT', url: `${base}/vip-seg`, payload: { name: 'Again', filter: VIP } }))
    assert.deepEqual([replaced.name, replaced.tags, replaced.description], ['Again', [], null])
    assert.equal(json(await post(app, `${base}/vip-seg/archive`)).archived, true)
    assert.equal(json(await post(app, `${base}/vip-seg/unarchive`)).archived, false)
    assert.deepEqual(json(await app.inject({ url: base })).segments.map((s: { id: string }) => s.id), ['vip-seg'])
    assert.equal((await app.inject({ method: 'DELETE', url: `${base}/vip-seg` })).statusCode, 204)
    const gone = await app.inject({ url: `${base}/vip-seg` })
    assert.equal(gone.statusCode, 404)
    assert.deepEqual(json(gone), { message: 'Segment vip-seg not found' })
  })

  test('a fixed id already in use is 409', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    await makeSegment(app, p.workspaceId, VIP, { id: 'same' })
    const res = await post(app, `/_fake/workspaces/${p.workspaceId}/segments`, { id: 'same', name: 'x', filter: VIP })
    assert.equal(res.statusCode, 409)
    assert.deepEqual(json(res), { message: 'Segment same already exists' })
  })
})

describe('invalid filter trees are 400 naming the node', () => {
  const cases: Array<[string, unknown, string]> = [
    ['an unknown partner filter', { and: [VIP, { filter: 'acme_cohorts', operator: 'includes_value', value: 'vip' }] },
      'Invalid segment filter at filter.and[1].filter: unknown filter "acme_cohorts"; expected <partner>_cohorts (hightouch_cohorts, census_cohorts, segment_cohorts, amplitude_cohorts, mixpanel_cohorts, heap_cohorts, treasuredata_cohorts, kubit_cohorts, tinyclues_cohorts), custom_attribute, email_subscribe, push_subscribe, external_id, email, phone, subscription_group, reachable'],
    ['a cohort the workspace does not hold', { or: [{ not: { ...VIP, value: 'ghost' } }] }, 'Invalid segment filter at filter.or[0].not.value: no Hightouch cohort "ghost" in this workspace'],
    ['a cohort of another partner', { ...VIP, filter: 'census_cohorts' }, 'Invalid segment filter at filter.value: no Census cohort "vip" in this workspace'],
    ['a bad cohort operator', { ...VIP, operator: 'equals' }, 'Invalid segment filter at filter.operator: must be "includes_value" or "excludes_value" for Hightouch Cohorts'],
    ['a bad attribute operator', { filter: 'custom_attribute', attribute: 'plan', operator: 'matches' }, 'Invalid segment filter at filter.operator: must be one of equals, not_equals, exists, does_not_exist, greater_than, less_than, includes_value, does_not_include_value'],
    ['a string where a number is compared', { filter: 'custom_attribute', attribute: 'score', operator: 'greater_than', value: '5' }, 'Invalid segment filter at filter.value: "greater_than" compares with a number'],
    ['a subscription state Braze does not have', { filter: 'email_subscribe', operator: 'equals', value: 'yes' }, 'Invalid segment filter at filter.value: must be one of opted_in, subscribed, unsubscribed'],
    ['an empty group', { and: [] }, 'Invalid segment filter at filter.and: must be a non-empty array of filters'],
    ['a group with a stray key', { or: [VIP], and: [VIP] }, 'Invalid segment filter at filter: a "and" group has no other keys (found or, and)'],
    ['a leaf with a stray key', { ...VIP, attribute: 'x' }, 'Invalid segment filter at filter: unknown key "attribute" for filter "hightouch_cohorts"'],
    ['a node that is not an object', { and: [VIP, 'vip'] }, 'Invalid segment filter at filter.and[1]: must be an object: {"and":[…]}, {"or":[…]}, {"not":…} or a filter {"filter":…,"operator":…}']
  ]
  for (const [name, filter, message] of cases) {
    test(name, async (t) => {
      const app = await buildTestApp(t)
      const p = await world(app)
      const res = await post(app, `/_fake/workspaces/${p.workspaceId}/segments`, { name: 'bad', filter })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res), { message })
    })
  }

  test('a PATCH with a bad tree leaves the segment unchanged', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const s = await makeSegment(app, p.workspaceId, VIP)
    const res = await app.inject({ method: 'PATCH', url: `/_fake/workspaces/${p.workspaceId}/segments/${s.id}`, payload: { name: 'new', filter: { not: 1 } } })
    assert.equal(res.statusCode, 400)
    assert.equal(json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/segments/${s.id}` })).name, 'Segment')
  })

  test('a filter that is not an object is refused by the schema', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const res = await post(app, `/_fake/workspaces/${p.workspaceId}/segments`, { name: 'bad', filter: [VIP] })
    assert.equal(res.statusCode, 400)
    assert.match(json(res).message, /^body\.filter: /)
  })
})

describe('nesting: operand order', () => {
  test('a group as the first operand, a group later, and cohort AND several user-data tests give the same answers as set algebra', async (t) => {
    const app = await buildTestApp(t)
    const p = await world(app)
    const churn = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'churn' }
    const gold = { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }
    const scored = { filter: 'custom_attribute', attribute: 'score', operator: 'exists' }
    assert.deepEqual(await reach(app, p, { and: [{ or: [VIP, churn] }, { not: gold }] }), ['u3', 'u4'])
    assert.deepEqual(await reach(app, p, { or: [{ filter: 'external_id', operator: 'does_not_exist' }, { and: [churn, { not: VIP }] }] }).then((ids) => ids.filter((id) => id.startsWith('u'))), ['u4'])
    assert.deepEqual(await reach(app, p, { and: [gold, VIP, scored, { filter: 'email', operator: 'exists' }] }), ['u1'])
    assert.deepEqual(await reach(app, p, { and: [churn, { or: [gold, { filter: 'email_subscribe', operator: 'equals', value: 'subscribed' }] }, scored] }), ['u4'])
  })
})
