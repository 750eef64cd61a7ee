/**
 * Turns stored users into Braze's user export objects with their identifiers and recent
 * activity: the one place both /users/export/ids and /users/export/segment build them.
 */
import { recentActivity, toUserExportObject, type ActivitySummary } from './user-export-object.js'
import type { UserRow } from '../../../db/schema/users.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'

/** What each user received (campaigns_received, canvases_received), as the messaging service reports it. */
export type ReceivedReader = (workspacePk: number, userPks: readonly number[]) => Map<number, { campaigns: unknown[], canvases: unknown[] }>

export interface ExportReads {
  users: UserRepository
  reads: UserExportRepository
  received?: ReceivedReader | undefined
}

/** Export objects for `rows`, in their order; `fields` limits the keys (absent = all). */
export function exportObjects (deps: ExportReads, rows: readonly UserRow[], fields: ReadonlySet<string> | undefined, now: number): Array<Record<string, unknown>> {
  const pks = rows.map((r) => r.pk)
  const ids = deps.users.identifiersOf(pks)
  const events = group(fields === undefined || fields.has('custom_events') ? deps.reads.eventSummaries(pks) : [])
  const purchases = group(fields === undefined || fields.has('purchases') ? deps.reads.purchaseSummaries(pks) : [])
  const wantReceived = deps.received !== undefined && rows.length > 0 && (fields === undefined || fields.has('campaigns_received') || fields.has('canvases_received'))
  const received = wantReceived ? deps.received!(rows[0]!.workspacePk, pks) : undefined
  return rows.map((row) => {
    const out = toUserExportObject(
      row,
      ids.get(row.pk) ?? { aliases: [], deviceIds: [] },
      recentActivity({ events: events.get(row.pk) ?? [], purchases: purchases.get(row.pk) ?? [] }, now),
      fields
    )
    const r = received?.get(row.pk)
    if (r !== undefined) {
      if (r.campaigns.length > 0 && (fields === undefined || fields.has('campaigns_received'))) out.campaigns_received = r.campaigns
      if (r.canvases.length > 0 && (fields === undefined || fields.has('canvases_received'))) out.canvases_received = r.canvases
    }
    return out
  })
}

function group (rows: ReadonlyArray<ActivitySummary & { userPk: number }>): Map<number, ActivitySummary[]> {
  const out = new Map<number, ActivitySummary[]>()
  for (const r of rows) {
    const list = out.get(r.userPk)
    const s = { name: r.name, first: r.first, last: r.last, count: r.count }
    if (list === undefined) out.set(r.userPk, [s])
    else list.push(s)
  }
  return out
}
