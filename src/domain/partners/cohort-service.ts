/**
 * The partner cohort endpoints' behaviour (braze-docs cohort_import.md) and the control
 * plane's view of cohorts. Every write runs in one transaction: a request applies whole or
 * not at all.
 */
import { toIso, type Clock } from '../shared/clock.js'
import { planMembershipSteps, type CohortChange } from './cohort-membership.js'
import type { UserAlias } from '../shared/user-alias.js'
import { FakeBadRequest, FakeNotFound, ResourceLocked } from '../shared/errors.js'
import { findPartner } from '../shared/partners.js'
import type { PartnerContext } from './partner-auth-service.js'
import type { CohortRepository } from '../../repositories/partners/cohort-repository.js'
import type { DataPointRepository } from '../../repositories/workspaces/data-point-repository.js'
import type { UserRepository } from '../../repositories/users/user-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { CohortRow } from '../../db/schema/cohorts.js'
import { cohortView, decodeCursor, encodeCursor, type CohortView, type MemberView } from './cohort-views.js'

export interface CohortEffects {
  cohort_id: string
  cohort_created: boolean
  identifiers: number
  matched: number
  added: number
  removed: number
  /** identifiers that matched no user Braze would act on: unknown, or a device of an identified user */
  ignored: { user_ids: string[], device_ids: string[], aliases: UserAlias[] }
  /** billable cohort assignments: one per user an add or remove step addressed [inferred from data_points.md] */
  data_points: number
}

/** What the cohort name endpoint did, for the request journal. */
export interface CohortNameEffects {
  cohort_id: string
  cohort_created: boolean
  name: string
  renamed_from?: string
}

export type CohortService = ReturnType<typeof createCohortService>

export function createCohortService (deps: {
  cohorts: CohortRepository
  users: UserRepository
  workspaces: WorkspaceRepository
  transaction: RunInTransaction
  clock: Clock
  /** running data point totals (source `cohort_import:<partner>`) */
  dataPoints?: DataPointRepository
}) {
  const { cohorts, users, transaction, clock } = deps

  function workspacePk (workspaceId: string): number {
    const ws = deps.workspaces.findById(workspaceId)
    if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return ws.pk
  }

  return {
    /** POST /partners/{p}/cohorts: create, or rename a cohort already known. */
    nameCohort (ctx: PartnerContext, input: { cohort_id: string, name: string, created_at: string }): CohortNameEffects {
      const existing = rejectIfLocked(ctx, input.cohort_id)
      transaction(() => cohorts.upsertNamed({
        workspacePk: ctx.workspacePk, partner: ctx.partner.name, cohortId: input.cohort_id,
        name: input.name, partnerCreatedAt: input.created_at, now: clock.now()
      }))
      return {
        cohort_id: input.cohort_id,
        cohort_created: existing === undefined,
        name: input.name,
        ...(existing !== undefined && existing.name !== input.name && { renamed_from: existing.name })
      }
    },

    /**
     * POST /partners/{p}/cohorts/users: applies add/remove steps in order. Identifiers of users
     * that do not exist are skipped; cohort import never creates users.
     */
    applyChanges (ctx: PartnerContext, input: { cohort_id: string, cohort_changes: CohortChange[] }): CohortEffects {
      const steps = planMembershipSteps(input.cohort_changes)
      // Found once: the lock check and the transaction below run in the same synchronous turn.
      const existing = rejectIfLocked(ctx, input.cohort_id)
      return transaction(() => {
        const now = clock.now()
        const cohort = existing ?? cohorts.ensure(ctx.workspacePk, ctx.partner.name, input.cohort_id, now)
        const effects: CohortEffects = {
          cohort_id: input.cohort_id, cohort_created: existing === undefined, identifiers: 0, matched: 0, added: 0, removed: 0,
          ignored: { user_ids: [], device_ids: [], aliases: [] }, data_points: 0
        }
        for (const step of steps) {
          // Step ids are distinct (planMembershipSteps): when all of them match, only the pks are read.
          const everyExternal = users.pksIfEveryExternalIdMatches(ctx.workspacePk, step.userIds)
          const byExternal = everyExternal === undefined ? users.findPksByExternalIds(ctx.workspacePk, step.userIds) : []
          const byDevice = users.findAnonymousPksByDeviceIds(ctx.workspacePk, step.deviceIds)
          const byAlias = users.findPksByAliases(ctx.workspacePk, step.aliases)
          effects.identifiers += step.userIds.length + step.deviceIds.length + step.aliases.length
          effects.matched += (everyExternal?.length ?? byExternal.length) + byDevice.length + byAlias.length
          collectIgnored(effects, everyExternal === undefined ? step.userIds : [], byExternal, step.deviceIds, byDevice, step.aliases, byAlias)
          // Ascending pks insert into the (cohort, user) b-tree in key order: neighbouring pages.
          const list = sortedUniquePks(everyExternal ?? [], byExternal, byDevice, byAlias)
          if (ctx.partner.billsCohortAssignments === true) effects.data_points += list.length
          if (step.op === 'add') effects.added += cohorts.addMembers(cohort.pk, list, now)
          else effects.removed += cohorts.removeMembers(cohort.pk, list)
        }
        const delta = effects.added - effects.removed
        if (delta !== 0 || steps.length > 0) cohorts.adjustMemberCount(cohort.pk, delta, now)
        if (effects.data_points > 0) deps.dataPoints?.add(ctx.workspacePk, `cohort_import:${ctx.partner.name}`, { cohort_assignments: effects.data_points })
        return effects
      })
    },

    /**
     * Makes the partner endpoints answer 423 "Resource locked" for this cohort, as Braze does
     * under concurrent writes to one cohort: for the next `writes` calls, or until unlocked.
     */
    lock (workspaceId: string, partner: string, cohortId: string, writes?: number): CohortView {
      return transaction(() => cohortView(cohorts.setLock(findCohort(workspacePk(workspaceId), partner, cohortId).pk, writes ?? -1)))
    },

    unlock (workspaceId: string, partner: string, cohortId: string): CohortView {
      return transaction(() => cohortView(cohorts.setLock(findCohort(workspacePk(workspaceId), partner, cohortId).pk, null)))
    },

    list (workspaceId: string, partner?: string): CohortView[] {
      if (partner !== undefined && findPartner(partner) === undefined) throw new FakeBadRequest(`Unknown partner '${partner}'`)
      return cohorts.list(workspacePk(workspaceId), partner).map(cohortView)
    },

    get (workspaceId: string, partner: string, cohortId: string): CohortView {
      return cohortView(findCohort(workspacePk(workspaceId), partner, cohortId))
    },

    /** A page of current members, ordered by user; `cursor` is the opaque next_cursor of the previous page. */
    members (workspaceId: string, partner: string, cohortId: string, page: { cursor?: string | undefined, limit: number }): { members: MemberView[], next_cursor?: string } {
      const cohort = findCohort(workspacePk(workspaceId), partner, cohortId)
      const rows = cohorts.members(cohort.pk, decodeCursor(page.cursor), page.limit + 1)
      const pageRows = rows.slice(0, page.limit)
      const ids = users.identifiersOf(pageRows.map((r) => r.userPk))
      const members = pageRows.map((r): MemberView => {
        const extra = ids.get(r.userPk)
        return {
          braze_id: r.brazeId,
          ...(r.externalId !== null && { external_id: r.externalId }),
          ...(extra !== undefined && extra.deviceIds.length > 0 && { device_ids: extra.deviceIds }),
          ...(extra !== undefined && extra.aliases.length > 0 && { aliases: extra.aliases }),
          added_at: toIso(r.addedAt)
        }
      })
      const last = pageRows[pageRows.length - 1]
      return rows.length > page.limit && last !== undefined ? { members, next_cursor: encodeCursor(last.userPk) } : { members }
    }
  }

  /** Checked outside the request's transaction, so the lock's countdown survives the 423. */
  function rejectIfLocked (ctx: PartnerContext, cohortId: string): CohortRow | undefined {
    const cohort = cohorts.find(ctx.workspacePk, ctx.partner.name, cohortId)
    if (cohort !== undefined && cohort.lockedWrites !== null && transaction(() => cohorts.consumeLock(cohort.pk))) {
      throw new ResourceLocked()
    }
    return cohort
  }

  function findCohort (wsPk: number, partner: string, cohortId: string): CohortRow {
    if (findPartner(partner) === undefined) throw new FakeNotFound('Partner', partner)
    const cohort = cohorts.find(wsPk, partner, cohortId)
    if (cohort === undefined) throw new FakeNotFound('Cohort', cohortId)
    return cohort
  }
}

/**
 * The distinct user pks of the matches, ascending (one user may match by several identifiers).
 * A typed array sorts numbers natively; duplicates are then neighbours.
 */
function sortedUniquePks (pks: readonly number[], ...matches: Array<ReadonlyArray<{ pk: number }>>): number[] {
  let n = pks.length
  for (const m of matches) n += m.length
  const all = new Float64Array(n)
  all.set(pks)
  let i = pks.length
  for (const m of matches) for (const r of m) all[i++] = r.pk
  all.sort()
  const out: number[] = []
  for (let k = 0; k < n; k++) if (k === 0 || all[k] !== all[k - 1]) out.push(all[k]!)
  return out
}

function collectIgnored (
  effects: CohortEffects,
  userIds: string[], byExternal: Array<{ value: string }>,
  deviceIds: string[], byDevice: Array<{ value: string }>,
  aliases: UserAlias[], byAlias: Array<{ idx: number }>
): void {
  if (byExternal.length < userIds.length) {
    const hit = new Set(byExternal.map((r) => r.value))
    for (const id of userIds) if (!hit.has(id)) effects.ignored.user_ids.push(id)
  }
  if (byDevice.length < deviceIds.length) {
    const hit = new Set(byDevice.map((r) => r.value))
    for (const id of deviceIds) if (!hit.has(id)) effects.ignored.device_ids.push(id)
  }
  if (byAlias.length < aliases.length) {
    const hit = new Set(byAlias.map((r) => Number(r.idx)))
    aliases.forEach((a, i) => { if (!hit.has(i)) effects.ignored.aliases.push(a) })
  }
}
