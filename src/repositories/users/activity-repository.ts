import type { DatabaseHandle } from '../../db/client.js'

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
  const recordEvent = sqlite.prepare<[number, string, number, number, number]>(SUMMARY_UPSERTS.event)
  const recordPurchase = sqlite.prepare<[number, string, number, number, number, number]>(SUMMARY_UPSERTS.purchase)
  const addRevenue = sqlite.prepare<[number, number, number]>('UPDATE users SET total_revenue = total_revenue + ?, updated_at = ? WHERE pk = ?')

  return {
    recordEvent (userPk: number, name: string, time: number): void {
      recordEvent.run(userPk, name, time, time, 1)
    },
    /** `quantity` purchases of one unit at `price` each (purchase_object.md). */
    recordPurchase (userPk: number, productId: string, time: number, quantity: number, price: number, now: number): void {
      const revenue = price * quantity
      recordPurchase.run(userPk, productId, time, time, quantity, revenue)
      addRevenue.run(revenue, now, userPk)
    }
  }
}
