import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { lazyStatements } from '../shared/lazy-statements.js'
import { activeOverWindow, activePerDay, type ActiveDayRow } from '../shared/active-day-bitmaps.js'
import { feedCards, type FeedCardRow } from '../../db/schema/analytics.js'

export type AnalyticsRepository = ReturnType<typeof createAnalyticsRepository>

/** Beyond any storable time (Date's maximum): "no record" inside the min() of `since`. */
const NO_TIME = 8.64e15

export interface HourTotal { hour: number, count: number, revenue: number }
export interface DayCount { day: number, n: number }

/**
 * Reads behind Braze's Export analytics (events, KPIs, purchases): the hourly totals and active-user
 * days that /users/track records (users/activity-repository.ts writes them), and users' creation
 * times. Hours are epoch ms / 3,600,000 and days epoch ms / 86,400,000, both UTC.
 */
/** The series reads, exported so test/repositories/query-plans.test.ts can check they search the primary keys. */
export const ANALYTICS_READS = {
  byName: `SELECT hour, sum(count) AS count, sum(revenue) AS revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND name = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`,
  /** the active-user bitmaps of a day range (counted in JS: active-day-bitmaps.ts) */
  activeDays: 'SELECT day, chunk, bits FROM analytics_active_days WHERE workspace_pk = ? AND day BETWEEN ? AND ?'
} as const

export function createAnalyticsRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const byName = prepare<[number, string, string, number, number], HourTotal>(ANALYTICS_READS.byName)
  const byNameAndApp = prepare<[number, string, string, string, number, number], HourTotal>(
    `SELECT hour, count, revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND name = ? AND app_id = ? AND hour BETWEEN ? AND ? ORDER BY hour`)
  const allNames = prepare<[number, string, number, number], HourTotal>(
    `SELECT hour, sum(count) AS count, sum(revenue) AS revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`)
  const allNamesOfApp = prepare<[number, string, string, number, number], HourTotal>(
    `SELECT hour, sum(count) AS count, sum(revenue) AS revenue FROM analytics_counts
     WHERE workspace_pk = ? AND kind = ? AND app_id = ? AND hour BETWEEN ? AND ? GROUP BY hour ORDER BY hour`)
  const newUsers = prepare<[number, number, number], DayCount>(
    `SELECT created_at / 86400000 AS day, count(*) AS n FROM users
     WHERE workspace_pk = ? AND created_at >= ? AND created_at < ? GROUP BY day`)
  const activeDays = prepare<[number, number, number], ActiveDayRow>(ANALYTICS_READS.activeDays)
  const earliest = prepare<[number, number, number, number], { since: number | null }>(
    `SELECT min(
       coalesce((SELECT created_at FROM workspaces WHERE pk = ?), 8.64e15),
       coalesce((SELECT min(hour) * 3600000 FROM analytics_counts WHERE workspace_pk = ?), 8.64e15),
       coalesce((SELECT min(day) * 86400000 FROM analytics_active_days WHERE workspace_pk = ?), 8.64e15),
       coalesce((SELECT min(created_at) FROM users WHERE workspace_pk = ?), 8.64e15)) AS since`)
  const deleteCounts = prepare<[number]>('DELETE FROM analytics_counts WHERE workspace_pk = ?')
  const deleteActive = prepare<[number]>('DELETE FROM analytics_active_days WHERE workspace_pk = ?')

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
    activeUsersPerDay: (workspacePk: number, fromDay: number, toDay: number): DayCount[] => activePerDay(activeDays.all(workspacePk, fromDay, toDay)),
    /** Distinct active users over the 30 days ending with each of `days`. */
    activeUsersPer30Days (workspacePk: number, days: readonly number[]): DayCount[] {
      if (days.length === 0) return []
      const rows = activeDays.all(workspacePk, Math.min(...days) - 29, Math.max(...days))
      return activeOverWindow(rows, days, 30)
    },
    /** When the workspace's records begin: its creation, or an earlier record (events tracked with a past `time`). */
    since (workspacePk: number): number | undefined {
      const since = earliest.get(workspacePk, workspacePk, workspacePk, workspacePk)?.since
      return since === null || since === undefined || since >= NO_TIME ? undefined : since
    },

    // --- News Feed cards ---------------------------------------------------------------------------
    insertCard (row: FeedCardRow): FeedCardRow {
      return db.insert(feedCards).values(row).returning().get()
    },
    findCard (workspacePk: number, id: string): FeedCardRow | undefined {
      return db.select().from(feedCards).where(and(eq(feedCards.workspacePk, workspacePk), eq(feedCards.id, id))).get()
    },
    /** Oldest created first unless `desc`; archived ones only when asked. */
    listCards (workspacePk: number, opts: { includeArchived: boolean, direction: 'asc' | 'desc', offset?: number, limit?: number }): FeedCardRow[] {
      const order = opts.direction === 'desc' ? [desc(feedCards.createdAt), desc(feedCards.id)] : [asc(feedCards.createdAt), asc(feedCards.id)]
      return db.select().from(feedCards).where(and(eq(feedCards.workspacePk, workspacePk), opts.includeArchived ? undefined : isNull(feedCards.archivedAt)))
        .orderBy(...order).limit(opts.limit ?? -1).offset(opts.offset ?? 0).all()
    },
    archiveCard (workspacePk: number, id: string, now: number): FeedCardRow | undefined {
      return db.update(feedCards).set({ archivedAt: now, updatedAt: now }).where(and(eq(feedCards.workspacePk, workspacePk), eq(feedCards.id, id))).returning().get()
    },

    deleteWorkspaceData (workspacePk: number): void {
      deleteCounts.run(workspacePk)
      deleteActive.run(workspacePk)
      db.delete(feedCards).where(eq(feedCards.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      sqlite.prepare('DELETE FROM analytics_counts').run()
      sqlite.prepare('DELETE FROM analytics_active_days').run()
      db.delete(feedCards).run()
    }
  }
}
