import { blob, integer, sqliteTable, text, index, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * A Braze segment made in the dashboard (here: the control plane). `filter` is the filter tree as
 * the control plane received it, cohorts named by their partner cohort_id, so a rename of the
 * cohort shows up in the segment's description and membership is always resolved afresh.
 */
export const segments = sqliteTable('segments', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  workspacePk: integer('workspace_pk').notNull(),
  name: text('name').notNull(),
  /** the segment's description text (`text_description` in /segments/details) */
  description: text('description'),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  filter: text('filter', { mode: 'json' }).$type<unknown>().notNull(),
  analyticsTrackingEnabled: integer('analytics_tracking_enabled', { mode: 'boolean' }).notNull(),
  archivedAt: integer('archived_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}, (t) => [index('segments_workspace_idx').on(t.workspacePk, t.createdAt)])

/** One size per segment per UTC day (the last one computed that day), for /segments/data_series. WITHOUT ROWID. */
export const segmentSizes = sqliteTable('segment_sizes', {
  segmentPk: integer('segment_pk').notNull(),
  day: text('day').notNull(),
  size: integer('size').notNull()
}, (t) => [primaryKey({ columns: [t.segmentPk, t.day] })])

/** /users/export/segment jobs; the finished zip is kept here and served by GET /_fake/exports/{object_prefix}.zip. */
export const segmentExports = sqliteTable('segment_exports', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  objectPrefix: text('object_prefix').notNull().unique(),
  workspacePk: integer('workspace_pk').notNull(),
  segmentPk: integer('segment_pk').notNull(),
  /** running until the file is built and the callback (if any) has been answered; then done or failed */
  status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
  userCount: integer('user_count'),
  data: blob('data', { mode: 'buffer' }),
  error: text('error'),
  createdAt: integer('created_at').notNull(),
  finishedAt: integer('finished_at')
}, (t) => [index('segment_exports_segment_idx').on(t.segmentPk, t.status)])

export type SegmentRow = typeof segments.$inferSelect
export type SegmentExportRow = typeof segmentExports.$inferSelect
