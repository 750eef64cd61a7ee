import { integer, real, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * Per-user summaries of custom events and purchases, as /users/export/ids reports them
 * (`custom_events` / `purchases`: name, first, last, count). Timestamps are epoch ms.
 */
export const userEventSummaries = sqliteTable('user_event_summaries', {
  userPk: integer('user_pk').notNull(),
  name: text('name').notNull(),
  first: integer('first').notNull(),
  last: integer('last').notNull(),
  count: integer('count').notNull()
}, (t) => [primaryKey({ columns: [t.userPk, t.name] })])

export const userPurchaseSummaries = sqliteTable('user_purchase_summaries', {
  userPk: integer('user_pk').notNull(),
  productId: text('product_id').notNull(),
  first: integer('first').notNull(),
  last: integer('last').notNull(),
  count: integer('count').notNull(),
  /** sum of price × quantity in the purchase's currency units, for total_revenue bookkeeping */
  revenue: real('revenue').notNull().default(0)
}, (t) => [primaryKey({ columns: [t.userPk, t.productId] })])
