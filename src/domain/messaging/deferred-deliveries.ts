/**
 * Deliveries put off to a later instant of the fake's clock (message_deferred): a local-time
 * schedule's users whose zone has not reached the time yet (local-time.ts), and a rate-limited
 * campaign's later minutes (send-service.ts). When due, each set replays its schedule's request or
 * its campaign's dashboard send for those users only, at its due time, under the same dispatch_id.
 */
import { EARLIEST_OFFSET_MS, localInstant } from './local-time.js'
import type { ScheduleInput } from './messaging-types.js'
import type { FireOptions, SendService } from './send-service.js'
import type { MessageScheduleRow } from '../../db/schema/messaging.js'
import type { DeferredRow, MessagingRepository } from '../../repositories/messaging/messaging-repository.js'

export function createDeferredDeliveries (deps: { repo: MessagingRepository, sends: SendService, fire: (row: MessageScheduleRow, fo: FireOptions) => unknown }) {
  const { repo, sends } = deps
  const fire = deps.fire
  /**
   * A local-time schedule's firing: the users whose zone has reached the wall-clock time go now,
   * the others are deferred to their own instant (message_deferred), replayed with the same request.
   */
  function localTimeSplit (row: MessageScheduleRow): FireOptions['apply'] {
    const s = row.schedule as unknown as ScheduleInput
    if (s.in_local_time !== true) return undefined
    const wall = row.sendAt + EARLIEST_OFFSET_MS
    return (pk, candidates, now) => {
      const zones = new Map<number, unknown>()
      const pks = candidates.flatMap((c) => (c.pk === null ? [] : [c.pk]))
      for (let i = 0; i < pks.length; i += 5000) for (const u of repo.renderUsers(pks.slice(i, i + 5000))) zones.set(u.pk, u.profile.time_zone)
      const later: DeferredRow[] = []
      const out = candidates.filter((c) => {
        if (c.pk === null) return true
        const due = localInstant(wall, zones.get(c.pk))
        if (due <= now) return true
        later.push({ workspacePk: pk, dueAt: due, dispatchId: row.dispatchId, source: 'schedule', sourcePk: row.pk, userPk: c.pk })
        return false
      })
      repo.insertDeferred(later)
      return out
    }
  }

  /** Deferred deliveries whose time has come: each set replays its campaign's dashboard send or its schedule's request for those users only, at its due time. */
  function fireDue (now: number): void {
    const rows = repo.takeDueDeferred(now)
    const groups = new Map<string, DeferredRow[]>()
    for (const r of rows) {
      const k = `${r.source}:${r.sourcePk}:${r.dispatchId}:${r.dueAt}`
      const g = groups.get(k)
      if (g === undefined) groups.set(k, [r]); else g.push(r)
    }
    for (const g of groups.values()) {
      const first = g[0]!
      const only = new Set(g.map((r) => r.userPk))
      const fo: FireOptions = { at: first.dueAt, apply: (_pk, candidates) => candidates.filter((c) => c.pk !== null && only.has(c.pk)) }
      if (first.source === 'definition') {
        const def = repo.definitionByPk(first.sourcePk)
        if (def !== undefined && def.archivedAt === null) sends.dashboardSend(def.workspacePk, def, { ...fo, dispatchId: first.dispatchId })
      } else {
        const sched = repo.scheduleByPk(first.sourcePk)
        if (sched !== undefined) fire(sched, fo)
      }
    }
  }

  return { localTimeSplit, fireDue }
}
