/**
 * Turns stored users into Braze's user export objects with their identifiers and recent
 * activity: the one place both /users/export/ids and /users/export/segment build them.
 */
import { recentActivity, toUserExportObject, type ActivitySummary } from './user-export-object.js'
import type { UserRow } from '../../../db/schema/users.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'

export interface ExportReads {
  users: UserRepository
  reads: UserExportRepository
}

/** Export objects for `rows`, in their order; `fields` limits the keys (absent = all). */
export function exportObjects (deps: ExportReads, rows: readonly UserRow[], fields: ReadonlySet<string> | undefined, now: number): Array<Record<string, unknown>> {
  const pks = rows.map((r) => r.pk)
  const ids = deps.users.identifiersOf(pks)
  const events = group(fields === undefined || fields.has('custom_events') ? deps.reads.eventSummaries(pks) : [])
  const purchases = group(fields === undefined || fields.has('purchases') ? deps.reads.purchaseSummaries(pks) : [])
  return rows.map((row) => toUserExportObject(
    row,
    ids.get(row.pk) ?? { aliases: [], deviceIds: [] },
    recentActivity({ events: events.get(row.pk) ?? [], purchases: purchases.get(row.pk) ?? [] }, now),
    fields
  ))
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
