import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { members, provision, usersCall } from '../../factories.js'
import { MERGE_MESSAGES } from '../../../src/domain/shared/errors.js'
import { exportIds, rest, restKeyFor, restWorkspace, seedUsers } from './rest.js'

test('checklist 62: /users/merge → 202 {"message":"success"}; the fake applies it at once: fields, summaries and cohorts combined, one membership each', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ws = await restKeyFor(app, p.workspaceId)
  const last = new Date().toISOString()
  await seedUsers(app, ws.id, [
    { external_id: 'old-user1', profile: { first_name: 'Old', home_city: 'Lyon' }, custom_attributes: { a: 1 }, purchases: [{ name: 'sku', first: '2026-01-01T00:00:00Z', last, count: 2 }], total_revenue: 20, aliases: [{ alias_name: 'o', alias_label: 'crm' }] },
    { external_id: 'current-user1', profile: { first_name: 'Current' }, purchases: [{ name: 'sku', first: '2026-03-01T00:00:00Z', last: '2026-03-02T00:00:00Z', count: 1 }], total_revenue: 5 }
  ])
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'both', [{ user_ids: ['old-user1', 'current-user1'] }]))
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'old-only', [{ user_ids: ['old-user1'] }]))

  const res = await rest(app, ws, '/users/merge', { merge_updates: [{ identifier_to_merge: { external_id: 'old-user1' }, identifier_to_keep: { external_id: 'current-user1' } }] })
  assert.equal(res.statusCode, 202)
  assert.deepEqual(json(res), { message: 'success' })

  const body = await exportIds(app, ws, { external_ids: ['current-user1', 'old-user1'], fields_to_export: ['external_id', 'user_aliases', 'first_name', 'home_city', 'custom_attributes', 'purchases', 'total_revenue'] })
  assert.deepEqual(body, {
    message: 'success',
    users: [{
      external_id: 'current-user1',
      user_aliases: [{ alias_name: 'o', alias_label: 'crm' }],
      first_name: 'Current',
      home_city: 'Lyon',
      total_revenue: 25,
      custom_attributes: { a: 1 },
      purchases: [{ name: 'sku', first: '2026-01-01T00:00:00.000Z', last, count: 3 }]
    }],
    invalid_user_ids: ['old-user1']
  })
  assert.deepEqual(await members(app, p, 'both'), ['current-user1'])
  assert.deepEqual(await members(app, p, 'old-only'), ['current-user1'])
  const counts = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/cohorts` })).cohorts.map((c: { cohort_id: string, member_count: number }) => [c.cohort_id, c.member_count])
  assert.deepEqual(counts, [['both', 1], ['old-only', 1]])
})

test('merge by email with prioritization and by user_alias; identifiers that match nobody are skipped', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [
    { external_id: 'john', email: 'john@example.com' },
    { email: 'john@example.com', custom_attributes: { anon: true } },
    { aliases: [{ alias_name: 'x1', alias_label: 'crm' }], profile: { country: 'DE' } },
    { aliases: [{ alias_name: 'x2', alias_label: 'crm' }] }
  ])
  const res = await rest(app, ws, '/users/merge', { merge_updates: [
    { identifier_to_merge: { email: 'john@example.com', prioritization: ['unidentified', 'most_recently_updated'] }, identifier_to_keep: { external_id: 'john' } },
    { identifier_to_merge: { user_alias: { alias_name: 'x1', alias_label: 'crm' } }, identifier_to_keep: { user_alias: { alias_name: 'x2', alias_label: 'crm' } } },
    { identifier_to_merge: { external_id: 'ghost' }, identifier_to_keep: { external_id: 'john' } }
  ] })
  assert.deepEqual([res.statusCode, json(res)], [202, { message: 'success' }])
  assert.deepEqual((await exportIds(app, ws, { email_address: 'john@example.com', fields_to_export: ['external_id', 'custom_attributes'] })).users,
    [{ external_id: 'john', custom_attributes: { anon: true } }])
  assert.deepEqual((await exportIds(app, ws, { user_aliases: [{ alias_name: 'x1', alias_label: 'crm' }, { alias_name: 'x2', alias_label: 'crm' }], fields_to_export: ['user_aliases', 'country'] })),
    { message: 'success', users: [{ user_aliases: [{ alias_name: 'x2', alias_label: 'crm' }], country: 'DE' }], invalid_user_ids: ['x1'] })
})

test('/users/merge answers the documented 400 texts', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const ok = { identifier_to_merge: { external_id: 'a' }, identifier_to_keep: { external_id: 'b' } }
  const cases: Array<[unknown, string]> = [
    [{ merge_updates: 'nope' }, MERGE_MESSAGES.notArray],
    [{ merge_updates: [42] }, MERGE_MESSAGES.notArray],
    [{}, MERGE_MESSAGES.notArray],
    [{ merge_updates: Array.from({ length: 51 }, () => ok) }, 'a single request may not contain more than 50 merge updates'],
    [{ merge_updates: [{ ...ok, note: 'x' }] }, "'merge_updates' must only have 'identifier_to_merge' and 'identifier_to_keep'"],
    [{ merge_updates: [{ identifier_to_merge: { external_id: 1 }, identifier_to_keep: { external_id: 'b' } }] }, MERGE_MESSAGES.identifiers],
    [{ merge_updates: [{ identifier_to_merge: { email: 'a@b.c' }, identifier_to_keep: { external_id: 'b' } }] }, MERGE_MESSAGES.identifiers],
    [{ merge_updates: [{ identifier_to_merge: { external_id: 'a' } }] }, MERGE_MESSAGES.identifiers]
  ]
  for (const [body, message] of cases) {
    const res = await rest(app, ws, '/users/merge', body)
    assert.deepEqual([res.statusCode, json(res)], [400, { message }], JSON.stringify(body).slice(0, 100))
  }
  assert.equal(MERGE_MESSAGES.identifiers, "identifiers must be objects with an 'external_id' property that is a string, 'user_alias' property that is an object, 'email' property that is a string, or 'phone' property that is a string")
})
