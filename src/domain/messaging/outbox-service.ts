/**
 * The outbox tests read (GET /_fake/workspaces/{id}/messages), its clearing, and what each user
 * received for exports (campaigns_received / canvases_received).
 */
import { toIso } from '../shared/clock.js'
import { FakeBadRequest } from '../shared/errors.js'
import type { MessagingDeps, OutboxMessageView, OutboxQuery } from './messaging-types.js'
import type { OutboxRow } from '../../repositories/messaging/messaging-repository.js'

export type OutboxService = ReturnType<typeof createOutboxService>

export function createOutboxService (deps: Pick<MessagingDeps, 'repo' | 'transaction'> & { wsPk: (workspaceId: string) => number }) {
  const { repo, transaction } = deps
  const wsPk = deps.wsPk
  return {
    // --- the outbox ---------------------------------------------------------------------------------
    outbox (workspaceId: string, q: OutboxQuery): { messages: OutboxMessageView[], next_cursor?: string } {
      const pk = wsPk(workspaceId)
      const after = decodeCursor(q.cursor)
      const sourceId = q.campaign_id ?? q.canvas_id
      const rows = repo.queryOutbox(pk, {
        sourceId, ...(q.campaign_id !== undefined && { sourceType: 'campaign' as const }), ...(q.canvas_id !== undefined && { sourceType: 'canvas' as const }),
        dispatchId: q.dispatch_id, externalId: q.external_id, channel: q.channel, status: q.status
      }, after, q.limit + 1)
      const messages = rows.slice(0, q.limit).map(outboxView)
      const last = rows[q.limit - 1]
      return rows.length > q.limit && last !== undefined ? { messages, next_cursor: encodeCursor(last.pk) } : { messages }
    },
    clearOutbox: (workspaceId: string): number => transaction(() => repo.clearOutbox(wsPk(workspaceId))),

    /** What each user received, for /users/export/ids and the segment export (campaigns_received, canvases_received). */
    received (workspacePk: number, userPks: readonly number[]): Map<number, { campaigns: Array<Record<string, unknown>>, canvases: Array<Record<string, unknown>> }> {
      const out = new Map<number, { campaigns: Array<Record<string, unknown>>, canvases: Array<Record<string, unknown>> }>()
      const rows = repo.receivedByUsers(workspacePk, userPks)
      const names = new Map<string, string>()
      if (rows.length > 0) for (const type of ['campaign', 'canvas'] as const) for (const d of repo.listDefinitions(workspacePk, type, { includeArchived: true })) names.set(d.id, d.name)
      for (const r of rows) {
        let e = out.get(r.userPk)
        if (e === undefined) { e = { campaigns: [], canvases: [] }; out.set(r.userPk, e) }
        const name = names.get(r.sourceId) ?? null
        // Export shapes of user_export_object (post_users_identifier.md); engagement is not modelled [inferred]: all false.
        if (r.sourceType === 'canvas') e.canvases.push({ name, api_canvas_id: r.sourceId, last_received_message: toIso(r.last), last_entered: toIso(r.last), in_control: false })
        else e.campaigns.push({ name, api_campaign_id: r.sourceId, last_received: toIso(r.last), engaged: { opened_email: false, opened_push: false, clicked_email: false, clicked_triggered_in_app_message: false }, converted: false, in_control: false })
      }
      return out
    }
  }
}

export function outboxView (r: OutboxRow): OutboxMessageView {
  const content = r.content === null ? {} : JSON.parse(r.content) as { subject?: string, body?: string, payload?: unknown }
  return {
    id: String(r.pk),
    time: toIso(r.time),
    dispatch_id: r.dispatchId,
    ...(r.sendId !== null && { send_id: r.sendId }),
    ...(r.sourceType === 'campaign' && r.sourceId !== null && { campaign_id: r.sourceId }),
    ...(r.sourceType === 'canvas' && r.sourceId !== null && { canvas_id: r.sourceId }),
    ...(r.stepId !== null && { step_id: r.stepId }),
    ...(r.variationId !== null && { variation_id: r.variationId }),
    channel: r.channel,
    braze_id: r.brazeId,
    ...(r.externalId !== null && { external_id: r.externalId }),
    status: r.status,
    ...(r.reason !== null && { reason: r.reason }),
    ...(content.subject !== undefined && { subject: content.subject }),
    ...(content.body !== undefined && { body: content.body }),
    ...(content.payload !== undefined && { payload: content.payload })
  }
}

export function encodeCursor (pk: number): string {
  return Buffer.from(`m:${pk}`).toString('base64url')
}
export function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const m = /^m:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (m === null) throw new FakeBadRequest('cursor is not a next_cursor returned by this endpoint')
  return Number(m[1])
}
