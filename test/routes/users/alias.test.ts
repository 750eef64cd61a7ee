import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { members, provision, usersCall } from '../../factories.js'
import { exportIds, rest, restKeyFor, restWorkspace, seedUsers } from './rest.js'

test('checklist 59: /users/alias/new with a known external_id → {"aliases_processed":1,"message":"success"}; the alias then works in cohort import', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const ws = await restKeyFor(app, p.workspaceId)
  await seedUsers(app, ws.id, [{ external_id: 'u1' }])
  const res = await rest(app, ws, '/users/alias/new', { user_aliases: [{ external_id: 'u1', alias_name: 'u1@example.com', alias_label: 'email' }] })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), { aliases_processed: 1, message: 'success' })
  const add = await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c1', [{ aliases: [{ alias_name: 'u1@example.com', alias_label: 'email' }] }]))
  assert.equal(add.statusCode, 201)
  assert.deepEqual(await members(app, p, 'c1'), ['u1'])
})

test('/users/alias/new without external_id creates an alias-only user that export finds by alias', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const res = await rest(app, ws, '/users/alias/new', { user_aliases: [{ alias_name: 'anon-1', alias_label: 'amplitude_id' }, { alias_name: 'anon-2', alias_label: 'amplitude_id' }] })
  assert.deepEqual(json(res), { aliases_processed: 2, message: 'success' })
  const body = await exportIds(app, ws, { user_aliases: [{ alias_name: 'anon-1', alias_label: 'amplitude_id' }], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(body, { message: 'success', users: [{ user_aliases: [{ alias_name: 'anon-1', alias_label: 'amplitude_id' }] }] })
})

test('an unknown external_id, an alias already taken and a second alias with the same label change nothing but still count', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'u1', aliases: [{ alias_name: 'a', alias_label: 'email' }] }, { external_id: 'u2' }])
  const res = await rest(app, ws, '/users/alias/new', { user_aliases: [
    { external_id: 'ghost', alias_name: 'g', alias_label: 'x' },
    { external_id: 'u2', alias_name: 'a', alias_label: 'email' },
    { external_id: 'u1', alias_name: 'b', alias_label: 'email' },
    { alias_name: 'a', alias_label: 'email' }
  ] })
  assert.deepEqual(json(res), { aliases_processed: 4, message: 'success' })
  const body = await exportIds(app, ws, { external_ids: ['u1', 'u2', 'ghost'], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(body.users, [{ external_id: 'u1', user_aliases: [{ alias_name: 'a', alias_label: 'email' }] }, { external_id: 'u2' }])
  const probe = await exportIds(app, ws, { user_aliases: [{ alias_name: 'g', alias_label: 'x' }], fields_to_export: ['braze_id'] })
  assert.deepEqual(probe, { message: 'success', users: [], invalid_user_ids: ['g'] }, 'no user was created for the unknown external_id')
})

test('/users/alias/new over 50 objects and malformed objects are 400s', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  const many = await rest(app, ws, '/users/alias/new', { user_aliases: Array.from({ length: 51 }, (_, i) => ({ alias_name: `a${i}`, alias_label: 'l' })) })
  assert.equal(many.statusCode, 400)
  assert.deepEqual(json(many), { message: 'The max number of external_ids and aliases per request was exceeded' })
  const bad = await rest(app, ws, '/users/alias/new', { user_aliases: [{ alias_name: 'a' }] })
  assert.equal(bad.statusCode, 400)
  assert.deepEqual(json(bad), { message: "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label' and an optional string 'external_id'" })
})

test('/users/alias/update renames within the label; an unknown old name or a taken new name changes nothing', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'u1', aliases: [{ alias_name: 'old@x.com', alias_label: 'email' }] }, { external_id: 'u2', aliases: [{ alias_name: 'taken@x.com', alias_label: 'email' }] }])
  const res = await rest(app, ws, '/users/alias/update', { alias_updates: [
    { alias_label: 'email', old_alias_name: 'old@x.com', new_alias_name: 'new@x.com' },
    { alias_label: 'email', old_alias_name: 'missing@x.com', new_alias_name: 'other@x.com' },
    { alias_label: 'email', old_alias_name: 'new@x.com', new_alias_name: 'taken@x.com' }
  ] })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), { message: 'success' })
  const body = await exportIds(app, ws, { external_ids: ['u1', 'u2'], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(body.users, [
    { external_id: 'u1', user_aliases: [{ alias_name: 'new@x.com', alias_label: 'email' }] },
    { external_id: 'u2', user_aliases: [{ alias_name: 'taken@x.com', alias_label: 'email' }] }
  ])
  const many = await rest(app, ws, '/users/alias/update', { alias_updates: Array.from({ length: 51 }, () => ({ alias_label: 'l', old_alias_name: 'a', new_alias_name: 'b' })) })
  assert.deepEqual([many.statusCode, json(many)], [400, { message: 'The max number of external_ids and aliases per request was exceeded' }])
  const narrow = await restWorkspace(app, ['users.alias.new'])
  const denied = await rest(app, narrow, '/users/alias/update', { alias_updates: [] })
  assert.deepEqual([denied.statusCode, json(denied)], [403, { message: 'Access Denied' }])
})
