import type { DatabaseHandle } from '../db/client.js'

/** Runs fn in one SQLite transaction (nested calls become savepoints); a throw rolls it all back. */
export type RunInTransaction = <T>(fn: () => T) => T

export function createTransactionRunner ({ sqlite }: DatabaseHandle): RunInTransaction {
  return <T>(fn: () => T): T => sqlite.transaction(fn)()
}
