/** A file database with one workspace ("bench"), a Hightouch data import key and `users` users user-0 … user-(n-1). */
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { newBrazeId } from '../../src/domain/shared/ids.js'
import { createDataImportKeyRepository } from '../../src/repositories/partners/data-import-key-repository.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

export const BENCH_SECRET = 'bench-data-import-key'
export const BENCH_PARTNER_KEY = 'fake-hightouch-us-partner-api-key'

/**
 * Returns the milliseconds it took. `withProfiles` gives every third user an email, every user a
 * first_name and a `plan` custom attribute (gold / free), for pages and segments that show them.
 */
export function seedBenchDatabase (dbPath: string, userCount: number, opts: { withProfiles?: boolean } = {}): number {
  const started = performance.now()
  const handle = openDatabase(dbPath)
  runMigrations(handle.db)
  const tx = createTransactionRunner(handle)
  const ws = createWorkspaceRepository(handle).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
  createDataImportKeyRepository(handle).insert({ key: BENCH_SECRET, workspacePk: ws.pk, partner: 'hightouch', status: 'active', createdAt: Date.now(), invalidatedAt: null })
  const users = createUserRepository(handle)
  const batch = 50_000
  for (let start = 0; start < userCount; start += batch) {
    const now = Date.now()
    const rows: Parameters<typeof users.insertMany>[0][number][] = []
    for (let i = start; i < Math.min(userCount, start + batch); i++) {
      rows.push({
        workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, phone: null,
        ...(opts.withProfiles === true
          ? { email: i % 3 === 0 ? `u${i}@example.com` : null, profile: { first_name: `User ${i}` }, customAttributes: { plan: i % 2 === 0 ? 'gold' : 'free' } }
          : { email: null, profile: {}, customAttributes: {} }),
        emailSubscribe: null, pushSubscribe: null, randomBucket: i % 10000, totalRevenue: 0, createdAt: now, updatedAt: now
      })
    }
    tx(() => users.insertMany(rows))
  }
  handle.close()
  return performance.now() - started
}
