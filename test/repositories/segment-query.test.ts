/**
 * Repository-level: a deleted user drops out of segments. This branch has no user-delete endpoint,
 * so the test deletes the user as the user store contract defines deletion (its users row and its
 * cohort_members rows via cohortRepo.removeUsersEverywhere).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { users } from '../../src/db/schema/users.js'
import { createCohortRepository } from '../../src/repositories/partners/cohort-repository.js'
import { createSegmentQueryRepository } from '../../src/repositories/segments/segment-query.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'
import type { UserSetExpr } from '../../src/repositories/segments/user-set.js'

test('a deleted user drops out of "includes" and "excludes" segments alike', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  const ws = createWorkspaceRepository(handle).insert({ id: 'w', name: 'w', cluster: 'iad-01', createdAt: 0 })
  const userRepo = createUserRepository(handle)
  const cohortRepo = createCohortRepository(handle)
  const query = createSegmentQueryRepository(handle)
  const make = (ext: string) => userRepo.insert({
    workspacePk: ws.pk, brazeId: ext.padEnd(24, '0'), externalId: ext, email: null, phone: null, profile: {}, customAttributes: {},
    emailSubscribe: null, pushSubscribe: null, randomBucket: 0, totalRevenue: 0, createdAt: 0, updatedAt: 0
  })
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(make)
  const cohort = cohortRepo.ensure(ws.pk, 'hightouch', 'vip', 0)
  cohortRepo.addMembers(cohort.pk, [a!.pk, b!.pk], 0)
  const includes: UserSetExpr = { kind: 'cohort', cohortPk: cohort.pk }
  const excludes: UserSetExpr = { kind: 'not', child: includes }
  const ids = (e: UserSetExpr) => query.page(ws.pk, e, 0, 100).map((r) => r.externalId)
  assert.deepEqual([ids(includes), query.count(ws.pk, includes)], [['a', 'b'], 2])
  assert.deepEqual([ids(excludes), query.count(ws.pk, excludes)], [['c', 'd'], 2])

  for (const gone of [b!, d!]) {
    cohortRepo.removeUsersEverywhere(ws.pk, [gone.pk], 1)
    handle.db.delete(users).where(eq(users.pk, gone.pk)).run()
  }
  assert.deepEqual([ids(includes), query.count(ws.pk, includes)], [['a'], 1])
  assert.deepEqual([ids(excludes), query.count(ws.pk, excludes)], [['c'], 1])
  assert.deepEqual(query.allPks(ws.pk, { kind: 'or', children: [includes, excludes] }), [a!.pk, c!.pk])
})
