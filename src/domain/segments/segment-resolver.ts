/**
 * A segment's current member set and size, shared by the control plane, the REST endpoints and
 * exports. Resolution always reads current state; each count is recorded as the day's size
 * (the history /segments/data_series reads).
 */
import type { Clock } from '../shared/clock.js'
import { resolveFilter, type CohortLookup, type GroupLookup } from './segment-filter.js'
import { utcDay } from './segment-series.js'
import type { CohortRepository } from '../../repositories/partners/cohort-repository.js'
import type { SegmentQueryRepository } from '../../repositories/segments/segment-query.js'
import type { SegmentRepository } from '../../repositories/segments/segment-repository.js'
import type { UserSetExpr } from '../../repositories/segments/user-set.js'
import type { SegmentRow } from '../../db/schema/segments.js'

export function createSegmentResolver (deps: {
  segments: SegmentRepository, query: SegmentQueryRepository, cohorts: CohortRepository, clock: Clock
  /** the workspace's subscription groups (subscriptions surface), for the subscription_group and reachable filters */
  groups?: ((wsPk: number) => GroupLookup) | undefined
}) {
  return {
    cohortLookup (wsPk: number): CohortLookup {
      const byKey = new Map(deps.cohorts.list(wsPk).map((c) => [`${c.partner}\u0000${c.cohortId}`, { pk: c.pk, name: c.name }]))
      return (partner, cohortId) => byKey.get(`${partner}\u0000${cohortId}`)
    },
    groupLookup (wsPk: number): GroupLookup {
      return deps.groups?.(wsPk) ?? (() => undefined)
    },
    /** The stored tree, resolved against the workspace's cohorts and groups as they are now. */
    expr (row: SegmentRow): UserSetExpr {
      return resolveFilter(row.filter, this.cohortLookup(row.workspacePk), this.groupLookup(row.workspacePk))
    },
    /** Counts the members now and records the figure as today's size (the data_series history). */
    size (row: SegmentRow, expr?: UserSetExpr): number {
      const n = deps.query.count(row.workspacePk, expr ?? this.expr(row))
      deps.segments.recordSize(row.pk, utcDay(deps.clock.now()), n)
      return n
    }
  }
}
