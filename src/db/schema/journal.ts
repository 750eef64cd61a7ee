import { integer, real, sqliteTable, text, index } from 'drizzle-orm/sqlite-core'

/**
 * The request journal: one row per Braze-surface request, written after the response. Ids are
 * monotonic, so evicting the oldest beyond the cap is a range delete on the primary key.
 */
export const requestJournal = sqliteTable('request_journal', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  time: integer('time').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  /** the route template, e.g. POST /partners/{partner}/cohorts/users */
  route: text('route'),
  cluster: text('cluster'),
  workspaceId: text('workspace_id'),
  partner: text('partner'),
  status: integer('status').notNull(),
  message: text('message'),
  durationMs: real('duration_ms').notNull(),
  /** JSON: the injected fault, if any */
  fault: text('fault'),
  /** JSON: request.effects */
  effects: text('effects'),
  /** JSON: the request body with secrets masked */
  requestBody: text('request_body')
}, (t) => [index('request_journal_workspace_idx').on(t.workspaceId, t.id)])

export type JournalRow = typeof requestJournal.$inferSelect
