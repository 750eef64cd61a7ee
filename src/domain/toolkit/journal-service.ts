/**
 * The request journal: what arrived on the Braze surface and what Braze (the fake) did with it,
 * so a test can assert on exactly which requests its sync sent. Bodies are kept with secrets
 * masked; headers (Authorization) are never kept. Bounded by `cap`, oldest evicted first.
 */
import { toIso, type Clock } from '../shared/clock.js'
import { FakeBadRequest } from '../shared/errors.js'
import { maskRequestBody, maskText, type BodyMeta } from '../shared/secrets.js'
import type { JournalRepository, NewJournalRow } from '../../repositories/toolkit/journal-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { JournalRow } from '../../db/schema/journal.js'
import type { InjectedFaultRecord } from './fault-service.js'

export { MASK } from '../shared/secrets.js'

export interface JournalInput {
  method: string
  path: string
  route: string | null
  cluster: string | null
  workspaceId: string | null
  partner: string | null
  status: number
  message: string | null
  durationMs: number
  fault: InjectedFaultRecord | undefined
  effects: unknown
  body: unknown
  /** Content-Type and Content-Length of the body: all that is kept of a body that is not a JSON object */
  bodyMeta?: BodyMeta
  /** the credential values the request carried, masked wherever they appear in `message` */
  secrets?: string[]
}

export interface JournalEntryView {
  id: string
  time: string
  method: string
  path: string
  route: string | null
  cluster: string | null
  status: number
  workspace_id: string | null
  partner: string | null
  message: string | null
  duration_ms: number
  fault?: InjectedFaultRecord
  effects: unknown
  request_body: unknown
}

export interface JournalQuery {
  workspace_id?: string | undefined
  partner?: string | undefined
  path?: string | undefined
  method?: string | undefined
  status?: number | undefined
  since?: string | undefined
  cursor?: string | undefined
  order?: 'asc' | 'desc' | undefined
  limit: number
}

export type JournalService = ReturnType<typeof createJournalService>

export function createJournalService (deps: { journal: JournalRepository, clock: Clock, cap: number, transaction: RunInTransaction }) {
  const { journal, clock, cap } = deps
  // Entries are buffered and written in one transaction per event-loop turn: a commit per
  // request would cost more than the insert itself. Every read and clear flushes first.
  let pending: NewJournalRow[] = []
  let scheduled = false
  function flush (): void {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    try {
      deps.transaction(() => {
        let last = 0
        for (const row of batch) last = journal.insert(row)
        if (last > cap) journal.evictThrough(last - cap)
      })
    } catch {
      // The database was closed under a pending batch (server shutting down): nothing to keep it for.
    }
  }
  return {
    enabled: cap > 0,
    flush,
    record (e: JournalInput): void {
      if (cap === 0) return
      pending.push({
        time: clock.now(), method: e.method, path: e.path, route: e.route, cluster: e.cluster, workspaceId: e.workspaceId,
        partner: e.partner, status: e.status, message: e.message === null ? null : maskText(e.message, e.secrets), durationMs: Math.round(e.durationMs * 1000) / 1000,
        fault: e.fault === undefined ? null : JSON.stringify(e.fault),
        effects: e.effects === undefined ? null : JSON.stringify(e.effects),
        requestBody: nullableJson(maskRequestBody(e.body, e.bodyMeta))
      })
      if (!scheduled) {
        scheduled = true
        setImmediate(() => { scheduled = false; flush() })
      }
    },
    query (q: JournalQuery): { requests: JournalEntryView[], next_cursor?: string } {
      flush()
      let since: number | undefined
      if (q.since !== undefined) {
        since = Date.parse(q.since)
        if (Number.isNaN(since)) throw new FakeBadRequest('querystring.since: must be an ISO-8601 time')
      }
      const rows = journal.query({
        workspaceId: q.workspace_id, partner: q.partner, path: q.path, method: q.method?.toUpperCase(), status: q.status,
        since, order: q.order ?? 'asc', cursorId: decodeCursor(q.cursor), limit: q.limit + 1
      })
      const page = rows.slice(0, q.limit)
      const last = page[page.length - 1]
      const requests = page.map(entryView)
      return rows.length > q.limit && last !== undefined ? { requests, next_cursor: String(last.id) } : { requests }
    },
    clear (workspaceId?: string): void {
      flush()
      if (workspaceId === undefined) journal.clearAll()
      else journal.clearWorkspace(workspaceId)
    }
  }
}

function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  if (!/^\d+$/.test(cursor)) throw new FakeBadRequest('querystring.cursor: not a next_cursor returned by this endpoint')
  return Number(cursor)
}

function parse (text: string | null): unknown {
  return text === null ? null : JSON.parse(text)
}

export function entryView (r: JournalRow): JournalEntryView {
  return {
    id: String(r.id),
    time: toIso(r.time),
    method: r.method,
    path: r.path,
    route: r.route,
    cluster: r.cluster,
    status: r.status,
    workspace_id: r.workspaceId,
    partner: r.partner,
    message: r.message,
    duration_ms: r.durationMs,
    ...(r.fault !== null && { fault: parse(r.fault) as InjectedFaultRecord }),
    effects: parse(r.effects),
    request_body: parse(r.requestBody)
  }
}

function nullableJson (value: unknown): string | null {
  return value === null ? null : JSON.stringify(value)
}
