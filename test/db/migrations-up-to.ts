/** Test helper: a copy of the migrations folder up to one migration, i.e. a database's state before a later change. */
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.js'

interface Journal { entries: Array<{ idx: number, tag: string }> }

/** Writes `<dir>/migrations` holding migrations 0000…`lastTag` and returns its path. */
export function migrationsUpTo (dir: string, lastTag: string): string {
  const out = join(dir, 'migrations')
  mkdirSync(join(out, 'meta'), { recursive: true })
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal
  const last = journal.entries.find((e) => e.tag === lastTag)
  assert.ok(last !== undefined, `no migration ${lastTag}`)
  const entries = journal.entries.filter((e) => e.idx <= last.idx)
  for (const e of entries) cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(out, `${e.tag}.sql`))
  writeFileSync(join(out, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }))
  return out
}
