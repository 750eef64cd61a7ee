/**
 * POST /partners/{partner}/cohorts/users against ../shared/braze-reference.md's fidelity
 * checklist (items 1–5, 8–11, 13–21). Status and exact message in every case.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { makeKey, members, provision, seedUsers, usersCall } from '../../factories.js'

const USERS = '/partners/hightouch/cohorts/users'

describe('user cohort endpoint: authentication', () => {
  test('item 1: valid keys, an unknown cohort id and empty cohort_changes answer 201 success (Segment\'s credential test)', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app, { partner: 'segment' })
    const res = await post(app, '/partners/segment/cohorts/users', usersCall(p, 'will_add_in_constant', []))
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success' })
    assert.match(String(res.headers['content-type']), /^application\/json/)
  })

  test('item 2: an unknown client_secret is 401 Invalid client secret', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, USERS, { ...usersCall(p, 'c1', []), client_secret: 'not-a-key' })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid client secret' })
  })

  test('item 2: a missing client_secret is 401 Invalid client secret', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const body = usersCall(p, 'c1', [])
    delete body.client_secret
    const res = await post(app, USERS, body)
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid client secret' })
  })

  test('item 3: a missing partner_api_key is 401 Invalid Partner API key, even with other fields wrong', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, USERS, { client_secret: p.secret, cohort_id: 5, cohort_changes: 'x' })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid Partner API key' })
  })

  test('item 3: an unknown partner_api_key is 401 Invalid Partner API key', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, USERS, { ...usersCall(p, 'c1', []), partner_api_key: 'nope' })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid Partner API key' })
  })

  test('item 4: a data import key generated for another partner is 401 Partner not enabled, echoing the secret', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app, { partner: 'census' })
    const hightouch = await provision(app, { partner: 'hightouch' })
    const res = await post(app, USERS, { ...usersCall(hightouch, 'c1', []), client_secret: p.secret })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: `Partner not enabled for client with client secret: ${p.secret}` })
  })

  test('a partner key of another partner on this path is 401 Unauthorized access', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const census = await provision(app, { partner: 'census' })
    const res = await post(app, USERS, { ...usersCall(p, 'c1', []), partner_api_key: census.partnerApiKey })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Unauthorized access' })
  })

  test('item 5: the US partner key on an EU host is 401 Invalid Partner API key; the EU key works there', async (t) => {
    const app = await buildTestApp(t)
    const eu = await provision(app, { cluster: 'fra-01' })
    const us = await provision(app)
    const bad = await post(app, USERS, { ...usersCall(eu, 'c1', []), partner_api_key: us.partnerApiKey }, { headers: { host: 'rest.fra-01.braze.eu' } })
    assert.equal(bad.statusCode, 401)
    assert.deepEqual(json(bad), { message: 'Invalid Partner API key' })
    const good = await post(app, USERS, usersCall(eu, 'c1', []), { headers: { host: 'rest.fra-01.braze.eu' } })
    assert.equal(good.statusCode, 201)
  })

  test('an invalidated data import key stops working at once; another active key keeps working', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const second = await makeKey(app, p.workspaceId, 'hightouch')
    assert.equal((await post(app, USERS, usersCall(p, 'c1', []))).statusCode, 201)
    const inv = await post(app, `/_fake/workspaces/${p.workspaceId}/partners/hightouch/data-import-keys/${p.secret}/invalidate`)
    assert.equal(inv.statusCode, 200)
    const res = await post(app, USERS, usersCall(p, 'c1', []))
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid client secret' })
    assert.equal((await post(app, USERS, { ...usersCall(p, 'c1', []), client_secret: second })).statusCode, 201)
  })

  test('an unknown partner path is 404 Invalid URL', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, '/partners/nobody/cohorts/users', usersCall(p, 'c1', []))
    assert.equal(res.statusCode, 404)
    assert.deepEqual(json(res), { message: 'Invalid URL' })
  })
})

describe('user cohort endpoint: validation', () => {
  test('item 8: a numeric or missing cohort_id is 400 cohort_id must be a valid string', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    for (const cohortId of [123, undefined, '']) {
      const res = await post(app, USERS, { ...usersCall(p, 'x', []), cohort_id: cohortId })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(json(res), { message: 'cohort_id must be a valid string' })
    }
  })

  test('item 9: cohort_changes as a string, an element without identifier keys, or a wrong type is 400 with Braze\'s text', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const text = 'cohort_changes must be an array of objects each with key user_ids and/or device_ids mapping to an array of strings, or an aliases object'
    const bad = ['[{"user_ids":["a"]}]', [{ should_remove: true }], [{ user_ids: [1, 2] }], [{ user_ids: 'a' }], [{ aliases: [{ alias_name: 'x' }] }], ['a'], undefined]
    for (const changes of bad) {
      const res = await post(app, USERS, { ...usersCall(p, 'c1', []), cohort_changes: changes })
      assert.equal(res.statusCode, 400, JSON.stringify(changes))
      assert.deepEqual(json(res), { message: text })
    }
  })

  test('item 10: 1,001 identifiers across objects is 400; exactly 1,000 is 201', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
    const over = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ids(600, 'u') }, { device_ids: ids(400, 'd'), aliases: [{ alias_name: 'a', alias_label: 'l' }] }]))
    assert.equal(over.statusCode, 400)
    assert.deepEqual(json(over), { message: 'Only 1,000 user_ids, device_ids, and aliases are allowed per request' })
    const list = await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/cohorts` })
    assert.deepEqual(json(list).cohorts, [], 'a refused request leaves nothing behind')
    const exact = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ids(600, 'u') }, { device_ids: ids(400, 'd') }]))
    assert.equal(exact.statusCode, 201)
  })

  test('item 11: objects with empty arrays beside one non-empty array (Segment\'s shape) are accepted', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'w8KW' }])
    const res = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['w8KW'], device_ids: [], aliases: [] }, { user_ids: [], device_ids: [], aliases: [], should_remove: true }]))
    assert.equal(res.statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), ['w8KW'])
  })

  test('unknown keys in the body and in change objects are ignored', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, USERS, { ...usersCall(p, 'c1', [{ user_ids: [], extra: 1 }]), partner: 'x' })
    assert.equal(res.statusCode, 201)
  })
})

describe('user cohort endpoint: membership', () => {
  test('item 13: adding an existing user by external id makes them a member', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'ext-1' }, { external_id: 'ext-2' }])
    assert.equal((await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['ext-1'] }]))).statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), ['ext-1'])
  })

  test('item 14: an unknown user id is skipped with 201 and no user is created', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const res = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['ghost'] }]))
    assert.equal(res.statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), [])
    // the id is still free: seeding it succeeds, so no profile was created
    await seedUsers(app, p.workspaceId, [{ external_id: 'ghost' }])
  })

  test('item 15: a device id of an anonymous user adds that user', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const [anon] = await seedUsers(app, p.workspaceId, [{ device_ids: ['dev-A'] }])
    await post(app, USERS, usersCall(p, 'c1', [{ device_ids: ['dev-A'] }]))
    assert.deepEqual(await members(app, p, 'c1'), [anon!.braze_id])
  })

  test('item 16: a device id of an identified user changes nothing', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'known', device_ids: ['dev-B'] }])
    const res = await post(app, USERS, usersCall(p, 'c1', [{ device_ids: ['dev-B'] }]))
    assert.equal(res.statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), [])
  })

  test('item 17: an alias adds the user holding that exact label and name, alias-only users included', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    const [, aliasOnly] = await seedUsers(app, p.workspaceId, [
      { external_id: 'e1', aliases: [{ alias_name: 'a@x.com', alias_label: 'email' }] },
      { aliases: [{ alias_name: 'b@x.com', alias_label: 'email' }] }
    ])
    await post(app, USERS, usersCall(p, 'c1', [{ aliases: [
      { alias_name: 'a@x.com', alias_label: 'email' },
      { alias_name: 'b@x.com', alias_label: 'email' },
      { alias_name: 'email', alias_label: 'a@x.com' }
    ] }]))
    assert.deepEqual(await members(app, p, 'c1'), ['e1', aliasOnly!.braze_id].sort())
  })

  test('item 18: should_remove removes a member; removing a non-member is a 201 no-op', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'a' }, { external_id: 'b' }])
    await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['a', 'b'] }]))
    const res = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['a'], should_remove: true }]))
    assert.equal(res.statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), ['b'])
    const noop = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['a', 'ghost'], should_remove: true }]))
    assert.equal(noop.statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), ['b'])
  })

  test('item 19: an add object and a remove object in one request are both applied, in order', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'a' }, { external_id: 'b' }, { external_id: 'c' }])
    await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['a'] }]))
    await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['b', 'c'] }, { user_ids: ['a', 'c'], should_remove: true }]))
    assert.deepEqual(await members(app, p, 'c1'), ['b'])
    await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['b'], should_remove: true }, { user_ids: ['b'] }]))
    assert.deepEqual(await members(app, p, 'c1'), ['b'], 'remove then add leaves the user in')
  })

  test('replaying a request is a no-op, and member_count follows adds and removes', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'a' }, { external_id: 'b' }])
    const body = usersCall(p, 'c1', [{ user_ids: ['a', 'b', 'a'] }])
    await post(app, USERS, body)
    const first = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1/members` }))
    await post(app, USERS, body)
    const again = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1/members` }))
    assert.deepEqual(again, first, 'added_at is kept from the first add')
    const cohort = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1` }))
    assert.equal(cohort.member_count, 2)
  })

  test('item 20: a never-named cohort id becomes visible, named by its id', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await post(app, USERS, usersCall(p, 'aud_23WN', []))
    const list = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/cohorts?partner=hightouch` }))
    assert.equal(list.cohorts.length, 1)
    assert.equal(list.cohorts[0].cohort_id, 'aud_23WN')
    assert.equal(list.cohorts[0].name, 'aud_23WN')
    assert.equal(list.cohorts[0].named, false)
  })

  test('item 21: a locked cohort answers 423 Resource locked, for the next N writes, and applies nothing', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await seedUsers(app, p.workspaceId, [{ external_id: 'a' }])
    await post(app, USERS, usersCall(p, 'c1', []))
    const lock = await post(app, `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1/lock`, { writes: 2 })
    assert.equal(lock.statusCode, 200)
    assert.equal(json(lock).locked, true)
    for (let i = 0; i < 2; i++) {
      const res = await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['a'] }]))
      assert.equal(res.statusCode, 423)
      assert.deepEqual(json(res), { message: 'Resource locked' })
    }
    assert.deepEqual(await members(app, p, 'c1'), [])
    assert.equal((await post(app, USERS, usersCall(p, 'c1', [{ user_ids: ['a'] }]))).statusCode, 201)
    assert.deepEqual(await members(app, p, 'c1'), ['a'])
  })

  test('a lock without a count holds until unlocked', async (t) => {
    const app = await buildTestApp(t)
    const p = await provision(app)
    await post(app, USERS, usersCall(p, 'c1', []))
    await post(app, `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1/lock`)
    for (let i = 0; i < 3; i++) assert.equal((await post(app, USERS, usersCall(p, 'c1', []))).statusCode, 423)
    const unlock = await app.inject({ method: 'DELETE', url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c1/lock` })
    assert.equal(json(unlock).locked, false)
    assert.equal((await post(app, USERS, usersCall(p, 'c1', []))).statusCode, 201)
  })

  test('the same cohort id from two partners, or two workspaces, are different cohorts', async (t) => {
    const app = await buildTestApp(t)
    const ht = await provision(app, { partner: 'hightouch' })
    const censusSecret = await makeKey(app, ht.workspaceId, 'census')
    const census = { ...ht, partner: 'census', secret: censusSecret, partnerApiKey: 'fake-census-us-partner-api-key' }
    const other = await provision(app)
    await seedUsers(app, ht.workspaceId, [{ external_id: 'a' }, { external_id: 'b' }])
    await seedUsers(app, other.workspaceId, [{ external_id: 'a' }])
    await post(app, USERS, usersCall(ht, 'same', [{ user_ids: ['a'] }]))
    await post(app, '/partners/census/cohorts/users', usersCall(census, 'same', [{ user_ids: ['b'] }]))
    assert.deepEqual(await members(app, ht, 'same'), ['a'])
    assert.deepEqual(await members(app, census, 'same'), ['b'])
    assert.equal(json(await app.inject({ url: `/_fake/workspaces/${other.workspaceId}/cohorts` })).cohorts.length, 0)
  })
})
