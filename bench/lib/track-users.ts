/**
 * The users the /users/track benchmarks update: workspace "bench" (created by the server under
 * test), `users` users with a few attributes each as existing users have, written in transactions of
 * 100,000 rows on a second connection.
 */
import { openDatabase } from '../../src/db/client.js'
import { newBrazeId, randomBucket } from '../../src/domain/shared/ids.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

export function seedTrackUsers (dbPath: string, users: number): void {
  const handle = openDatabase(dbPath)
  try {
    const ws = createWorkspaceRepository(handle).findById('bench')!
    const repo = createUserRepository(handle)
    const transaction = createTransactionRunner(handle)
    const now = Date.now()
    for (let start = 0; start < users; start += 100_000) {
      const rows: Parameters<typeof repo.insertMany>[0][number][] = []
      for (let i = start; i < Math.min(users, start + 100_000); i++) {
        rows.push({
          workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: null, phone: null, randomBucket: randomBucket(),
          profile: { first_name: `First${i % 1000}`, country: 'US' },
          customAttributes: { plan: 'free', visits: i % 50, tags: ['t0'], last_seen: '2026-11-01T00:00:00.000Z' },
          emailSubscribe: null, pushSubscribe: null, totalRevenue: 0, createdAt: now, updatedAt: now
        })
      }
      transaction(() => repo.insertMany(rows))
    }
  } finally {
    handle.close()
  }
}
