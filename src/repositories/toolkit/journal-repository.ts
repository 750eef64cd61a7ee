import type { DatabaseHandle } from '../../db/client.js'
import type { JournalRow } from '../../db/schema/journal.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type JournalRepository = ReturnType<typeof createJournalRepository>
export type NewJournalRow = Omit<JournalRow, 'id'>

export interface JournalFilter {
  workspaceId?: string | undefined
  partner?: string | undefined
  path?: string | undefined
  method?: string | undefined
  status?: number | undefined
  since?: number | undefined
  /** asc: entries with id > cursorId, oldest first; desc: entries with id < cursorId (0 = from the newest), newest first */
  order: 'asc' | 'desc'
  cursorId: number
  limit: number
}

const COLUMNS = 'id, time, method, path, route, cluster, workspace_id AS workspaceId, partner, status, message, duration_ms AS durationMs, fault, effects, request_body AS requestBody'

/**
 * Raw prepared statements: recording sits on every Braze request, so it is one insert plus (past
 * the cap) one range delete on the primary key, with no query building per request.
 */
export function createJournalRepository ({ sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const insert = prepare<[number, string, string, string | null, string | null, string | null, string | null, number, string | null, number, string | null, string | null, string | null]>(
    `INSERT INTO request_journal (time, method, path, route, cluster, workspace_id, partner, status, message, duration_ms, fault, effects, request_body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const evict = prepare<[number]>('DELETE FROM request_journal WHERE id <= ?')
  const deleteByWorkspace = prepare<[string]>('DELETE FROM request_journal WHERE workspace_id = ?')
  const deleteAll = prepare('DELETE FROM request_journal')

  return {
    /** Inserts a row and returns its id. */
    insert (r: NewJournalRow): number {
      return Number(insert.run(r.time, r.method, r.path, r.route, r.cluster, r.workspaceId, r.partner, r.status, r.message, r.durationMs, r.fault, r.effects, r.requestBody).lastInsertRowid)
    },
    /** Deletes every row with id ≤ maxId (the oldest). */
    evictThrough (maxId: number): void {
      evict.run(maxId)
    },
    query (f: JournalFilter): JournalRow[] {
      const where: string[] = f.order === 'asc' ? ['id > ?'] : f.cursorId > 0 ? ['id < ?'] : ['1']
      const args: Array<string | number> = f.order === 'asc' || f.cursorId > 0 ? [f.cursorId] : []
      if (f.workspaceId !== undefined) { where.push('workspace_id = ?'); args.push(f.workspaceId) }
      if (f.partner !== undefined) { where.push('partner = ?'); args.push(f.partner) }
      if (f.path !== undefined) { where.push('path = ?'); args.push(f.path) }
      if (f.method !== undefined) { where.push('method = ?'); args.push(f.method) }
      if (f.status !== undefined) { where.push('status = ?'); args.push(f.status) }
      if (f.since !== undefined) { where.push('time >= ?'); args.push(f.since) }
      args.push(f.limit)
      return sqlite.prepare(`SELECT ${COLUMNS} FROM request_journal WHERE ${where.join(' AND ')} ORDER BY id ${f.order === 'asc' ? 'ASC' : 'DESC'} LIMIT ?`).all(...args) as JournalRow[]
    },
    clearWorkspace (workspaceId: string): number {
      return deleteByWorkspace.run(workspaceId).changes
    },
    clearAll (): void {
      deleteAll.run()
    }
  }
}
