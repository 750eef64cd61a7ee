import type { DatabaseHandle } from '../../db/client.js'
import { lazyStatements } from '../shared/lazy-statements.js'

/** [kind, name, app id ('' for none), UTC hour (epoch ms / 3,600,000), count, revenue] */
export type AnalyticsCount = readonly [kind: 'event' | 'purchase', name: string, appId: string, hour: number, count: number, revenue: number]

export type ActivityRepository = ReturnType<typeof createActivityRepository>

/**
 * Adding to a summary (an event recorded, or a merged profile's summary): counts add up,
 * first = the earlier, last = the later (braze-docs post_users_merge.md).
 */
export const SUMMARY_UPSERTS = {
  event: `INSERT INTO user_event_summaries (user_pk, name, first, last, count) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (user_pk, name) DO UPDATE SET first = min(first, excluded.first), last = max(last, excluded.last), count = count + excluded.count`,
  purchase: `INSERT INTO user_purchase_summaries (user_pk, product_id, first, last, count, revenue) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (user_pk, product_id) DO UPDATE SET first = min(first, excluded.first), last = max(last, excluded.last),
      count = count + excluded.count, revenue = revenue + excluded.revenue`
} as const

/**
 * Custom event and purchase summaries (export's `custom_events` / `purchases`: first, last,
 * count) and users.total_revenue. Events are not stored one by one: only what export shows.
 */
export function createActivityRepository ({ sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const recordEvent = prepare<[number, string, number, number, number]>(SUMMARY_UPSERTS.event)
  const recordPurchase = prepare<[number, string, number, number, number, number]>(SUMMARY_UPSERTS.purchase)
  const addRevenue = prepare<[number, number, number]>('UPDATE users SET total_revenue = total_revenue + ?, updated_at = ? WHERE pk = ?')
  // Set-based: one statement per request for the hourly totals, one for the active users (a hot path).
  const addCounts = prepare<[number, string]>(
    `INSERT INTO analytics_counts (workspace_pk, kind, name, app_id, hour, count, revenue)
     SELECT ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]'), json_extract(j.value, '$[3]'),
            json_extract(j.value, '$[4]'), json_extract(j.value, '$[5]') FROM json_each(?) j WHERE true
     ON CONFLICT (workspace_pk, kind, name, app_id, hour) DO UPDATE SET count = count + excluded.count, revenue = revenue + excluded.revenue`)
  const addActive = prepare<[number, string]>(
    `INSERT OR IGNORE INTO analytics_active_users (workspace_pk, day, user_pk)
     SELECT ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) j`)

  return {
    recordEvent (userPk: number, name: string, time: number): void {
      recordEvent.run(userPk, name, time, time, 1)
    },
    /** `quantity` purchases of one unit at `price` each (purchase_object.md). */
    recordPurchase (userPk: number, productId: string, time: number, quantity: number, price: number, now: number): void {
      const revenue = price * quantity
      recordPurchase.run(userPk, productId, time, time, quantity, revenue)
      addRevenue.run(revenue, now, userPk)
    },
    /**
     * The analytics read side's records of one request: hourly totals per (kind, name, app id) and
     * (UTC day, user) pairs of activity; each list already summed / de-duplicated by the caller.
     */
    recordAnalytics (workspacePk: number, counts: readonly AnalyticsCount[], active: ReadonlyArray<readonly [day: number, userPk: number]>): void {
      if (counts.length > 0) addCounts.run(workspacePk, JSON.stringify(counts))
      if (active.length > 0) addActive.run(workspacePk, JSON.stringify(active))
    }
  }
}
