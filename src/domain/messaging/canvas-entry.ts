/**
 * Entering a Canvas (M-TCANV, REEL): which candidates enter at the first step, and the outbox
 * records of those who do not. Used by canvas-progression.ts.
 */
import { matchesAudience } from './audience.js'
import { stepsOf, type CanvasDefinition } from './definitions.js'
import { definitionVariations } from './message-objects.js'
import type { FrequencyRule } from './frequency-capping.js'
import type { Candidate, SendOutcome } from './send-pipeline.js'
import type { MessagingDefinitionRow } from '../../db/schema/messaging.js'
import type { MessagingRepository, NewOutboxRow, RenderUserRow } from '../../repositories/messaging/messaging-repository.js'

/** A user moving through the Canvas with its entry context. */
export interface Traveller { pk: number, properties: Record<string, unknown> | undefined }

export interface RunContext {
  workspacePk: number
  row: MessagingDefinitionRow
  dispatchId: string
  /** the instant the set reaches the step (entry time, or the delay's due_at) */
  now: number
  enteredAt: number
  /** the entry request's properties (context / canvas_entry_properties) */
  properties: Record<string, unknown>
  capping: readonly FrequencyRule[] | undefined
  outcome: SendOutcome
}

export interface EntryOptions { segment: Set<number> | null, audience: unknown, receivedSince: number | null }

/**
 * Entry (M-TCANV, REEL): who of the candidates enters, the rest recorded as skipped against the
 * first step's messages (unknown_user, not_in_segment, not_in_audience, already_received — an
 * earlier entry within re-eligibility — or already_in_canvas).
 */
export function admitToCanvas (repo: MessagingRepository, ctx: RunContext, candidates: readonly Candidate[], opts: EntryOptions): Traveller[] {
  const def = ctx.row.definition as unknown as CanvasDefinition
  const first = stepsOf(def)[0]
  const skipVariations = first?.type === 'message' ? definitionVariations(first.messages, null, '', first.id).variations : []
  const few = candidates.length <= 1000 ? candidates.flatMap((c) => (c.pk === null ? [] : [c.pk])) : undefined
  const received = opts.receivedSince === null ? new Set<number>() : repo.receivedSince(ctx.workspacePk, ctx.row.id, opts.receivedSince, true, few)
  const inside = repo.inProgress(ctx.row.pk, few)
  const out: Traveller[] = []
  const rows: NewOutboxRow[] = []
  const skip = (who: { pk: number | null, brazeId: string | null, externalId: string | null }, reason: string): void => {
    for (const v of skipVariations) {
      rows.push({
        workspacePk: ctx.workspacePk, time: ctx.now, dispatchId: ctx.dispatchId, sendId: null, sourceId: ctx.row.id, sourceType: 'canvas', stepId: v.stepId, variationId: v.variationId,
        channel: v.channel, userPk: who.pk, brazeId: who.brazeId, externalId: who.externalId, status: 'skipped', reason, content: null
      })
    }
    ctx.outcome.skipped += skipVariations.length
    ctx.outcome.by_reason[reason] = (ctx.outcome.by_reason[reason] ?? 0) + skipVariations.length
  }
  for (let i = 0; i < candidates.length; i += 5000) {
    const chunk = candidates.slice(i, i + 5000)
    const pks = chunk.flatMap((c) => (c.pk === null ? [] : [c.pk]))
    const users = new Map<number, { pk: number, brazeId: string, externalId: string | null }>()
    const rendered = new Map<number, RenderUserRow>()
    if (opts.audience !== undefined) for (const u of repo.renderUsers(pks)) { users.set(u.pk, u); rendered.set(u.pk, u) }
    else for (const u of repo.identities(pks)) users.set(u.pk, u)
    for (const c of chunk) {
      const u = c.pk === null ? undefined : users.get(c.pk)
      if (u === undefined) { skip({ pk: null, brazeId: null, externalId: c.externalId }, 'unknown_user'); continue }
      const who = { pk: u.pk, brazeId: u.brazeId, externalId: u.externalId }
      if (opts.segment !== null && !opts.segment.has(u.pk)) { skip(who, 'not_in_segment'); continue }
      const r = rendered.get(u.pk)
      if (r !== undefined) {
        const lastUsed = typeof r.profile.last_used_app === 'string' ? Date.parse(r.profile.last_used_app) : null
        if (!matchesAudience(opts.audience, { customAttributes: r.customAttributes, emailSubscribe: r.emailSubscribe, pushSubscribe: r.pushSubscribe, lastUsedApp: lastUsed }, ctx.now)) { skip(who, 'not_in_audience'); continue }
      }
      if (received.has(u.pk)) { skip(who, 'already_received'); continue }
      if (inside.has(u.pk)) { skip(who, 'already_in_canvas'); continue }
      out.push({ pk: u.pk, properties: c.properties === undefined ? (Object.keys(ctx.properties).length === 0 ? undefined : ctx.properties) : { ...ctx.properties, ...c.properties } })
    }
  }
  repo.insertOutbox(rows)
  return out
}

