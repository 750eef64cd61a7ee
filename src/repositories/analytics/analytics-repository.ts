import type { DatabaseHandle } from '../../db/client.js'

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>

export interface HourTotal { hour: number, count: number, revenue: number }
export interface DayCount { day: number, n: number }

/**
 * Reads behind Braze's Export analytics (events, KPIs, purchases): the hourly totals and active-user
 * days that /users/track records (users/activity-repository.ts writes them), and users' creation
 * times. Hours are epoch ms / 3,600,000 and days epoch ms / 86,400,000, both UTC.
 */
export function createAnalyticsRepository ({ sqlite }: DatabaseHandle) {
  const byName = sqlite.prepare<[number, string, string, number, number], HourTotal>(
    `SELECT hour, sum(count) AS count, sum(revenue) AS revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND name = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`)
  const byNameAndApp = sqlite.prepare<[number, string, string, string, number, number], HourTotal>(
    `SELECT hour, count, revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND name = ? AND app_id = ? AND hour BETWEEN ? AND ? ORDER BY hour`)
  const allNames = sqlite.prepare<[number, string, number, number], HourTotal>(
    `SELECT hour, sum(count) AS count, sum(revenue) AS revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`)
  const allNamesOfApp = sqlite.prepare<[number, string, string, number, number], HourTotal>(
    `SELECT hour, sum(count) AS count, sum(revenue) AS revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND app_id = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`)
  const newUsers = sqlite.prepare<[number, number, number], DayCount>(
    `SELECT created_at / 86400000 AS day, count(*) AS n FROM users
     WHERE workspace_pk = ? AND created_at >= ? AND created_at < ? GROUP BY day`)
  const dau = sqlite.prepare<[number, number, number], DayCount>(
    'SELECT day, count(*) AS n FROM analytics_active_users WHERE workspace_pk = ? AND day BETWEEN ? AND ? GROUP BY day')
  const mau = sqlite.prepare<[number, string], DayCount>(
    `SELECT d.value AS day, (SELECT count(DISTINCT a.user_pk) FROM analytics_active_users a
       WHERE a.workspace_pk = ? AND a.day BETWEEN d.value - 29 AND d.value) AS n FROM json_each(?) d`)
  const earliest = sqlite.prepare<[number, number, number, number], { since: number | null }>(
    `SELECT min(
       (SELECT created_at FROM workspaces WHERE pk = ?),
       coalesce((SELECT min(hour) * 3600000 FROM analytics_counts WHERE workspace_pk = ?), 8.64e15),
       coalesce((SELECT min(day) * 86400000 FROM analytics_active_users WHERE workspace_pk = ?), 8.64e15),
       coalesce((SELECT min(created_at) FROM users WHERE workspace_pk = ?), 8.64e15)) AS since`)
  const deleteCounts = sqlite.prepare<[number]>('DELETE FROM analytics_counts WHERE workspace_pk = ?')
  const deleteActive = sqlite.prepare<[number]>('DELETE FROM analytics_active_users WHERE workspace_pk = ?')

  return {
    /** Hourly totals of one event name / product (or all of them when `name` is undefined), optionally of one app. */
    hourTotals (workspacePk: number, kind: 'event' | 'purchase', q: { name?: string | undefined, appId?: string | undefined, fromHour: number, toHour: number }): HourTotal[] {
      if (q.name !== undefined) {
        return q.appId === undefined
          ? byName.all(workspacePk, kind, q.name, q.fromHour, q.toHour)
          : byNameAndApp.all(workspacePk, kind, q.name, q.appId, q.fromHour, q.toHour)
      }
      return q.appId === undefined ? allNames.all(workspacePk, kind, q.fromHour, q.toHour) : allNamesOfApp.all(workspacePk, kind, q.appId, q.fromHour, q.toHour)
    },
    /** Users created per UTC day in [fromMs, toMs). */
    newUsersPerDay: (workspacePk: number, fromMs: number, toMs: number): DayCount[] => newUsers.all(workspacePk, fromMs, toMs),
    activeUsersPerDay: (workspacePk: number, fromDay: number, toDay: number): DayCount[] => dau.all(workspacePk, fromDay, toDay),
    /** Distinct active users over the 30 days ending with each of `days`. */
    activeUsersPer30Days: (workspacePk: number, days: readonly number[]): DayCount[] => mau.all(workspacePk, JSON.stringify(days)),
    /** When the workspace's records begin: its creation, or an earlier record (events tracked with a past `time`). */
    since (workspacePk: number): number | undefined {
      return earliest.get(workspacePk, workspacePk, workspacePk, workspacePk)?.since ?? undefined
    },
    deleteWorkspaceData (workspacePk: number): void {
      deleteCounts.run(workspacePk)
      deleteActive.run(workspacePk)
    },
    clearAll (): void {
      sqlite.prepare('DELETE FROM analytics_counts').run()
      sqlite.prepare('DELETE FROM analytics_active_users').run()
    }
  }
}
