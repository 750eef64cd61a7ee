import { blob, integer, real, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * The analytics read side (GET /events/data_series, /purchases/quantity_series, /purchases/revenue_series):
 * what /users/track recorded, summed per workspace, kind (`event` | `purchase`), event name or product
 * id, app id ('' when the object named none) and UTC hour (epoch ms / 3,600,000). One upsert per
 * (hour, name, app) a request touches; days are sums of hours. WITHOUT ROWID in the migration.
 */
export const analyticsCounts = sqliteTable('analytics_counts', {
  workspacePk: integer('workspace_pk').notNull(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  appId: text('app_id').notNull(),
  hour: integer('hour').notNull(),
  /** events recorded; for purchases the quantity (a quantity of N is N purchases, purchase_object.md) */
  count: integer('count').notNull(),
  /** purchases: sum of price × quantity, in the currencies as sent (not converted) */
  revenue: real('revenue').notNull().default(0)
}, (t) => [primaryKey({ columns: [t.workspacePk, t.kind, t.name, t.appId, t.hour] })])

/**
 * Users with tracked activity per UTC day (epoch ms / 86,400,000), for /kpi/dau and /kpi/mau, as
 * bitmaps: user pk p is bit p % 32,000 (least significant bit first) of chunk p / 32,000's 4,000-byte
 * `bits`. A request marks up to 75 users active; as one row per user and day, each mark landed on a
 * page of its own and the commit wrote a page per object (half of /users/track's write volume at a
 * million users, BENCHMARKS.md "Issue 19"); as bitmaps a request touches one row per chunk, and
 * the rows of a commit group are shared. A rowid table, so a 4,000-byte blob stays on its page.
 */
export const analyticsActiveDays = sqliteTable('analytics_active_days', {
  workspacePk: integer('workspace_pk').notNull(),
  day: integer('day').notNull(),
  chunk: integer('chunk').notNull(),
  bits: blob('bits', { mode: 'buffer' }).notNull()
}, (t) => [primaryKey({ columns: [t.workspacePk, t.day, t.chunk] })])

/**
 * News Feed cards (deprecated by Braze; made in its dashboard only), recorded through the control
 * plane so /feed/list, /feed/details and /feed/data_series have something to export. `card` holds
 * the card's fields as /feed/details shows them (name, type, title, …). Ids are per workspace.
 * WITHOUT ROWID in the migration.
 */
export const feedCards = sqliteTable('feed_cards', {
  workspacePk: integer('workspace_pk').notNull(),
  id: text('id').notNull(),
  card: text('card', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  archivedAt: integer('archived_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}, (t) => [primaryKey({ columns: [t.workspacePk, t.id] })])

export type FeedCardRow = typeof feedCards.$inferSelect
