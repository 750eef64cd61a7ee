import type { DatabaseHandle } from '../../db/client.js'
import { lazyStatements } from '../shared/lazy-statements.js'
import { BITMAP_BYTES, chunkOf, markUser } from '../shared/active-day-bitmaps.js'

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
  // Active users are bitmaps (analytics/active-day-bitmaps.ts): the request's chunks read in one statement, each changed one written back.
  const activeChunks = prepare<[number, string], { day: number, chunk: number, bits: Buffer }>(
    `SELECT day, chunk, bits FROM analytics_active_days WHERE workspace_pk = ? AND (day, chunk) IN
       (SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') FROM json_each(?) j)`)
  const writeChunk = prepare<[number, number, number, Buffer]>(
    `INSERT INTO analytics_active_days (workspace_pk, day, chunk, bits) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_pk, day, chunk) DO UPDATE SET bits = excluded.bits`)

  const markActive = (workspacePk: number, active: ReadonlyArray<readonly [day: number, userPk: number]>): void => {
    const key = (day: number, chunk: number): string => `${day}:${chunk}`
    const wanted = new Map<string, [number, number]>()
    for (const [day, pk] of active) wanted.set(key(day, chunkOf(pk)), [day, chunkOf(pk)])
    const bitmaps = new Map<string, { day: number, chunk: number, bits: Buffer, changed: boolean }>()
    for (const r of activeChunks.all(workspacePk, JSON.stringify([...wanted.values()]))) bitmaps.set(key(r.day, r.chunk), { ...r, changed: false })
    for (const [day, pk] of active) {
      const k = key(day, chunkOf(pk))
      let b = bitmaps.get(k)
      if (b === undefined) { b = { day, chunk: chunkOf(pk), bits: Buffer.alloc(BITMAP_BYTES), changed: false }; bitmaps.set(k, b) }
      if (markUser(b.bits, pk)) b.changed = true
    }
    for (const b of bitmaps.values()) if (b.changed) writeChunk.run(workspacePk, b.day, b.chunk, b.bits)
  }

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
     * (UTC day, user) pairs of activity; the counts already summed by the caller.
     */
    recordAnalytics (workspacePk: number, counts: readonly AnalyticsCount[], active: ReadonlyArray<readonly [day: number, userPk: number]>): void {
      if (counts.length > 0) addCounts.run(workspacePk, JSON.stringify(counts))
      if (active.length > 0) markActive(workspacePk, active)
    }
  }
}
