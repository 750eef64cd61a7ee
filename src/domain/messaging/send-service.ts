/**
 * Sending: the trigger endpoints, /messages/send, the dashboard's "Send" and send ids. Each send
 * is checked, its candidates found (eligibility.ts), and run through send-pipeline.ts inside the
 * request's transaction; it answers with a dispatch_id whoever was eligible.
 */
import { FakeConflict, InvalidCampaignId, InvalidCanvasId, MESSAGING_MESSAGES as M, MessagingBadRequest, NoRecipients, TooManyExternalIdsAndAliases } from '../shared/errors.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import { validateAudience } from './audience.js'
import type { CampaignDefinition, CanvasDefinition } from './definitions.js'
import type { Eligibility } from './eligibility.js'
import { definitionVariations, messageObjects } from './message-objects.js'
import type { CanvasProgression, RunContext } from './canvas-progression.js'
import type { FrequencyRule } from './frequency-capping.js'
import {
  emptyEffects, MAX_RECIPIENTS, newDispatchId,
  type MessagesSendInput, type MessagingDeps, type SendAnswer, type SendEffects, type TriggerCampaignInput, type TriggerCanvasInput
} from './messaging-types.js'
import { checkProperties, checkSendId, checkTargets } from './send-checks.js'
import { runSend, type Candidate, type SendPlan } from './send-pipeline.js'
import { createSendIds } from './send-ids.js'
import { spreadOverMinutes } from './rate-limit.js'
import type { MessagingDefinitionRow } from '../../db/schema/messaging.js'

export type SendService = ReturnType<typeof createSendService>

/**
 * How a send runs when it is not a plain request: `at` its own instant (a deferred delivery's due
 * time), and `apply` choosing which of the candidates go now (a deferred replay's users, or a
 * local-time schedule's users whose time has come; it defers the others).
 */
export interface FireOptions {
  at?: number | undefined
  apply?: ((workspacePk: number, candidates: Candidate[], now: number) => Candidate[]) | undefined
}

export function createSendService (deps: MessagingDeps & {
  eligibility: Eligibility
  wsPk: (workspaceId: string) => number
  findControl: (pk: number, type: 'campaign' | 'canvas', id: string) => MessagingDefinitionRow
  canvas: CanvasProgression
  cappingFor: (workspacePk: number, override: boolean) => FrequencyRule[] | undefined
  /** deliveries were put off: the scheduler must look at due times again */
  onDeferred: () => void
}) {
  const { repo, transaction, clock, eligibility, wsPk, findControl } = deps
  const { resolveRecipients, segmentMembers, membership, broadcastCandidates } = eligibility
  const { cappingFor } = deps
  const sendIds = createSendIds(deps)
  function campaignForTrigger (pk: number, campaignId: string): MessagingDefinitionRow {
    const row = repo.findDefinition(pk, 'campaign', campaignId)
    // Unknown, not API-triggered, draft, stopped or archived → "Invalid Campaign ID" [D text; I applicability]
    if (row === undefined || row.kind !== 'api_triggered' || row.status !== 'active' || row.archivedAt !== null) throw new InvalidCampaignId()
    return row
  }

  function runTriggerCampaign (pk: number, input: TriggerCampaignInput, dispatchId: string, fire: boolean, fo: FireOptions = {}): { answer: SendAnswer, effects: SendEffects } {
    const row = campaignForTrigger(pk, input.campaign_id)
    const def = row.definition as unknown as CampaignDefinition
    const broadcast = input.broadcast === true
    const sendId = sendIds.register(pk, row.id, input.send_id, broadcast)
    const answer: SendAnswer = { dispatch_id: dispatchId, ...(broadcast && input.send_id === undefined && sendId !== null && { send_id: sendId }), message: 'success' }
    if (!fire) return { answer, effects: emptyEffects(dispatchId) }
    const now = fo.at ?? clock.now()
    // attributes are applied (users created) before the target segment is evaluated (M-TCAMP)
    const recipients = broadcast || (input.recipients ?? []).length === 0
      ? undefined
      : resolveRecipients(pk, input.recipients ?? [], { mayCreate: true, applyGroups: true, propsOf: (r) => r.trigger_properties })
    const members = segmentMembers(pk, def.segment_id)
    const all = recipients ?? broadcastCandidates(pk, members)
    const candidates = fo.apply?.(pk, all, now) ?? all
    const segment = membership(members, recipients === undefined)
    const plan: SendPlan = {
      workspacePk: pk, now, dispatchId, sendId, source: { type: 'campaign', id: row.id, name: row.name },
      ...definitionVariations(def.messages, def.control_percent, row.id, null), sendTo: def.send_to, segment, audience: input.audience,
      receivedSince: def.re_eligibility_s === null ? 0 : now - def.re_eligibility_s * 1000, countEntries: false,
      propertyKeys: ['api_trigger_properties'], properties: input.trigger_properties ?? {}, broadcast,
      capping: cappingFor(pk, input.override_frequency_capping === true || def.ignore_frequency_capping === true)
    }
    return { answer, effects: { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) } }
  }

  function runTriggerCanvas (pk: number, input: TriggerCanvasInput, dispatchId: string, fire: boolean, fo: FireOptions = {}): { answer: SendAnswer, effects: SendEffects } {
    const row = repo.findDefinition(pk, 'canvas', input.canvas_id)
    if (row === undefined) throw new InvalidCanvasId()
    const answer: SendAnswer = { dispatch_id: dispatchId, message: 'success' }
    // [D M-TCANV] an archived or paused Canvas is not entered, but the call succeeds with a notice.
    if (row.archivedAt !== null) return { answer: { notice: 'The Canvas is archived. Unarchive the Canvas to ensure trigger requests will take effect.', ...answer }, effects: emptyEffects(dispatchId) }
    if (row.status !== 'active') return { answer: { notice: 'The Canvas is paused. Resume the Canvas to ensure trigger requests will take effect.', ...answer }, effects: emptyEffects(dispatchId) }
    if (!fire) return { answer, effects: emptyEffects(dispatchId) }
    const def = row.definition as unknown as CanvasDefinition
    const now = fo.at ?? clock.now()
    const broadcast = input.broadcast === true
    const recipients = broadcast || (input.recipients ?? []).length === 0
      ? undefined
      // Canvas recipients' subscription_groups are not applied by default (M-TCANV)
      : resolveRecipients(pk, input.recipients ?? [], { mayCreate: true, applyGroups: false, propsOf: (r) => r.context ?? r.canvas_entry_properties })
    const members = segmentMembers(pk, def.segment_id)
    const all = recipients ?? broadcastCandidates(pk, members)
    const candidates = fo.apply?.(pk, all, now) ?? all
    const segment = membership(members, recipients === undefined)
    const ctx: RunContext = {
      workspacePk: pk, row, dispatchId, now, enteredAt: now, properties: input.context ?? input.canvas_entry_properties ?? {},
      capping: cappingFor(pk, input.override_frequency_capping === true), outcome: { delivered: 0, skipped: 0, by_reason: {}, recipients: 0 }
    }
    const entering = deps.canvas.admit(ctx, candidates, { segment, audience: input.audience, receivedSince: def.re_eligibility_s === null ? 0 : now - def.re_eligibility_s * 1000 })
    deps.canvas.run(ctx, def.steps[0]?.id ?? null, entering)
    return { answer, effects: { dispatch_id: dispatchId, candidates: candidates.length, ...ctx.outcome } }
  }

  function runMessagesSend (pk: number, input: MessagesSendInput, dispatchId: string, fire: boolean, fo: FireOptions = {}): { answer: SendAnswer, effects: SendEffects } {
    const campaign = input.campaign_id === undefined ? undefined : repo.findDefinition(pk, 'campaign', input.campaign_id)
    if (input.campaign_id !== undefined && (campaign === undefined || campaign.kind !== 'api' || campaign.archivedAt !== null)) throw new InvalidCampaignId()
    const variations = messageObjects(input.messages, campaign)
    const ids = (input.external_user_ids?.length ?? 0) + (input.user_aliases?.length ?? 0)
    if (ids > MAX_RECIPIENTS) throw new TooManyExternalIdsAndAliases()
    // broadcast must be true when no users are named (M-SEND) → "No Recipients" [I text]
    if (ids === 0 && input.broadcast !== true) throw new NoRecipients()
    if (ids === 0 && input.segment_id === undefined && input.audience === undefined) throw new NoRecipients()
    if (input.audience !== undefined) validateAudience(input.audience)
    const segment = input.segment_id === undefined ? null : deps.segments.memberPks(pk, input.segment_id)
    if (input.segment_id !== undefined && segment === undefined) throw new MessagingBadRequest('Invalid Segment ID')
    const broadcast = ids === 0
    const sendId = sendIds.register(pk, campaign?.id ?? null, input.send_id, broadcast)
    const answer: SendAnswer = { dispatch_id: dispatchId, ...(broadcast && input.send_id === undefined && sendId !== null && { send_id: sendId }), message: 'success' }
    if (!fire) return { answer, effects: emptyEffects(dispatchId) }
    const segSet = membership(segment ?? null, broadcast)
    const now = fo.at ?? clock.now()
    const found = broadcast
      ? broadcastCandidates(pk, segment ?? null)
      // /messages/send never creates users (Z:M-SEND)
      : resolveRecipients(pk, [...(input.external_user_ids ?? []).map((id) => ({ external_user_id: id })), ...(input.user_aliases ?? []).map((a) => ({ user_alias: a }))],
        { mayCreate: false, applyGroups: false, propsOf: () => undefined })
    const candidates = fo.apply?.(pk, found, now) ?? found
    const state = input.recipient_subscription_state ?? 'subscribed'
    const plan: SendPlan = {
      workspacePk: pk, now, dispatchId, sendId, source: { type: campaign === undefined ? 'api' : 'campaign', id: campaign?.id ?? null, name: campaign?.name ?? null },
      variations, sendTo: state === 'subscribed' ? 'subscribed_or_opted_in' : state, segment: segSet, audience: input.audience,
      receivedSince: null, countEntries: false, propertyKeys: [], properties: {}, broadcast,
      capping: cappingFor(pk, input.override_frequency_capping === true || input.override_messaging_limits === true || (campaign?.definition as unknown as CampaignDefinition | undefined)?.ignore_frequency_capping === true)
    }
    return { answer, effects: { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) } }
  }

  /** A dashboard send: the campaign to its target segment now, or every member entering the Canvas. */
  function dashboardSend (pk: number, row: MessagingDefinitionRow, fo: FireOptions & { dispatchId?: string } = {}): SendEffects {
    const dispatchId = fo.dispatchId ?? newDispatchId()
    if (row.type === 'canvas') return runTriggerCanvas(pk, { canvas_id: row.id, broadcast: true }, dispatchId, true, fo).effects
    const def = row.definition as unknown as CampaignDefinition
    const now = fo.at ?? clock.now()
    const members = segmentMembers(pk, def.segment_id)
    const audience = broadcastCandidates(pk, members)
    const segment = membership(members, true)
    // A rate-limited campaign: this minute's users now, the rest deferred minute by minute [inferred: the limit counts the audience's users]
    const limited = fo.apply === undefined && def.rate_limit_per_minute !== null && def.rate_limit_per_minute !== undefined
      ? spreadOverMinutes(repo, { workspacePk: pk, definitionPk: row.pk, dispatchId, perMinute: def.rate_limit_per_minute, now }, audience, deps.onDeferred)
      : audience
    const candidates = fo.apply?.(pk, audience, now) ?? limited
    const plan: SendPlan = {
      workspacePk: pk, now, dispatchId, sendId: null, source: { type: 'campaign', id: row.id, name: row.name },
      ...definitionVariations(def.messages, def.control_percent, row.id, null), sendTo: def.send_to, segment, audience: undefined,
      receivedSince: def.re_eligibility_s === null ? 0 : now - def.re_eligibility_s * 1000, countEntries: false, propertyKeys: [], properties: {}, broadcast: true,
      capping: cappingFor(pk, def.ignore_frequency_capping)
    }
    return { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) }
  }

  return {
    runTriggerCampaign,
    runTriggerCanvas,
    runMessagesSend,
    dashboardSend,
    /** The marketer pressing "Send" on a campaign: a broadcast to its target segment now. */
    sendNow (workspaceId: string, campaignId: string): { dispatch_id: string, delivered: number, skipped: number, effects: SendEffects } {
      return transaction(() => {
        const pk = wsPk(workspaceId)
        const row = findControl(pk, 'campaign', campaignId)
        if (row.archivedAt !== null || row.status === 'draft') throw new FakeConflict(`Campaign ${campaignId} is ${row.archivedAt !== null ? 'archived' : 'a draft'}`)
        const effects = dashboardSend(pk, row)
        return { dispatch_id: effects.dispatch_id, delivered: effects.delivered, skipped: effects.skipped, effects }
      })
    },

    createSendId: sendIds.createSendId,

    triggerCampaign (ctx: RestContext, input: TriggerCampaignInput): { answer: SendAnswer, effects: SendEffects } {
      checkTargets(input, deps.prioritizationError)
      if (input.broadcast === true && (input.attachments?.length ?? 0) > 0) throw new MessagingBadRequest(M.attachmentsWithBroadcast)
      checkProperties('trigger_properties', input.trigger_properties)
      input.recipients?.forEach((r) => checkProperties('trigger_properties', r.trigger_properties))
      checkSendId(input.send_id)
      return transaction(() => runTriggerCampaign(ctx.workspacePk, input, newDispatchId(), true))
    },
    triggerCanvas (ctx: RestContext, input: TriggerCanvasInput): { answer: SendAnswer, effects: SendEffects } {
      checkTargets(input, deps.prioritizationError)
      checkProperties('context', input.context ?? input.canvas_entry_properties)
      input.recipients?.forEach((r) => checkProperties('context', r.context ?? r.canvas_entry_properties))
      return transaction(() => runTriggerCanvas(ctx.workspacePk, input, newDispatchId(), true))
    },
    messagesSend (ctx: RestContext, input: MessagesSendInput): { answer: SendAnswer, effects: SendEffects } {
      checkSendId(input.send_id)
      return transaction(() => runMessagesSend(ctx.workspacePk, input, newDispatchId(), true))
    },

  }
}
