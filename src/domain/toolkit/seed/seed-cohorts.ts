/**
 * The cohorts section of a seed file: partner cohorts with their members and an injected
 * "423 Resource locked" (cohorts.locked_writes), loaded and written back.
 */
import { toIso } from '../../shared/clock.js'
import { FakeBadRequest, FakeConflict } from '../../shared/errors.js'
import type { CohortLookup } from '../../segments/segment-filter.js'
import type { SeedCohort, SeedScope } from './seed-types.js'
import type { LoadedUsers } from './seed-users.js'
import type { SeedRepository } from '../../../repositories/toolkit/seed-repository.js'

/** Loads the cohorts and returns them as the lookup segment filters resolve against. */
export function loadCohorts (seeds: SeedRepository, scope: SeedScope, cohorts: SeedCohort[], users: LoadedUsers): CohortLookup {
  const { ms } = scope
  const byKey = new Map<string, { pk: number, name: string }>()
  cohorts.forEach((c, i) => {
    const ca = `${scope.at}.cohorts[${i}]`
    const key = `${c.partner}\u0000${c.cohort_id}`
    if (byKey.has(key)) throw new FakeConflict(`${ca}.cohort_id: '${c.cohort_id}' appears twice for ${c.partner}`)
    if (c.locked_writes_remaining !== undefined && c.locked !== true) throw new FakeBadRequest(`${ca}.locked_writes_remaining: needs "locked": true`)
    const createdAt = ms(c.created_at)
    const name = c.name ?? c.cohort_id
    const cohortPk = seeds.insertCohort({
      workspacePk: scope.workspacePk, partner: c.partner, cohortId: c.cohort_id, name, named: c.name !== undefined,
      partnerCreatedAt: c.partner_created_at ?? null, memberCount: 0,
      // cohorts.locked_writes: null = unlocked, -1 = until unlocked, n > 0 = the next n writes
      lockedWrites: c.locked === true ? (c.locked_writes_remaining ?? -1) : null,
      createdAt, updatedAt: ms(c.updated_at ?? c.created_at)
    })
    byKey.set(key, { pk: cohortPk, name })
    let count = 0
    ;(c.members ?? []).forEach((m, j) => {
      const index = typeof m === 'string' ? users.byExternal.get(m) : users.byBrazeId.get(m.braze_id)
      const userPk = index === undefined ? undefined : users.pks[index]
      if (userPk === undefined) {
        throw new FakeBadRequest(`${ca}.members[${j}]: no user of this workspace has ${typeof m === 'string' ? `external_id '${m}'` : `braze_id '${m.braze_id}'`}`)
      }
      if (seeds.insertMember(cohortPk, userPk, typeof m === 'string' ? createdAt : ms(m.added_at ?? c.created_at))) count++
    })
    seeds.setMemberCount(cohortPk, count)
  })
  return (partner, cohortId) => byKey.get(`${partner}\u0000${cohortId}`)
}

export function snapshotCohorts (seeds: SeedRepository, workspacePk: number): SeedCohort[] {
  return seeds.cohorts(workspacePk).map((c) => ({
    partner: c.partner,
    cohort_id: c.cohortId,
    ...(c.named && { name: c.name }),
    partner_created_at: c.partnerCreatedAt,
    created_at: toIso(c.createdAt),
    updated_at: toIso(c.updatedAt),
    members: seeds.members(c.pk).map((m) => ({ braze_id: m.brazeId, added_at: toIso(m.addedAt) })),
    ...(c.lockedWrites !== null && { locked: true }),
    ...(c.lockedWrites !== null && c.lockedWrites > 0 && { locked_writes_remaining: c.lockedWrites })
  }))
}
