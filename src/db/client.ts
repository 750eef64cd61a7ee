import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'

export type Db = BetterSQLite3Database
export type CommitMode = 'grouped' | 'per-request'
export type SyncMode = 'off' | 'normal' | 'full'

export interface OpenOptions {
  commitMode?: CommitMode
  /** SQLite `synchronous` for a file database; default 'off' (see openDatabase). */
  sync?: SyncMode
}

const SYNCHRONOUS: Record<SyncMode, string> = { off: 'OFF', normal: 'NORMAL', full: 'FULL' }

/** How long a commit group stays open: long enough to gather concurrent requests, short for durability. */
const GROUP_COMMIT_MS = 2

export interface DatabaseHandle {
  readonly db: Db
  readonly sqlite: Database.Database
  /** Runs fn atomically: a savepoint inside the current group (grouped) or its own transaction. */
  readonly runAtomically: <T>(fn: () => T) => T
  /** Commits the open group, if any (grouped mode). */
  flush: () => void
  close: () => void
}

/**
 * Opens the SQLite database. Files get WAL. `synchronous` defaults to OFF: SQLite never calls
 * fsync, so a killed or crashed fake loses nothing (committed pages are in the OS page cache)
 * and only an OS crash or power cut can lose or corrupt the file. A test double's data is
 * disposable, and the fsyncs of checkpoints were the largest single cost of /users/track on a
 * million-user file (BENCHMARKS.md); `--sync normal|full` restores SQLite's usual guarantees
 * (https://www.sqlite.org/pragma.html#pragma_synchronous). The page cache
 * is large because cohort writes touch random pages of a million-row membership index.
 *
 * Group commit ('grouped', the default): requests that arrive together share one SQLite
 * transaction, committed GROUP_COMMIT_MS after the group opened; each request runs in
 * its own SAVEPOINT, so it still applies whole or not at all, and a failing request rolls back
 * alone. A commit costs about as much as a small request, and grouped requests that dirty the
 * same pages write them once: see BENCHMARKS.md. The price is durability only: a crash can lose
 * the last few milliseconds of acknowledged writes.
 */
export function openDatabase (path: string, { commitMode = 'grouped', sync = 'off' }: OpenOptions = {}): DatabaseHandle {
  const inMemory = path === ':memory:' || path === ''
  if (!inMemory) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(inMemory ? ':memory:' : path)
  if (!inMemory) {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma(`synchronous = ${SYNCHRONOUS[sync]}`)
    sqlite.pragma('wal_autocheckpoint = 10000')
    sqlite.pragma('mmap_size = 1073741824')
  }
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -262144')
  sqlite.pragma('temp_store = MEMORY')

  // better-sqlite3 turns a transaction function called inside an open transaction into a savepoint.
  const atomic = sqlite.transaction((fn: () => unknown) => fn())
  let groupOpen = false
  const flush = (): void => {
    if (!groupOpen) return
    groupOpen = false
    if (!sqlite.inTransaction) return
    try {
      sqlite.exec('COMMIT')
    } catch (err) {
      // Nothing can answer for this any more: the requests were acknowledged. Undo and report.
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
      process.emitWarning(`fake-braze: group commit failed and was rolled back: ${String(err)}`)
    }
  }
  const runAtomically = commitMode === 'per-request'
    ? <T>(fn: () => T): T => atomic(fn) as T
    : <T>(fn: () => T): T => {
        if (!sqlite.inTransaction) {
          sqlite.exec('BEGIN')
          groupOpen = true
          setTimeout(flush, GROUP_COMMIT_MS)
        }
        return atomic(fn) as T
      }

  let closed = false
  return {
    db: drizzle({ client: sqlite }),
    sqlite,
    runAtomically,
    flush,
    close: () => {
      if (closed) return
      closed = true
      flush()
      if (!inMemory) sqlite.pragma('wal_checkpoint(TRUNCATE)')
      sqlite.close()
    }
  }
}
