import { integer, sqliteTable, text, index, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * Campaigns and Canvases as the Braze dashboard defines them (here: the control plane).
 * `type` tells the two apart; what differs between them (messages of a campaign, steps of a
 * Canvas, entry settings) lives in the JSON `definition`, exactly as the control plane answers it.
 */
export const messagingDefinitions = sqliteTable('messaging_definitions', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  /** campaign_id / canvas_id: unique across workspaces, like Braze's API identifiers */
  id: text('id').notNull().unique(),
  workspacePk: integer('workspace_pk').notNull(),
  type: text('type', { enum: ['campaign', 'canvas'] }).notNull(),
  name: text('name').notNull(),
  /** campaigns: api | api_triggered | scheduled; Canvases: api_triggered | scheduled */
  kind: text('kind').notNull(),
  /** active | draft | stopped (archived is archivedAt) */
  status: text('status').notNull(),
  /** the whole definition as the control plane returns it (messages / steps with their ids) */
  definition: text('definition', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  archivedAt: integer('archived_at'),
  /** `scheduled` kind: the dashboard schedule's next send (epoch ms), and when it last fired */
  sendAt: integer('send_at'),
  firedAt: integer('fired_at'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}, (t) => [
  index('messaging_definitions_workspace_idx').on(t.workspacePk, t.type, t.createdAt),
  index('messaging_definitions_send_at_idx').on(t.sendAt)
])

/**
 * The outbox: one row per delivery or non-delivery of one message variation to one user.
 * Indexed for the reads tests make (one user, one campaign/Canvas, one dispatch) and for
 * re-eligibility (has this user received this campaign / entered this Canvas, and when).
 */
export const messageOutbox = sqliteTable('message_outbox', {
  /** the rowid: new rows always sort after existing ones (cursors); no AUTOINCREMENT bookkeeping per insert */
  pk: integer('pk').primaryKey(),
  workspacePk: integer('workspace_pk').notNull(),
  time: integer('time').notNull(),
  dispatchId: text('dispatch_id').notNull(),
  sendId: text('send_id'),
  /** the campaign_id, canvas_id, or null for /messages/send without campaign_id */
  sourceId: text('source_id'),
  sourceType: text('source_type', { enum: ['campaign', 'canvas', 'api'] }).notNull(),
  stepId: text('step_id'),
  variationId: text('variation_id'),
  channel: text('channel').notNull(),
  userPk: integer('user_pk'),
  brazeId: text('braze_id'),
  externalId: text('external_id'),
  status: text('status', { enum: ['delivered', 'skipped'] }).notNull(),
  reason: text('reason'),
  /** JSON: {subject?, body?, payload?, identifier?} — the rendered message, or what named an unknown user */
  content: text('content')
}, (t) => [
  // (workspace, user, external_id): a broadcast inserts in user order (appends); one user's records, and an
  // unknown user's (user_pk NULL) by the external_id the request named, are each one range.
  index('message_outbox_user_idx').on(t.workspacePk, t.userPk, t.externalId),
  index('message_outbox_source_idx').on(t.workspacePk, t.sourceId, t.userPk),
  index('message_outbox_dispatch_idx').on(t.dispatchId)
])

/** Sends scheduled through /…/schedule/create: fired when the fake's clock passes send_at. */
export const messageSchedules = sqliteTable('message_schedules', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  scheduleId: text('schedule_id').notNull().unique(),
  workspacePk: integer('workspace_pk').notNull(),
  dispatchId: text('dispatch_id').notNull(),
  /** messages | campaign | canvas: which endpoint created it */
  endpoint: text('endpoint', { enum: ['messages', 'campaign', 'canvas'] }).notNull(),
  sourceId: text('source_id'),
  sendAt: integer('send_at').notNull(),
  /** JSON: the schedule object as given */
  schedule: text('schedule', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  /** JSON: the create request without `schedule`, replayed at fire time */
  request: text('request', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  status: text('status', { enum: ['pending', 'sent', 'deleted'] }).notNull(),
  createdAt: integer('created_at').notNull()
}, (t) => [index('message_schedules_due_idx').on(t.status, t.sendAt)])

/** send_ids made by /sends/id/create (or registered on first use). WITHOUT ROWID. */
export const messageSendIds = sqliteTable('message_send_ids', {
  workspacePk: integer('workspace_pk').notNull(),
  campaignId: text('campaign_id').notNull(),
  sendId: text('send_id').notNull(),
  createdAt: integer('created_at').notNull()
}, (t) => [primaryKey({ columns: [t.workspacePk, t.campaignId, t.sendId] })])

export type MessagingDefinitionRow = typeof messagingDefinitions.$inferSelect
export type MessageOutboxRow = typeof messageOutbox.$inferSelect
export type MessageScheduleRow = typeof messageSchedules.$inferSelect
