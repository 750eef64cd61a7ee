/**
 * The workspace most benchmarks start from: a file database migrated, one workspace `bench`, and
 * users written through the user repository in large transactions (far faster than the API, so a
 * benchmark times only what it measures). Each benchmark says what its users hold through `user`.
 */
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { newBrazeId } from '../../src/domain/shared/ids.js'
import { createCohortRepository } from '../../src/repositories/partners/cohort-repository.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

type UserRow = Parameters<ReturnType<typeof createUserRepository>['insertMany']>[0][number]
/** What a benchmark's i-th user holds beyond the defaults (external id `user-i`, email `user-i@example.com`). */
export type BenchUser = (i: number) => Partial<Pick<UserRow, 'email' | 'profile' | 'customAttributes' | 'emailSubscribe' | 'pushSubscribe'>>

const BATCH = 50_000

export function openBenchWorkspace (dbPath: string) {
  const handle: DatabaseHandle = openDatabase(dbPath)
  runMigrations(handle.db)
  const tx = createTransactionRunner(handle)
  const ws = createWorkspaceRepository(handle).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
  const users = createUserRepository(handle)
  const cohorts = createCohortRepository(handle)
  const now = Date.now()
  return {
    handle, tx, ws, cohorts, now,
    /** `count` users, pks 1…count in order */
    insertUsers (count: number, user: BenchUser): void {
      for (let start = 0; start < count; start += BATCH) {
        const rows: UserRow[] = []
        for (let i = start; i < Math.min(count, start + BATCH); i++) {
          rows.push({
            workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: `user-${i}@example.com`, phone: null, profile: {},
            customAttributes: {}, emailSubscribe: null, pushSubscribe: null, randomBucket: i % 10000, totalRevenue: 0, createdAt: now, updatedAt: now, ...user(i)
          })
        }
        tx(() => users.insertMany(rows))
      }
    },
    /** a Hightouch cohort holding `pks` */
    insertCohort (cohortId: string, pks: readonly number[]): void {
      tx(() => {
        const cohort = cohorts.ensure(ws.pk, 'hightouch', cohortId, now)
        for (let i = 0; i < pks.length; i += BATCH) cohorts.addMembers(cohort.pk, pks.slice(i, i + BATCH), now)
        cohorts.adjustMemberCount(cohort.pk, cohorts.countMembers(cohort.pk), now)
      })
    }
  }
}
