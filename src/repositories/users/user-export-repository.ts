import type { DatabaseHandle } from '../../db/client.js'
import type { UserRow } from '../../db/schema/users.js'
import { USER_COLUMNS, toUserRow, type RawUser } from './user-rows.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type UserExportRepository = ReturnType<typeof createUserExportRepository>

export interface SummaryRow { userPk: number, name: string, first: number, last: number, count: number }

/**
 * Read side of the user-data endpoints: finding users by any identifier kind and reading what
 * the export object needs. Users are read with raw prepared statements (profile JSON parsed here)
 * because /users/export/ids is the hot path the benchmark measures.
 */
export function createUserExportRepository ({ sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const byEmail = prepare<[number, string], { pk: number }>('SELECT pk FROM users WHERE workspace_pk = ? AND email = ? ORDER BY pk')
  const byPhone = prepare<[number, string], { pk: number }>('SELECT pk FROM users WHERE workspace_pk = ? AND phone = ? ORDER BY pk')
  const byBrazeId = prepare<[number, string], { pk: number }>('SELECT pk FROM users WHERE workspace_pk = ? AND braze_id = ?')
  const byDevice = prepare<[number, string], { pk: number }>('SELECT user_pk AS pk FROM user_devices WHERE workspace_pk = ? AND device_id = ?')
  const usersByPks = prepare<[string], RawUser>(
    `SELECT ${USER_COLUMNS} FROM json_each(?) j JOIN users u ON u.pk = j.value`)
  // Prepared once, like the rest: drizzle's builder prepared both statements again on every export
  // (with its query building, ~0.3 ms of a 50-id request; BENCHMARKS.md, Issue 19, fourth pass).
  const eventsOf = prepare<[string], SummaryRow>(
    'SELECT user_pk AS userPk, name, first, last, count FROM user_event_summaries WHERE user_pk IN (SELECT value FROM json_each(?))')
  const purchasesOf = prepare<[string], SummaryRow & { revenue: number }>(
    'SELECT user_pk AS userPk, product_id AS name, first, last, count, revenue FROM user_purchase_summaries WHERE user_pk IN (SELECT value FROM json_each(?))')

  return {
    pksByEmail (workspacePk: number, email: string): number[] {
      return byEmail.all(workspacePk, email).map((r) => r.pk)
    },
    pksByPhone (workspacePk: number, phone: string): number[] {
      return byPhone.all(workspacePk, phone).map((r) => r.pk)
    },
    pkByBrazeId (workspacePk: number, brazeId: string): number | undefined {
      return byBrazeId.get(workspacePk, brazeId)?.pk
    },
    /** The owner of a device id, identified or not (unlike cohort import's anonymous-only match). */
    pkByDeviceId (workspacePk: number, deviceId: string): number | undefined {
      return byDevice.get(workspacePk, deviceId)?.pk
    },
    usersByPks (pks: readonly number[]): UserRow[] {
      return pks.length === 0 ? [] : usersByPks.all(JSON.stringify(pks)).map(toUserRow)
    },
    eventSummaries (pks: readonly number[]): SummaryRow[] {
      return pks.length === 0 ? [] : eventsOf.all(JSON.stringify(pks))
    },
    /** Purchases summarised per product; `name` is the product_id, as the export names it. */
    purchaseSummaries (pks: readonly number[]): Array<SummaryRow & { revenue: number }> {
      return pks.length === 0 ? [] : purchasesOf.all(JSON.stringify(pks))
    }
  }
}
