import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { buildTestApp, json, post } from '../helper.js'
import { nameCall, provision, seedUsers, usersCall } from '../factories.js'
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

test('a snapshot loaded into a fresh server reproduces the workspace exactly', async (t) => {
  const source = await buildTestApp(t)
  await post(source, '/_fake/seed', SEED)
  const p = await provision(source, { partner: 'census' })
  await post(source, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`, { permissions: ['users.track'] })
  await seedUsers(source, p.workspaceId, [{ external_id: 'a', email: 'a@x.io' }, { external_id: 'b', aliases: [{ alias_label: 'l', alias_name: 'n' }] }, { device_ids: ['d1', 'd0'] }])
  await post(source, '/partners/census/cohorts', nameCall(p, 'named', 'Named one'))
  await post(source, '/partners/census/cohorts/users', usersCall(p, 'named', [{ user_ids: ['a', 'b'] }, { device_ids: ['d1'] }]))
  await post(source, '/partners/census/cohorts/users', usersCall(p, 'unnamed', [{ user_ids: ['b'] }]))
  const key = json(await source.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/census/data-import-keys` })).data_import_keys[0].key
  await post(source, `/_fake/workspaces/${p.workspaceId}/partners/census/data-import-keys/${key}/invalidate`)

  for (const id of ['ci-workspace', p.workspaceId]) {
    const snap = await source.inject({ url: `/_fake/workspaces/${id}/snapshot` })
    assert.equal(snap.statusCode, 200)
    const target = await buildTestApp(t)
    const loaded = await post(target, '/_fake/seed', json(snap))
    assert.equal(loaded.statusCode, 201, loaded.body)
    assert.deepEqual(json(await target.inject({ url: `/_fake/workspaces/${id}/snapshot` })), json(snap))
    for (const url of [`/_fake/workspaces/${id}`, `/_fake/workspaces/${id}/cohorts`, `/_fake/workspaces/${id}/rest-api-keys`]) {
      assert.deepEqual(json(await target.inject({ url })), json(await source.inject({ url })), url)
    }
  }
  const snap = json(await source.inject({ url: '/_fake/workspaces/ci-workspace/snapshot' }))
  const ada = snap.workspaces[0].users[0]
  assert.equal(ada.email, 'one@example.com')
  assert.deepEqual(ada.profile, SEED.workspaces[0]!.users[0]!.profile)
  assert.deepEqual(ada.custom_attributes, SEED.workspaces[0]!.users[0]!.custom_attributes)
})

test('a bad seed is 400 naming the path of the first bad field, and nothing is loaded', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[unknown, RegExp]> = [
    [{ workspaces: [{ id: 'w', users: [{ external_id: 'u' }, { email_subscribe: 'maybe' }] }] }, /^body\.workspaces\.0\.users\.1\.email_subscribe: /],
    [{ workspaces: [{ id: 'w', cohorts: [{ partner: 'nobody', cohort_id: 'c' }] }] }, /^body\.workspaces\.0\.cohorts\.0\.partner: /],
    [{ workspaces: [{ id: 'bad id!' }] }, /^body\.workspaces\.0\.id: /],
    [{ workspaces: [{ id: 'w', users: [{ braze_id: 'xyz' }] }] }, /^body\.workspaces\.0\.users\.0\.braze_id: /],
    [{ workspaces: [{ id: 'w', surprise: 1 }] }, /^body\.workspaces\.0: /],
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
