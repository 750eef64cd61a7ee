import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'

export type Db = BetterSQLite3Database
export interface DatabaseHandle {
  readonly db: Db
  readonly sqlite: Database.Database
  close: () => void
}

/**
 * Opens the SQLite database. Files get WAL with synchronous=NORMAL: a crash may lose the last
 * transactions but never corrupts, which is the right trade for a test double. The page cache
 * is large because cohort writes touch random pages of a million-row membership index.
 */
export function openDatabase (path: string): DatabaseHandle {
  const inMemory = path === ':memory:' || path === ''
  if (!inMemory) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(inMemory ? ':memory:' : path)
  if (!inMemory) {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('wal_autocheckpoint = 10000')
    sqlite.pragma('mmap_size = 1073741824')
  }
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -262144')
  sqlite.pragma('temp_store = MEMORY')
  let closed = false
  return {
    db: drizzle({ client: sqlite }),
    sqlite,
    close: () => {
      if (closed) return
      closed = true
      if (!inMemory) sqlite.pragma('wal_checkpoint(TRUNCATE)')
      sqlite.close()
    }
  }
}
