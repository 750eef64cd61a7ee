/**
 * Campaigns and Canvases, the outbox, schedules and send ids; plus the user reads a send needs
 * (identifier lookups, the fields templates render). The outbox
 * and user reads use raw prepared statements: a broadcast writes and reads hundreds of thousands
 * of rows (bench/messaging.bench.ts).
 */
import { and, asc, desc, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import {
  canvasProgress, frequencyCapping, messageDeferred, messageOutbox, messageSchedules, messageSendIds, messagingDefinitions,
  type MessageScheduleRow, type MessagingDefinitionRow
} from '../../db/schema/messaging.js'
import { lazyQuery, lazyStatements } from '../shared/lazy-statements.js'

export type MessagingRepository = ReturnType<typeof createMessagingRepository>

export type NewDefinition = Omit<MessagingDefinitionRow, 'pk'>

export interface NewOutboxRow {
  workspacePk: number
  time: number
  dispatchId: string
  sendId: string | null
  sourceId: string | null
  sourceType: 'campaign' | 'canvas' | 'api'
  stepId: string | null
  variationId: string | null
  channel: string
  userPk: number | null
  brazeId: string | null
  externalId: string | null
  status: 'delivered' | 'skipped'
  reason: string | null
  /** JSON text */
  content: string | null
}
export interface OutboxRow extends NewOutboxRow { pk: number }
export interface OutboxWriter { push: (r: NewOutboxRow) => void, end: () => void }
export interface OutboxFilter {
  sourceId?: string | undefined
  sourceType?: 'campaign' | 'canvas' | undefined
  dispatchId?: string | undefined
  externalId?: string | undefined
  channel?: string | undefined
  status?: string | undefined
}

export interface ProgressRow {
  workspacePk: number
  canvasPk: number
  userPk: number
  stepId: string
  dueAt: number
  enteredAt: number
  dispatchId: string
  /** JSON text */
  context: string | null
}
export interface DeferredRow { workspacePk: number, dueAt: number, dispatchId: string, source: 'definition' | 'schedule', sourcePk: number, userPk: number }

export interface RenderUserRow {
  pk: number
  brazeId: string
  externalId: string | null
  email: string | null
  phone: string | null
  profile: Record<string, unknown>
  customAttributes: Record<string, unknown>
  emailSubscribe: string | null
  pushSubscribe: string | null
  randomBucket: number
  updatedAt: number
}

type RawRenderUser = [pk: number, brazeId: string, externalId: string | null, email: string | null, phone: string | null, profile: string, customAttributes: string, emailSubscribe: string | null, pushSubscribe: string | null, randomBucket: number, updatedAt: number]

const OUTBOX_COLUMNS = 'pk, workspace_pk AS workspacePk, time, dispatch_id AS dispatchId, send_id AS sendId, source_id AS sourceId, source_type AS sourceType, step_id AS stepId, variation_id AS variationId, channel, user_pk AS userPk, braze_id AS brazeId, external_id AS externalId, status, reason, content'

/** The outbox read of GET /_fake/workspaces/{id}/messages for a filter (named parameters @ws, @after, @limit and the filter's). */
export function outboxQuerySql (f: OutboxFilter): string {
  const where: string[] = ['workspace_pk = @ws', 'pk > @after']
  if (f.sourceId !== undefined) where.push('source_id = @sourceId')
  if (f.sourceType !== undefined) where.push('source_type = @sourceType')
  if (f.dispatchId !== undefined) where.push('dispatch_id = @dispatchId')
  if (f.channel !== undefined) where.push('channel = @channel')
  if (f.status !== undefined) where.push('status = @status')
  const select = (extra: string[]): string => `SELECT ${OUTBOX_COLUMNS} FROM message_outbox WHERE ${[...where, ...extra].join(' AND ')}`
  if (f.externalId === undefined) return `${select([])} ORDER BY pk LIMIT @limit`
  // One user's records: those of the user the external_id names now, and those of an unknown user named so;
  // each half is one range of message_outbox_user_idx.
  return `${select(['user_pk = (SELECT pk FROM users WHERE workspace_pk = @ws AND external_id = @externalId)'])}
    UNION ALL ${select(['user_pk IS NULL', 'external_id = @externalId'])} ORDER BY 1 LIMIT @limit`
}

const PARSE_ALL = { profile: true, customAttributes: true }
/** The outbox columns every record of one send has in common (named parameters of the insert). */
interface SharedOutboxColumns { workspace_pk: number, time: number, dispatch_id: string, send_id: string | null, source_id: string | null, source_type: string }
function sameSend (s: SharedOutboxColumns, r: NewOutboxRow): boolean {
  return s.dispatch_id === r.dispatchId && s.time === r.time && s.workspace_pk === r.workspacePk && s.send_id === r.sendId && s.source_id === r.sourceId && s.source_type === r.sourceType
}

/** A JSON column renderUsers was told not to parse. */
const UNREAD: Record<string, unknown> = Object.freeze({})

export function createMessagingRepository ({ db, sqlite }: DatabaseHandle) {
  // OR FAIL: no statement journal. A multi-row INSERT that may ABORT opens a statement savepoint, and
  // inside the request's SAVEPOINT every such statement's release costs time in proportion to the
  // pages the request has already changed (perf: sqlite3BtreeSavepoint from vdbeCloseStatement), so a
  // broadcast into a populated outbox (rows landing among earlier rows in the user index) went
  // quadratic: 300,000 rows 7.8 s CPU instead of 1.6 s (BENCHMARKS.md, Issue 19, the send path).
  // Nothing is lost: a failing statement throws, and the request's savepoint rolls back all of it.
  const OUTBOX_INSERT = 'INSERT OR FAIL INTO message_outbox (workspace_pk, time, dispatch_id, send_id, source_id, source_type, step_id, variation_id, channel, user_pk, braze_id, external_id, status, reason, content) VALUES '
  // The six columns one send shares are named parameters, bound once per statement; the nine that
  // differ per record are positional. Binding (and UTF-8 converting the dispatch id) 15 values per
  // record cost 18 % more CPU for 300,000 records (BENCHMARKS.md, Issue 19, fourth pass).
  const ROW = '(@workspace_pk, @time, @dispatch_id, @send_id, @source_id, @source_type, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
  /** 100 rows a statement: one call into SQLite per 100 records instead of one per record. */
  const BATCH = 100
  const PER_ROW = 9
  const prepare = lazyStatements(sqlite)
  const insertOne = prepare(OUTBOX_INSERT + ROW)
  const insertBatch = prepare(OUTBOX_INSERT + Array.from({ length: BATCH }, () => ROW).join(', '))
  const byExternalId = prepare<[number, string], { pk: number }>('SELECT pk FROM users WHERE workspace_pk = ? AND external_id = ?')
  const byBrazeId = prepare<[number, string], { pk: number }>('SELECT pk FROM users WHERE workspace_pk = ? AND braze_id = ?')
  const byAlias = prepare<[number, string, string], { pk: number }>('SELECT user_pk AS pk FROM user_aliases WHERE workspace_pk = ? AND alias_label = ? AND alias_name = ?')
  const byEmail = prepare<[number, string], { pk: number, externalId: string | null, updatedAt: number }>(
    'SELECT pk, external_id AS externalId, updated_at AS updatedAt FROM users WHERE workspace_pk = ? AND email = ? ORDER BY pk')
  const allUsers = prepare<[number], { pk: number }>('SELECT pk FROM users WHERE workspace_pk = ? ORDER BY pk')
  // Read as arrays (`raw`): better-sqlite3 building an 11-key object per row costs more than the
  // read itself (90,000 rows: 310 ms as objects, 137 ms as arrays; BENCHMARKS.md, Issue 19).
  const renderRows = prepare<[string], RawRenderUser>(`SELECT u.pk, u.braze_id, u.external_id, u.email, u.phone, u.profile, u.custom_attributes,
    u.email_subscribe, u.push_subscribe, u.random_bucket, u.updated_at FROM json_each(?) j CROSS JOIN users u ON u.pk = j.value`).raw(true)
  const identityRows = prepare<[string], [number, string, string | null]>(
    'SELECT u.pk, u.braze_id, u.external_id FROM json_each(?) j CROSS JOIN users u ON u.pk = j.value').raw(true)
  const receivedBySource = prepare<[number, string, number], { userPk: number }>(
    "SELECT DISTINCT user_pk AS userPk FROM message_outbox WHERE workspace_pk = ? AND source_id = ? AND time >= ? AND user_pk IS NOT NULL AND (status = 'delivered' OR reason IN ('aborted', 'render_error', 'unsubscribed', 'no_address', 'not_opted_in', 'hard_bounced', 'spam', 'blocklisted', 'invalid_phone', 'not_in_group', 'no_push_token'))")
  const deliveredBySource = prepare<[number, string, number], { userPk: number }>(
    "SELECT DISTINCT user_pk AS userPk FROM message_outbox WHERE workspace_pk = ? AND source_id = ? AND time >= ? AND status = 'delivered' AND user_pk IS NOT NULL")
  const ENTERED = "(status = 'delivered' OR reason IN ('aborted', 'render_error', 'unsubscribed', 'no_address', 'not_opted_in', 'hard_bounced', 'spam', 'blocklisted', 'invalid_phone', 'not_in_group', 'no_push_token'))"
  const receivedOne = prepare<[string, number, string, number], { userPk: number }>(
    `SELECT j.value AS userPk FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM message_outbox o WHERE o.workspace_pk = ? AND o.source_id = ? AND o.user_pk = j.value AND o.time >= ? AND o.status = 'delivered')`)
  const enteredOne = prepare<[string, number, string, number], { userPk: number }>(
    `SELECT j.value AS userPk FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM message_outbox o WHERE o.workspace_pk = ? AND o.source_id = ? AND o.user_pk = j.value AND o.time >= ? AND ${ENTERED})`)

  const PROGRESS_INSERT = 'INSERT OR REPLACE INTO canvas_progress (workspace_pk, canvas_pk, user_pk, step_id, due_at, entered_at, dispatch_id, context) VALUES '
  const PROGRESS_ROW = '(?, ?, ?, ?, ?, ?, ?, ?)'
  const progressOne = prepare(PROGRESS_INSERT + PROGRESS_ROW)
  const progressBatch = prepare(PROGRESS_INSERT + Array.from({ length: BATCH }, () => PROGRESS_ROW).join(', '))
  const progressArgs = (r: ProgressRow, out: unknown[]): void => { out.push(r.workspacePk, r.canvasPk, r.userPk, r.stepId, r.dueAt, r.enteredAt, r.dispatchId, r.context) }
  const PROGRESS_COLUMNS = 'workspace_pk AS workspacePk, canvas_pk AS canvasPk, user_pk AS userPk, step_id AS stepId, due_at AS dueAt, entered_at AS enteredAt, dispatch_id AS dispatchId, context'
  const dueProgress = prepare<[number], ProgressRow>(`SELECT ${PROGRESS_COLUMNS} FROM canvas_progress WHERE due_at <= ? ORDER BY due_at, canvas_pk, step_id, dispatch_id, user_pk`)
  const deleteDueProgress = prepare<[number]>('DELETE FROM canvas_progress WHERE due_at <= ?')
  const inProgressAmong = prepare<[string, number], { userPk: number }>('SELECT p.user_pk AS userPk FROM json_each(?) j CROSS JOIN canvas_progress p ON p.canvas_pk = ? AND p.user_pk = j.value')
  const inProgressAll = prepare<[number], { userPk: number }>('SELECT user_pk AS userPk FROM canvas_progress WHERE canvas_pk = ?')
  const recentDelivered = prepare<[string, number, number], { userPk: number, channel: string, time: number }>(
    "SELECT o.user_pk AS userPk, o.channel, o.time FROM json_each(?) j CROSS JOIN message_outbox o ON o.workspace_pk = ? AND o.user_pk = j.value WHERE o.time > ? AND o.status = 'delivered' ORDER BY o.time")
  // A broadcast's capping window, counted per user (deliveryCounts): every channel, or one.
  const DELIVERY_COUNTS = (byChannel: string): string => `SELECT user_pk, count(*) FROM message_outbox NOT INDEXED
    WHERE workspace_pk = ? AND time > ? AND time <= ? AND status = 'delivered' AND user_pk IS NOT NULL${byChannel}
    GROUP BY user_pk HAVING count(*) >= ?`
  const deliveryCountsAll = prepare(DELIVERY_COUNTS('')).raw()
  const deliveryCountsOn = prepare(DELIVERY_COUNTS(' AND channel = ?')).raw()
  // Read by every send: prepared once (drizzle's builder built and prepared them on every call).
  const definitionById = lazyQuery(() => db.select().from(messagingDefinitions).where(and(eq(messagingDefinitions.workspacePk, sql.placeholder('ws')),
    eq(messagingDefinitions.type, sql.placeholder('type')), eq(messagingDefinitions.id, sql.placeholder('id')))).prepare())
  const cappingRules = lazyQuery(() => db.select().from(frequencyCapping).where(eq(frequencyCapping.workspacePk, sql.placeholder('ws'))).prepare())
  const deferInsert = prepare('INSERT INTO message_deferred (workspace_pk, due_at, dispatch_id, source, source_pk, user_pk) VALUES (?, ?, ?, ?, ?, ?)')

  /**
   * Outbox rows written as they come, 100 a statement, in the order pushed; `end` writes the rest.
   * A broadcast's rows are garbage as soon as their batch is bound, instead of living until the end
   * of their chunk of candidates (fewer objects surviving into the old generation). Consecutive rows of
   * one send share a statement; a row of another send first writes what is pending.
   */
  const outboxWriter = (): OutboxWriter => {
    let send: SharedOutboxColumns | undefined
    let args: unknown[] = []
    const flush = (): void => {
      for (let i = 0; i < args.length; i += PER_ROW) insertOne.run(args.slice(i, i + PER_ROW), send)
      args = []
    }
    return {
      push (r: NewOutboxRow): void {
        if (send === undefined || !sameSend(send, r)) {
          flush()
          send = { workspace_pk: r.workspacePk, time: r.time, dispatch_id: r.dispatchId, send_id: r.sendId, source_id: r.sourceId, source_type: r.sourceType }
        }
        args.push(r.stepId, r.variationId, r.channel, r.userPk, r.brazeId, r.externalId, r.status, r.reason, r.content)
        if (args.length === BATCH * PER_ROW) { insertBatch.run(args, send); args = [] }
      },
      end: flush
    }
  }

  return {
    // --- Canvas progress ------------------------------------------------------------------------
    /** Users waiting at a step (one row per Canvas and user: a new one replaces the old). */
    insertProgress (rows: readonly ProgressRow[]): void {
      let i = 0
      for (; i + BATCH <= rows.length; i += BATCH) {
        const args: unknown[] = []
        for (let j = i; j < i + BATCH; j++) progressArgs(rows[j]!, args)
        progressBatch.run(args)
      }
      for (; i < rows.length; i++) {
        const args: unknown[] = []
        progressArgs(rows[i]!, args)
        progressOne.run(args)
      }
    },
    /** Every row due at `now`, removed: oldest first, grouped by Canvas and step. */
    takeDueProgress (now: number): ProgressRow[] {
      const rows = dueProgress.all(now)
      if (rows.length > 0) deleteDueProgress.run(now)
      return rows
    },
    nextProgressDue (): number | null {
      return (sqlite.prepare('SELECT min(due_at) AS t FROM canvas_progress').get() as { t: number | null }).t
    },
    /** Users of the list (all when absent) that are in the Canvas now. */
    inProgress (canvasPk: number, among?: readonly number[]): Set<number> {
      const rows = among === undefined ? inProgressAll.all(canvasPk) : among.length === 0 ? [] : inProgressAmong.all(JSON.stringify(among), canvasPk)
      return new Set(rows.map((r) => r.userPk))
    },
    /** How many users wait at each step of a Canvas. */
    progressCounts (canvasPk: number): Array<{ stepId: string, users: number, nextDue: number }> {
      return sqlite.prepare('SELECT step_id AS stepId, count(*) AS users, min(due_at) AS nextDue FROM canvas_progress WHERE canvas_pk = ? GROUP BY step_id').all(canvasPk) as Array<{ stepId: string, users: number, nextDue: number }>
    },

    // --- deferred deliveries (rate limits, local time) ------------------------------------------
    insertDeferred (rows: readonly DeferredRow[]): void {
      for (const r of rows) deferInsert.run(r.workspacePk, r.dueAt, r.dispatchId, r.source, r.sourcePk, r.userPk)
    },
    takeDueDeferred (now: number): DeferredRow[] {
      const rows = sqlite.prepare(`SELECT workspace_pk AS workspacePk, due_at AS dueAt, dispatch_id AS dispatchId, source, source_pk AS sourcePk, user_pk AS userPk
        FROM message_deferred WHERE due_at <= ? ORDER BY due_at, pk`).all(now) as DeferredRow[]
      if (rows.length > 0) sqlite.prepare('DELETE FROM message_deferred WHERE due_at <= ?').run(now)
      return rows
    },
    nextDeferredDue (): number | null {
      return (sqlite.prepare('SELECT min(due_at) AS t FROM message_deferred').get() as { t: number | null }).t
    },
    deferredCount (workspacePk: number, dispatchId: string): number {
      return (sqlite.prepare('SELECT count(*) AS n FROM message_deferred WHERE workspace_pk = ? AND dispatch_id = ?').get(workspacePk, dispatchId) as { n: number }).n
    },

    // --- frequency capping ------------------------------------------------------------------------
    frequencyRules (workspacePk: number): Array<{ channel: string, max: number, period_s: number }> {
      return cappingRules().get({ ws: workspacePk })?.rules ?? []
    },
    setFrequencyRules (workspacePk: number, rules: Array<{ channel: string, max: number, period_s: number }>): void {
      db.insert(frequencyCapping).values({ workspacePk, rules }).onConflictDoUpdate({ target: frequencyCapping.workspacePk, set: { rules } }).run()
    },
    /** Deliveries to these users after `since`, oldest first (frequency capping's window). */
    recentDeliveries (workspacePk: number, pks: readonly number[], since: number): Array<{ userPk: number, channel: string, time: number }> {
      return pks.length === 0 ? [] : recentDelivered.all(JSON.stringify(pks), workspacePk, since)
    },
    /**
     * Per user, the deliveries of the workspace in (since, until] on `channel` (every channel when null),
     * only the users with at least `atLeast`: a broadcast's capping window counted by SQLite in one pass
     * over the table, instead of one index probe per user or one JS row per delivery.
     */
    deliveryCounts (workspacePk: number, since: number, until: number, channel: string | null, atLeast: number, each: (userPk: number, n: number) => void): void {
      const rows = (channel === null ? deliveryCountsAll.all(workspacePk, since, until, atLeast) : deliveryCountsOn.all(workspacePk, since, until, channel, atLeast)) as Array<[number, number]>
      for (let i = 0; i < rows.length; i++) { const r = rows[i]!; each(r[0], r[1]) }
    },

    // --- campaigns and Canvases ---------------------------------------------------------------
    insertDefinition (row: NewDefinition): MessagingDefinitionRow {
      return db.insert(messagingDefinitions).values(row).returning().get()
    },
    findDefinition (workspacePk: number, type: 'campaign' | 'canvas', id: string): MessagingDefinitionRow | undefined {
      return definitionById().get({ ws: workspacePk, type, id })
    },
    definitionByPk (pk: number): MessagingDefinitionRow | undefined {
      return db.select().from(messagingDefinitions).where(eq(messagingDefinitions.pk, pk)).get()
    },
    /** A campaign or Canvas of this workspace has the id (ids are per workspace; another workspace may hold the same). */
    idTaken (workspacePk: number, id: string): boolean {
      return db.select({ pk: messagingDefinitions.pk }).from(messagingDefinitions).where(and(eq(messagingDefinitions.workspacePk, workspacePk), eq(messagingDefinitions.id, id))).get() !== undefined
    },
    listDefinitions (workspacePk: number, type: 'campaign' | 'canvas', opts: { includeArchived?: boolean, direction?: 'asc' | 'desc', offset?: number, limit?: number, editedAfter?: number } = {}): MessagingDefinitionRow[] {
      const order = opts.direction === 'desc' ? [desc(messagingDefinitions.createdAt), desc(messagingDefinitions.pk)] : [asc(messagingDefinitions.createdAt), asc(messagingDefinitions.pk)]
      const conds = [eq(messagingDefinitions.workspacePk, workspacePk), eq(messagingDefinitions.type, type)]
      if (opts.includeArchived !== true) conds.push(isNull(messagingDefinitions.archivedAt))
      if (opts.editedAfter !== undefined) conds.push(gt(messagingDefinitions.updatedAt, opts.editedAfter))
      return db.select().from(messagingDefinitions).where(and(...conds)).orderBy(...order).limit(opts.limit ?? -1).offset(opts.offset ?? 0).all()
    },
    updateDefinition (pk: number, patch: Partial<NewDefinition>): MessagingDefinitionRow {
      return db.update(messagingDefinitions).set(patch).where(eq(messagingDefinitions.pk, pk)).returning().get()
    },

    // --- users as a send reads them -------------------------------------------------------------
    pkByExternalId: (ws: number, id: string): number | undefined => byExternalId.get(ws, id)?.pk,
    pkByBrazeId: (ws: number, id: string): number | undefined => byBrazeId.get(ws, id)?.pk,
    pkByAlias: (ws: number, label: string, name: string): number | undefined => byAlias.get(ws, label, name)?.pk,
    candidatesByEmail: (ws: number, email: string) => byEmail.all(ws, email),
    allUserPks: (ws: number): number[] => allUsers.all(ws).map((r) => r.pk),
    /** `parse`: the JSON columns the caller reads; the others are left empty (a send whose templates read neither). */
    renderUsers (pks: readonly number[], parse: { profile: boolean, customAttributes: boolean } = PARSE_ALL): RenderUserRow[] {
      if (pks.length === 0) return []
      const rows = renderRows.all(JSON.stringify(pks)) as unknown as RawRenderUser[]
      const out: RenderUserRow[] = new Array(rows.length)
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!
        out[i] = {
          pk: r[0], brazeId: r[1], externalId: r[2], email: r[3], phone: r[4],
          profile: parse.profile ? JSON.parse(r[5]) as Record<string, unknown> : UNREAD,
          customAttributes: parse.customAttributes ? JSON.parse(r[6]) as Record<string, unknown> : UNREAD,
          emailSubscribe: r[7], pushSubscribe: r[8], randomBucket: r[9], updatedAt: r[10]
        }
      }
      return out
    },
    identities (pks: readonly number[]): Array<{ pk: number, brazeId: string, externalId: string | null }> {
      if (pks.length === 0) return []
      const rows = identityRows.all(JSON.stringify(pks)) as unknown as Array<[number, string, string | null]>
      const out: Array<{ pk: number, brazeId: string, externalId: string | null }> = new Array(rows.length)
      for (let i = 0; i < rows.length; i++) { const r = rows[i]!; out[i] = { pk: r[0], brazeId: r[1], externalId: r[2] } }
      return out
    },

    // --- outbox ---------------------------------------------------------------------------------
    insertOutbox (rows: readonly NewOutboxRow[]): void {
      const w = outboxWriter()
      for (let i = 0; i < rows.length; i++) w.push(rows[i]!)
      w.end()
    },
    outboxWriter,
    /** Users who received (or, `entered`: entered) the campaign / Canvas at or after `since`. */
    receivedSince (workspacePk: number, sourceId: string, since: number, entered: boolean, among?: readonly number[]): Set<number> {
      // A few candidates: one index probe each; a broadcast: one pass over the campaign's rows.
      if (among !== undefined) return new Set((entered ? enteredOne : receivedOne).all(JSON.stringify(among), workspacePk, sourceId, since).map((r) => r.userPk))
      const rows = (entered ? receivedBySource : deliveredBySource).all(workspacePk, sourceId, since)
      return new Set(rows.map((r) => r.userPk))
    },
    queryOutbox (workspacePk: number, f: OutboxFilter, afterPk: number, limit: number): OutboxRow[] {
      return sqlite.prepare(outboxQuerySql(f)).all({ ws: workspacePk, after: afterPk, limit, ...f }) as OutboxRow[]
    },
    clearOutbox (workspacePk: number): number {
      return db.delete(messageOutbox).where(eq(messageOutbox.workspacePk, workspacePk)).run().changes
    },
    /** Delivered messages of one campaign / Canvas per UTC day, channel and variation, between two instants. */
    dailyCounts (workspacePk: number, sourceId: string, from: number, to: number): Array<{ day: string, channel: string, variationId: string | null, stepId: string | null, sent: number, users: number }> {
      return sqlite.prepare(`SELECT date(time / 1000, 'unixepoch') AS day, channel, variation_id AS variationId, step_id AS stepId, count(*) AS sent, count(DISTINCT user_pk) AS users
        FROM message_outbox WHERE workspace_pk = ? AND source_id = ? AND status = 'delivered' AND time >= ? AND time < ? GROUP BY day, channel, variation_id, step_id ORDER BY day`)
        .all(workspacePk, sourceId, from, to) as Array<{ day: string, channel: string, variationId: string | null, stepId: string | null, sent: number, users: number }>
    },
    /** Users put in the control group of a campaign / Canvas step per UTC day, between two instants. */
    dailyControl (workspacePk: number, sourceId: string, from: number, to: number): Array<{ day: string, stepId: string | null, users: number }> {
      return sqlite.prepare(`SELECT date(time / 1000, 'unixepoch') AS day, step_id AS stepId, count(DISTINCT user_pk) AS users
        FROM message_outbox WHERE workspace_pk = ? AND source_id = ? AND status = 'skipped' AND reason = 'control_group' AND time >= ? AND time < ? GROUP BY day, step_id ORDER BY day`)
        .all(workspacePk, sourceId, from, to) as Array<{ day: string, stepId: string | null, users: number }>
    },
    /** Users per variation (delivered) and in control, over the whole life of a campaign / Canvas. */
    variantTotals (workspacePk: number, sourceId: string): Array<{ variationId: string | null, stepId: string | null, control: number, users: number }> {
      return sqlite.prepare(`SELECT variation_id AS variationId, step_id AS stepId, coalesce(reason = 'control_group', 0) AS control, count(DISTINCT user_pk) AS users FROM message_outbox
        WHERE workspace_pk = ? AND source_id = ? AND (status = 'delivered' OR reason = 'control_group') GROUP BY variation_id, step_id, control`)
        .all(workspacePk, sourceId) as Array<{ variationId: string | null, stepId: string | null, control: number, users: number }>
    },
    /** Deliveries and distinct users per Canvas step. */
    stepTotals (workspacePk: number, sourceId: string): Array<{ stepId: string, delivered: number, users: number }> {
      return sqlite.prepare(`SELECT step_id AS stepId, count(*) AS delivered, count(DISTINCT user_pk) AS users FROM message_outbox
        WHERE workspace_pk = ? AND source_id = ? AND status = 'delivered' AND step_id IS NOT NULL GROUP BY step_id`).all(workspacePk, sourceId) as Array<{ stepId: string, delivered: number, users: number }>
    },
    /** First and last delivery time of a campaign / Canvas. */
    sentRange (workspacePk: number, sourceId: string): { first: number | null, last: number | null } {
      return sqlite.prepare("SELECT min(time) AS first, max(time) AS last FROM message_outbox WHERE workspace_pk = ? AND source_id = ? AND status = 'delivered'")
        .get(workspacePk, sourceId) as { first: number | null, last: number | null }
    },
    /** What each user received, for exports: userPk → campaign / Canvas ids with the last delivery time. */
    receivedByUsers (workspacePk: number, pks: readonly number[]): Array<{ userPk: number, sourceType: string, sourceId: string, last: number }> {
      if (pks.length === 0) return []
      return sqlite.prepare(`SELECT o.user_pk AS userPk, o.source_type AS sourceType, o.source_id AS sourceId, max(o.time) AS last FROM json_each(?) j
        CROSS JOIN message_outbox o ON o.workspace_pk = ? AND o.user_pk = j.value WHERE o.status = 'delivered' AND o.source_id IS NOT NULL GROUP BY o.user_pk, o.source_type, o.source_id`)
        .all(JSON.stringify(pks), workspacePk) as Array<{ userPk: number, sourceType: string, sourceId: string, last: number }>
    },

    // --- schedules and send ids -------------------------------------------------------------------
    insertSchedule (row: Omit<MessageScheduleRow, 'pk'>): MessageScheduleRow {
      return db.insert(messageSchedules).values(row).returning().get()
    },
    /** Within the key's workspace only: another workspace's schedule of the same id is not seen. */
    findSchedule (workspacePk: number, scheduleId: string): MessageScheduleRow | undefined {
      return db.select().from(messageSchedules).where(and(eq(messageSchedules.workspacePk, workspacePk), eq(messageSchedules.scheduleId, scheduleId))).get()
    },
    scheduleByPk (pk: number): MessageScheduleRow | undefined {
      return db.select().from(messageSchedules).where(eq(messageSchedules.pk, pk)).get()
    },
    updateSchedule (pk: number, patch: Partial<Pick<MessageScheduleRow, 'sendAt' | 'schedule' | 'request' | 'status'>>): void {
      db.update(messageSchedules).set(patch).where(eq(messageSchedules.pk, pk)).run()
    },
    dueSchedules (now: number): MessageScheduleRow[] {
      return sqlite.prepare("SELECT pk FROM message_schedules WHERE status = 'pending' AND send_at <= ? ORDER BY send_at, pk").all(now)
        .map((r) => db.select().from(messageSchedules).where(eq(messageSchedules.pk, (r as { pk: number }).pk)).get()!)
    },
    /** Dashboard-scheduled campaigns / Canvases whose send time has come and that have not fired for it. */
    dueDefinitions (now: number): MessagingDefinitionRow[] {
      return db.select().from(messagingDefinitions).where(and(eq(messagingDefinitions.kind, 'scheduled'), eq(messagingDefinitions.status, 'active'),
        isNull(messagingDefinitions.archivedAt), lte(messagingDefinitions.sendAt, now),
        or(isNull(messagingDefinitions.firedAt), lt(messagingDefinitions.firedAt, messagingDefinitions.sendAt)))).orderBy(asc(messagingDefinitions.sendAt)).all()
    },
    nextDefinitionDue (): number | null {
      return (sqlite.prepare(`SELECT min(send_at) AS t FROM messaging_definitions WHERE kind = 'scheduled' AND status = 'active' AND archived_at IS NULL
        AND send_at IS NOT NULL AND (fired_at IS NULL OR fired_at < send_at)`).get() as { t: number | null }).t
    },
    nextDue (): number | null {
      return (sqlite.prepare("SELECT min(send_at) AS t FROM message_schedules WHERE status = 'pending'").get() as { t: number | null }).t
    },
    pendingSchedules (workspacePk: number): MessageScheduleRow[] {
      return db.select().from(messageSchedules).where(and(eq(messageSchedules.workspacePk, workspacePk), eq(messageSchedules.status, 'pending'))).orderBy(asc(messageSchedules.sendAt)).all()
    },
    /** true when the pair is new */
    insertSendId (workspacePk: number, campaignId: string, sendId: string, now: number): boolean {
      return db.insert(messageSendIds).values({ workspacePk, campaignId, sendId, createdAt: now }).onConflictDoNothing().run().changes > 0
    },
    sendIdsCreatedSince (workspacePk: number, since: number): number {
      return (sqlite.prepare('SELECT count(*) AS n FROM message_send_ids WHERE workspace_pk = ? AND created_at >= ?').get(workspacePk, since) as { n: number }).n
    },

    deleteWorkspaceData (workspacePk: number): void {
      db.delete(canvasProgress).where(eq(canvasProgress.workspacePk, workspacePk)).run()
      db.delete(messageDeferred).where(eq(messageDeferred.workspacePk, workspacePk)).run()
      db.delete(frequencyCapping).where(eq(frequencyCapping.workspacePk, workspacePk)).run()
      db.delete(messageOutbox).where(eq(messageOutbox.workspacePk, workspacePk)).run()
      db.delete(messageSchedules).where(eq(messageSchedules.workspacePk, workspacePk)).run()
      db.delete(messageSendIds).where(eq(messageSendIds.workspacePk, workspacePk)).run()
      db.delete(messagingDefinitions).where(eq(messagingDefinitions.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(canvasProgress).run()
      db.delete(messageDeferred).run()
      db.delete(frequencyCapping).run()
      db.delete(messageOutbox).run()
      db.delete(messageSchedules).run()
      db.delete(messageSendIds).run()
      db.delete(messagingDefinitions).run()
    }
  }
}
