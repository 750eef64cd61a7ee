/**
 * Migration 0007 (per-workspace ids) on a database made by 0000–0006 with data in it: the rows
 * survive, the app serves them, and the ids that were unique server-wide are then unique per
 * workspace only (issue 17: "migrate existing databases, a migration, not a reset").
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { migrationsUpTo } from './migrations-up-to.js'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../../src/config.js'
import { REST_PERMISSIONS } from '../../src/domain/shared/rest-permissions.js'
import { buildTestApp, json, post } from '../helper.js'

const SQL = {
  workspace: 'INSERT INTO workspaces (id, name, cluster, created_at) VALUES (?, ?, \'iad-01\', 0)',
  key: 'INSERT INTO rest_api_keys (key, workspace_pk, name, permissions, created_at) VALUES (?, ?, \'k\', ?, 0)',
  user: 'INSERT INTO users (workspace_pk, braze_id, external_id, custom_attributes, created_at, updated_at) VALUES (?, ?, ?, \'{"vip":true}\', 0, 0)',
  segment: 'INSERT INTO segments (id, workspace_pk, name, tags, filter, analytics_tracking_enabled, created_at, updated_at) VALUES (?, ?, ?, \'[]\', ?, 0, 0, 0)',
  definition: 'INSERT INTO messaging_definitions (id, workspace_pk, type, name, kind, status, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, \'active\', ?, 0, 0)',
  schedule: 'INSERT INTO message_schedules (schedule_id, workspace_pk, dispatch_id, endpoint, source_id, send_at, schedule, request, status, created_at) VALUES (?, ?, \'d\', \'campaign\', \'winback\', 9e12, \'{}\', \'{}\', \'pending\', 0)',
  group: 'INSERT INTO subscription_groups (workspace_pk, id, name, channel, created_at) VALUES (?, ?, ?, \'email\', 0)'
}
const VIP = JSON.stringify({ filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: true })
const GROUP = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'

/** The definitions the control plane stores for winback and onboarding (its answer without the row's own fields). */
async function definitions (t: import('node:test').TestContext): Promise<{ campaign: string, canvas: string }> {
  const app = await buildTestApp(t)
  await post(app, '/_fake/workspaces', { id: 'w' })
  const strip = (body: Record<string, unknown>): string => {
    const { archived: _a, created_at: _c, updated_at: _u, ...def } = body
    return JSON.stringify(def)
  }
  const campaign = await post(app, '/_fake/workspaces/w/campaigns', { id: 'winback', name: 'Win-back', kind: 'api_triggered', messages: [{ id: 'winback-email', channel: 'email', subject: 's', body: 'b' }] })
  const canvas = await post(app, '/_fake/workspaces/w/canvases', { id: 'onboarding', name: 'Onboarding', steps: [{ id: 'welcome', name: 'Welcome', messages: [{ id: 'welcome-email', channel: 'email', subject: 's', body: 'b' }] }] })
  assert.equal(campaign.statusCode, 201, campaign.body)
  assert.equal(canvas.statusCode, 201, canvas.body)
  return { campaign: strip(json(campaign)), canvas: strip(json(canvas)) }
}

test('0007 keeps every row of a 0006 database and makes ids unique per workspace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-0007-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'fake-braze.db')
  const defs = await definitions(t)

  // --- a database at 0006, with data ----------------------------------------------------------
  const old = openDatabase(file)
  migrate(old.db, { migrationsFolder: migrationsUpTo(dir, '0006_messaging') })
  const s = old.sqlite
  const wsA = Number(s.prepare(SQL.workspace).run('ws-a', 'A').lastInsertRowid)
  const wsB = Number(s.prepare(SQL.workspace).run('ws-b', 'B').lastInsertRowid)
  s.prepare(SQL.key).run('rest-key-ws-a', wsA, JSON.stringify(REST_PERMISSIONS))
  s.prepare(SQL.key).run('rest-key-ws-b', wsB, JSON.stringify(REST_PERMISSIONS))
  s.prepare(SQL.user).run(wsA, '5f0c6c5e8d4a4a439a4a1f0a', 'u1')
  s.prepare(SQL.segment).run('vip', wsA, 'VIP A', VIP)
  s.prepare(SQL.definition).run('winback', wsA, 'campaign', 'Win-back', 'api_triggered', defs.campaign)
  s.prepare(SQL.definition).run('onboarding', wsA, 'canvas', 'Onboarding', 'api_triggered', defs.canvas)
  s.prepare(SQL.schedule).run('sched-1', wsA)
  s.prepare(SQL.group).run(wsA, GROUP, 'Marketing A')
  // At 0006 these ids are unique server-wide: workspace B cannot hold them.
  for (const [sql, args] of [
    [SQL.segment, ['vip', wsB, 'VIP B', VIP]],
    [SQL.definition, ['winback', wsB, 'campaign', 'Win-back', 'api_triggered', defs.campaign]],
    [SQL.schedule, ['sched-1', wsB]],
    [SQL.user, [wsB, '5f0c6c5e8d4a4a439a4a1f0a', 'u1']]
  ] as Array<[string, unknown[]]>) assert.throws(() => s.prepare(sql).run(...args), /UNIQUE constraint failed/)
  const counts = (h: typeof old): Record<string, number> => Object.fromEntries(['workspaces', 'rest_api_keys', 'users', 'segments', 'messaging_definitions', 'message_schedules', 'subscription_groups']
    .map((table) => [table, (h.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]))
  const before = counts(old)
  const segmentRow = s.prepare('SELECT * FROM segments').get()
  old.close()

  // --- every migration, as a start does -----------------------------------------------------------
  const now = openDatabase(file)
  runMigrations(now.db)
  assert.deepEqual(counts(now), before)
  assert.deepEqual(now.sqlite.prepare('SELECT * FROM segments').get(), segmentRow)
  const indexes = (now.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((r) => r.name)
  for (const gone of ['segments_id_unique', 'messaging_definitions_id_unique', 'message_schedules_schedule_id_unique', 'users_braze_id_unique']) assert.ok(!indexes.includes(gone), gone)
  for (const made of ['segments_id_idx', 'messaging_definitions_id_idx', 'message_schedules_schedule_id_idx', 'users_braze_id_idx']) assert.ok(indexes.includes(made), made)
  const n = now.sqlite
  // Workspace B may now hold the same ids; a second row of the same id in workspace A is still refused.
  n.prepare(SQL.segment).run('vip', wsB, 'VIP B', VIP)
  n.prepare(SQL.definition).run('winback', wsB, 'campaign', 'Win-back B', 'api_triggered', defs.campaign)
  n.prepare(SQL.schedule).run('sched-1', wsB)
  n.prepare(SQL.user).run(wsB, '5f0c6c5e8d4a4a439a4a1f0a', 'u1')
  assert.throws(() => n.prepare(SQL.segment).run('vip', wsA, 'again', VIP), /UNIQUE constraint failed: segments.workspace_pk, segments.id/)
  assert.throws(() => n.prepare(SQL.definition).run('winback', wsA, 'canvas', 'again', 'api_triggered', defs.canvas), /UNIQUE constraint failed/)
  assert.throws(() => n.prepare(SQL.schedule).run('sched-1', wsA), /UNIQUE constraint failed/)
  assert.throws(() => n.prepare(SQL.user).run(wsA, '5f0c6c5e8d4a4a439a4a1f0a', 'u2'), /UNIQUE constraint failed/)
  now.close()

  // --- the app on the migrated file: each key reads its own workspace ------------------------------
  const app = await buildApp(testConfig({ FAKE_BRAZE_DB: file }))
  t.after(() => app.close())
  await app.ready()
  const rest = async (key: string, url: string): Promise<Record<string, any>> => {
    const res = await app.inject({ url, headers: { authorization: `Bearer ${key}` } })
    assert.equal(res.statusCode, 200, res.body)
    return json(res)
  }
  assert.equal((await rest('rest-key-ws-a', '/segments/details?segment_id=vip')).name, 'VIP A')
  assert.equal((await rest('rest-key-ws-b', '/segments/details?segment_id=vip')).name, 'VIP B')
  assert.equal((await rest('rest-key-ws-a', '/canvas/details?canvas_id=onboarding')).name, 'Onboarding')
  assert.deepEqual((await rest('rest-key-ws-a', '/campaigns/list')).campaigns.map((c: any) => [c.id, c.name]), [['winback', 'Win-back']])
  assert.deepEqual((await rest('rest-key-ws-b', '/campaigns/list')).campaigns.map((c: any) => [c.id, c.name]), [['winback', 'Win-back B']])
  const groups = json(await app.inject({ url: '/_fake/workspaces/ws-a/subscription-groups' }))
  assert.deepEqual(groups.subscription_groups.map((g: any) => g.id), [GROUP])
  const schedules = json(await app.inject({ url: '/_fake/workspaces/ws-a/message-schedules' }))
  assert.deepEqual(schedules.schedules.map((r: any) => r.schedule_id), ['sched-1'])
})
