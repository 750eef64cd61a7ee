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

export interface DatabaseHandle {
  readonly db: Db
  readonly sqlite: Database.Database
  /** Runs fn atomically: a savepoint inside the current group (grouped) or its own transaction. */
  readonly runAtomically: <T>(fn: () => T) => T
  /** Commits the open group, if any (grouped mode). */
  flush: () => void
  /** The commit ledger: which commit groups a request may have written into, and how they ended. */
  readonly commits: CommitLedger
  close: () => void
}

/**
 * Commit-before-answer (grouped mode). A request takes a mark when it arrives; before its answer
 * leaves, settled(mark) says whether every group opened since then committed: undefined at once
 * when nothing is pending, a promise while a group is still open, or the error of a group that
 * failed (its writes are gone, so the request must not be told they were stored).
 */
export interface CommitLedger {
  mark: () => number
  settled: (mark: number) => undefined | Error | Promise<Error | undefined>
}

interface Group {
  readonly seq: number
  readonly done: Promise<Error | undefined>
  resolve: (e: Error | undefined) => void
}

/**
 * Opens the SQLite database. Files get WAL. `synchronous` defaults to OFF: SQLite never calls
 * fsync, so a killed fake loses nothing it acknowledged (committed pages are in the OS page cache)
 * and only an OS crash or power cut can lose or corrupt the file. A test double's data is
 * disposable, and the fsyncs of checkpoints were the largest single cost of /users/track on a
 * million-user file (BENCHMARKS.md); `--sync normal|full` restores SQLite's usual guarantees
 * (https://www.sqlite.org/pragma.html#pragma_synchronous).
 *
 * Memory (issue 19: at most 250 MiB RSS with a million users): no mmap, a 32 MiB page cache. A
 * memory-mapped file counts every page it has read into the process's RSS (a million-user file
 * reached ~550 MiB), and on this workload it was not faster: SQLite's own cache plus the OS page
 * cache serve the random pages of /users/track and cohort writes (BENCHMARKS.md "Issue 19").
 *
 * Group commit ('grouped', the default): requests that arrive together share one SQLite
 * transaction, committed once the event loop has run every request of the turn (setImmediate);
 * each request runs in its own SAVEPOINT, so it applies whole or not at all, and a failing request
 * rolls back alone. Answers are held until the group's COMMIT has succeeded (see CommitLedger and
 * plugins/commit-before-answer.ts), as databases do with commit_delay: a 2xx means committed. If
 * the COMMIT fails (disk full, read-only, I/O error) the group is rolled back and every request of
 * it is answered with a 503 instead. See BENCHMARKS.md for what grouping buys.
 */
export function openDatabase (path: string, { commitMode = 'grouped', sync = 'off' }: OpenOptions = {}): DatabaseHandle {
  const inMemory = path === ':memory:' || path === ''
  if (!inMemory) mkdirSync(dirname(path), { recursive: true })
  const sqlite = new Database(inMemory ? ':memory:' : path)
  if (!inMemory) {
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma(`synchronous = ${SYNCHRONOUS[sync]}`)
    sqlite.pragma('wal_autocheckpoint = 10000')
  }
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('cache_size = -32768')
  sqlite.pragma('temp_store = MEMORY')

  // better-sqlite3 turns a transaction function called inside an open transaction into a savepoint.
  const atomic = sqlite.transaction((fn: () => unknown) => fn())
  let open: Group | undefined
  let nextSeq = 1
  /** seq of the newest group that failed, and why */
  let failedSeq = 0
  let failure: Error | undefined

  const settle = (g: Group, err: Error | undefined): void => {
    if (open === g) open = undefined
    if (err !== undefined) { failedSeq = g.seq; failure = err }
    g.resolve(err)
  }
  const flush = (): void => {
    const g = open
    if (g === undefined) return
    if (!sqlite.inTransaction) {
      // SQLite rolled the whole transaction back itself (SQLITE_FULL, IOERR…): the group is lost.
      settle(g, failure ?? new Error('SQLITE_ABORT: the commit group was rolled back'))
      return
    }
    try {
      sqlite.exec('COMMIT')
      settle(g, undefined)
    } catch (err) {
      try { if (sqlite.inTransaction) sqlite.exec('ROLLBACK') } catch { /* already gone */ }
      settle(g, err as Error)
    }
  }
  const openGroup = (): void => {
    sqlite.exec('BEGIN')
    let resolve!: (e: Error | undefined) => void
    const done = new Promise<Error | undefined>((r) => { resolve = r })
    open = { seq: nextSeq++, done, resolve }
    setImmediate(flush)
  }
  const runAtomically = commitMode === 'per-request'
    ? <T>(fn: () => T): T => atomic(fn) as T
    : <T>(fn: () => T): T => {
        if (open !== undefined && !sqlite.inTransaction) settle(open, failure ?? new Error('SQLITE_ABORT: the commit group was rolled back'))
        if (open === undefined) openGroup()
        const g = open!
        try {
          return atomic(fn) as T
        } catch (err) {
          // A storage error can make SQLite roll back the whole group, not just this savepoint.
          if (!sqlite.inTransaction && open === g) settle(g, err as Error)
          throw err
        }
      }
  const commits: CommitLedger = {
    mark: () => open?.seq ?? nextSeq,
    settled (mark) {
      if (failedSeq >= mark) return failure
      if (open !== undefined && open.seq >= mark) return open.done.then(() => (failedSeq >= mark ? failure : undefined))
      return undefined
    }
  }

  let closed = false
  return {
    db: drizzle({ client: sqlite }),
    sqlite,
    runAtomically,
    flush,
    commits,
    close: () => {
      if (closed) return
      closed = true
      flush()
      if (!inMemory) sqlite.pragma('wal_checkpoint(TRUNCATE)')
      sqlite.close()
    }
  }
}
