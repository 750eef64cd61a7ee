/**
 * Migration 0011 (active users as bitmaps) on a database made by 0000–0010 with activity in it:
 * every (workspace, day, user) row of analytics_active_users is still counted by /kpi/dau and
 * /kpi/mau's reads afterwards, and the old table is gone.
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
import { createAnalyticsRepository } from '../../src/repositories/analytics/analytics-repository.js'

test('0011 turns every recorded active user into a bit, per workspace and day', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-0011-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'fake-braze.db')
  const old = openDatabase(file)
  migrate(old.db, { migrationsFolder: migrationsUpTo(dir, '0010_canvas_steps') })
  const insert = old.sqlite.prepare('INSERT OR IGNORE INTO analytics_active_users (workspace_pk, day, user_pk) VALUES (?, ?, ?)')
  const model = new Map<string, Set<number>>()
  let seed = 7
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n }
  old.sqlite.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      const ws = 1 + rand(2)
      const day = 20_000 + rand(40)
      const pk = [1, 7, 8, 31_999, 32_000, 32_001, 99_999][i] ?? rand(100_000)
      insert.run(ws, day, pk)
      const k = `${ws}:${day}`
      if (!model.has(k)) model.set(k, new Set())
      model.get(k)!.add(pk)
    }
  })()
  old.close()

  const handle = openDatabase(file)
  t.after(() => handle.close())
  runMigrations(handle.db)
  assert.deepEqual(handle.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'analytics_active_users'").get(), { n: 0 })
  const analytics = createAnalyticsRepository(handle)
  for (const ws of [1, 2]) {
    const daily = [...model].filter(([k]) => k.startsWith(`${ws}:`)).map(([k, s]) => ({ day: Number(k.split(':')[1]), n: s.size })).sort((a, b) => a.day - b.day)
    assert.deepEqual(analytics.activeUsersPerDay(ws, 19_000, 21_000), daily)
    const users = new Set<number>()
    for (const [k, s] of model) if (k.startsWith(`${ws}:`) && Number(k.split(':')[1]) >= 20_010) for (const u of s) users.add(u)
    assert.deepEqual(analytics.activeUsersPer30Days(ws, [20_039]), [{ day: 20_039, n: users.size }])
  }
})
