import { integer, sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * Running totals of billable data points (braze-docs data_points.md), per workspace, per
 * source (`users.track`, `cohort_import:<partner>`) and per kind (attributes, events,
 * purchases, cohort_assignments). One row per combination; writes add to `count`.
 */
export const dataPointTotals = sqliteTable('data_point_totals', {
  workspacePk: integer('workspace_pk').notNull(),
  source: text('source').notNull(),
  kind: text('kind').notNull(),
  count: integer('count').notNull()
}, (t) => [primaryKey({ columns: [t.workspacePk, t.source, t.kind] })])

export type DataPointTotalRow = typeof dataPointTotals.$inferSelect
