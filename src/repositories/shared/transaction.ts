import type { DatabaseHandle } from '../../db/client.js'

/**
 * Runs fn atomically (see openDatabase: a savepoint within a commit group, or its own
 * transaction); nested calls become savepoints; a throw rolls back exactly fn's writes.
 */
export type RunInTransaction = <T>(fn: () => T) => T

export function createTransactionRunner (handle: DatabaseHandle): RunInTransaction {
  return handle.runAtomically
}
