import { integer, real, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core'

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
 * Users with tracked activity per UTC day (epoch ms / 86,400,000), for /kpi/dau and /kpi/mau:
 * one row per user per day. WITHOUT ROWID in the migration.
 */
export const analyticsActiveUsers = sqliteTable('analytics_active_users', {
  workspacePk: integer('workspace_pk').notNull(),
  day: integer('day').notNull(),
  userPk: integer('user_pk').notNull()
}, (t) => [primaryKey({ columns: [t.workspacePk, t.day, t.userPk] })])
