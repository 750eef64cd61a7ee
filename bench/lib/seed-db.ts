/**
 * Writes a large workspace straight into a file database through the repositories (seconds for
 * a million users, where HTTP seeding would take minutes): workspace `bench`, `users` users with
 * external ids user-0…, and an active Hightouch data import key.
 */
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { newBrazeId } from '../../src/domain/shared/ids.js'
import { createDataImportKeyRepository } from '../../src/repositories/partners/data-import-key-repository.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

export const BENCH_SECRET = 'bench-data-import-key'
export const BENCH_PARTNER_KEY = 'fake-hightouch-us-partner-api-key'

export function seedWorkspaceFile (dbPath: string, users: number): void {
  const handle = openDatabase(dbPath)
  runMigrations(handle.db)
  const tx = createTransactionRunner(handle)
  const ws = createWorkspaceRepository(handle).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
  createDataImportKeyRepository(handle).insert({ key: BENCH_SECRET, workspacePk: ws.pk, partner: 'hightouch', status: 'active', createdAt: Date.now(), invalidatedAt: null })
  const repo = createUserRepository(handle)
  const batch = 50_000
  for (let start = 0; start < users; start += batch) {
    const now = Date.now()
    const rows: Parameters<typeof repo.insertMany>[0][number][] = []
    for (let i = start; i < Math.min(users, start + batch); i++) {
      rows.push({
        workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: i % 3 === 0 ? `u${i}@example.com` : null, phone: null,
        profile: { first_name: `User ${i}` }, customAttributes: { plan: i % 2 === 0 ? 'gold' : 'free' },
        emailSubscribe: null, pushSubscribe: null, randomBucket: i % 10000, totalRevenue: 0, createdAt: now, updatedAt: now
      })
    }
    tx(() => repo.insertMany(rows))
  }
  handle.close()
}
