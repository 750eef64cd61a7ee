/**
 * runMigrations' fast path (a database with no table gets every file in one exec) must leave the
 * same database as drizzle's migrator, journal included, so drizzle recognises it later.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { MIGRATIONS_FOLDER, runMigrations } from '../../src/db/migrate.js'

const schema = (s: Database.Database): unknown => s.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all()
const journal = (s: Database.Database): unknown => s.prepare('SELECT id, hash, created_at FROM __drizzle_migrations ORDER BY created_at').all()

test('a new database migrated in one exec equals one migrated by drizzle, journal included', () => {
  const byDrizzle = new Database(':memory:')
  migrate(drizzle({ client: byDrizzle }), { migrationsFolder: MIGRATIONS_FOLDER })
  const fast = new Database(':memory:')
  runMigrations(drizzle({ client: fast }))
  assert.deepEqual(schema(fast), schema(byDrizzle))
  assert.deepEqual(journal(fast), journal(byDrizzle))
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER })
  assert.deepEqual((journal(fast) as Array<{ hash: string }>).map((r) => r.hash), files.map((f) => f.hash))
  byDrizzle.close()
  fast.close()
})

test('later new databases, given the schema image of the first, equal one migrated by drizzle, in creation order too', () => {
  const byDrizzle = new Database(':memory:')
  migrate(drizzle({ client: byDrizzle }), { migrationsFolder: MIGRATIONS_FOLDER })
  const inOrder = (s: Database.Database): unknown => s.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid').all()
  for (let i = 0; i < 3; i++) {
    const fast = new Database(':memory:')
    runMigrations(drizzle({ client: fast }))
    assert.deepEqual(schema(fast), schema(byDrizzle))
    assert.deepEqual(journal(fast), journal(byDrizzle))
    // SQLite loads a schema in this order (index order matters to the query planner's ties)
    assert.deepEqual(inOrder(fast), (inOrder(byDrizzle) as Array<{ type: string, name: string }>).filter((o) => o.type !== 'table' || !o.name.startsWith('sqlite_') || o.name === 'sqlite_sequence'))
    fast.close()
  }
  byDrizzle.close()
})

test('drizzle finds nothing to apply on a file database migrated in one exec, and runMigrations reopens it', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-migrate-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'db.sqlite')
  const first = new Database(path)
  runMigrations(drizzle({ client: first }))
  first.prepare("INSERT INTO workspaces (id, name, cluster, created_at) VALUES ('w', 'w', 'iad-01', 0)").run()
  const before = { schema: schema(first), journal: journal(first) }
  first.close()
  const again = new Database(path)
  // drizzle would re-run 0000 (CREATE TABLE … fails) if it did not recognise the journal
  migrate(drizzle({ client: again }), { migrationsFolder: MIGRATIONS_FOLDER })
  runMigrations(drizzle({ client: again }))
  assert.deepEqual({ schema: schema(again), journal: journal(again) }, before)
  assert.equal((again.prepare('SELECT count(*) AS n FROM workspaces').get() as { n: number }).n, 1)
  again.close()
})

test('a failing migration leaves a new database without any table', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-migrate-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const folder = join(dir, 'migrations')
  mkdirSync(join(folder, 'meta'), { recursive: true })
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries: [{ idx: 0, version: '6', when: 1, tag: '0000_a', breakpoints: true }, { idx: 1, version: '6', when: 2, tag: '0001_b', breakpoints: true }] }))
  writeFileSync(join(folder, '0000_a.sql'), 'CREATE TABLE a (x integer);\n--> statement-breakpoint\nCREATE TABLE b (y integer);')
  writeFileSync(join(folder, '0001_b.sql'), 'CREATE TABLE c (z integer);\n--> statement-breakpoint\nNOT SQL;')
  const s = new Database(':memory:')
  assert.throws(() => runMigrations(drizzle({ client: s }), folder), /syntax error/)
  assert.equal(s.inTransaction, false)
  assert.deepEqual(schema(s), [])
  s.close()
})
