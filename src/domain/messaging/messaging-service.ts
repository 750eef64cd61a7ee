/**
 * The messaging surface: campaigns and Canvases defined through the control plane, Braze's read
 * endpoints (/campaigns/*, /canvas/*), the send endpoints (trigger sends, /messages/send, their
 * schedules) and the outbox tests read. Every send runs the pipeline of send-pipeline.ts inside
 * the request's transaction and answers 201 with a dispatch_id whoever was eligible.
 */
import { randomBytes } from 'node:crypto'
import { toIso, type Clock } from '../shared/clock.js'
import {
  AndroidPushLengthExceeded, ApplePushLengthExceeded, BadScheduleTime, FakeBadRequest, FakeConflict, FakeNotFound, InvalidCampaignId, InvalidCanvasId,
  InvalidEndingAt, InvalidExtraPushPayload, InvalidMessageVariant, InvalidScheduleId, MESSAGING_MESSAGES as M, MessageVariantUnspecified,
  MessagingBadRequest, MismatchedMessageType, NoMessageToSend, NoRecipients, SendIdLimit, TooManyExternalIdsAndAliases
} from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { parseIso8601 } from '../shared/time.js'
import { parseEndingAt, seriesBuckets } from '../shared/series-window.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import type { TrackService } from '../users/track/track-service.js'
import { validateAudience } from './audience.js'
import { canvasDailyStats, canvasVariant } from './canvas-analytics.js'
import {
  brazeChannelName, campaignDefinition, canvasDefinition, duplicateVariationId,
  type CampaignDefinition, type CampaignInput, type CanvasDefinition, type CanvasInput, type MessageVariation
} from './definitions.js'
import { runSend, type Candidate, type ReachabilityLoader, type SendOutcome, type SendPlan, type SendVariation } from './send-pipeline.js'
import type { MessageChannel, SendTo } from '../subscriptions/reachability.js'
import type { MessagingRepository, OutboxRow } from '../../repositories/messaging/messaging-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { MessagingDefinitionRow } from '../../db/schema/messaging.js'

export type { CampaignInput, CanvasInput } from './definitions.js'

/** "Requests must specify … up to 50" recipients / external ids (M-TCAMP, RL). */
export const MAX_RECIPIENTS = 50
/** trigger_properties / context: ≤ 50 KB each (O-TP, O-CTX) */
export const MAX_PROPERTIES_BYTES = 50 * 1024
/** /campaigns/list and /canvas/list pages (X-CL) */
export const LIST_PAGE_SIZE = 100
/** /sends/id/create: 100 per day per workspace (RL) */
export const SEND_IDS_PER_DAY = 100
const DAY = 86_400_000

export interface UserAliasInput { alias_name: string, alias_label: string }
export interface RecipientInput {
  external_user_id?: string | undefined
  user_alias?: UserAliasInput | undefined
  braze_id?: string | undefined
  email?: string | undefined
  prioritization?: string[] | undefined
  trigger_properties?: Record<string, unknown> | undefined
  context?: Record<string, unknown> | undefined
  canvas_entry_properties?: Record<string, unknown> | undefined
  send_to_existing_only?: boolean | undefined
  attributes?: Record<string, unknown> | undefined
}
export interface ScheduleInput { time: string, in_local_time?: boolean | undefined, at_optimal_time?: boolean | undefined }
export interface TriggerCampaignInput {
  campaign_id: string
  send_id?: string | undefined
  trigger_properties?: Record<string, unknown> | undefined
  broadcast?: boolean | undefined
  audience?: unknown
  recipients?: RecipientInput[] | undefined
  attachments?: unknown[] | undefined
  schedule?: ScheduleInput | undefined
}
export interface TriggerCanvasInput {
  canvas_id: string
  context?: Record<string, unknown> | undefined
  canvas_entry_properties?: Record<string, unknown> | undefined
  broadcast?: boolean | undefined
  audience?: unknown
  recipients?: RecipientInput[] | undefined
  schedule?: ScheduleInput | undefined
}
export interface MessagesSendInput {
  broadcast?: boolean | undefined
  external_user_ids?: string[] | undefined
  user_aliases?: UserAliasInput[] | undefined
  segment_id?: string | undefined
  audience?: unknown
  campaign_id?: string | undefined
  send_id?: string | undefined
  override_frequency_capping?: boolean | undefined
  recipient_subscription_state?: 'opted_in' | 'subscribed' | 'all' | undefined
  messages: Record<string, Record<string, unknown> | undefined>
  schedule?: ScheduleInput | undefined
}
export interface SendAnswer { dispatch_id: string, send_id?: string, notice?: string, message: 'success' }
export interface SendEffects extends SendOutcome { dispatch_id: string, candidates: number }

export interface OutboxQuery {
  campaign_id?: string | undefined
  canvas_id?: string | undefined
  dispatch_id?: string | undefined
  external_id?: string | undefined
  channel?: string | undefined
  status?: string | undefined
  cursor?: string | undefined
  limit: number
}
export interface OutboxMessageView {
  id: string
  time: string
  dispatch_id: string
  send_id?: string
  campaign_id?: string
  canvas_id?: string
  step_id?: string
  variation_id?: string
  channel: string
  braze_id: string | null
  external_id?: string
  status: 'delivered' | 'skipped'
  reason?: string
  subject?: string
  body?: string
  payload?: unknown
}

export interface SegmentMembership {
  /** current members of a segment of the workspace, or undefined when it does not exist */
  memberPks: (workspacePk: number, segmentId: string) => number[] | undefined
}
export type Prioritize = (candidates: ReadonlyArray<{ pk: number, externalId: string | null, updatedAt: number }>, prioritization: readonly string[]) => { pk: number } | undefined

export type MessagingService = ReturnType<typeof createMessagingService>

export function createMessagingService (deps: {
  repo: MessagingRepository
  workspacePkOf: (workspaceId: string) => number | undefined
  segments: SegmentMembership
  track: TrackService
  loadReachability: ReachabilityLoader
  prioritize: Prioritize
  /** is a prioritization array valid? (the error text when not) */
  prioritizationError: (value: unknown) => string | undefined
  transaction: RunInTransaction
  clock: Clock
}) {
  const { repo, transaction, clock } = deps
  let nextDue: number | null | undefined // cached min(send_at) of pending schedules; undefined = unknown

  function wsPk (workspaceId: string): number {
    const pk = deps.workspacePkOf(workspaceId)
    if (pk === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return pk
  }
  function findControl (pk: number, type: 'campaign' | 'canvas', id: string): MessagingDefinitionRow {
    const row = repo.findDefinition(pk, type, id)
    if (row === undefined) throw new FakeNotFound(type === 'campaign' ? 'Campaign' : 'Canvas', id)
    return row
  }
  function view (row: MessagingDefinitionRow): Record<string, unknown> {
    return { ...row.definition, archived: row.archivedAt !== null, created_at: toIso(row.createdAt), updated_at: toIso(row.updatedAt) }
  }
  function variationsOf (row: MessagingDefinitionRow): Array<MessageVariation & { stepId: string | null }> {
    if (row.type === 'campaign') return (row.definition as unknown as CampaignDefinition).messages.map((m) => ({ ...m, stepId: null }))
    return (row.definition as unknown as CanvasDefinition).steps.flatMap((s) => s.messages.map((m) => ({ ...m, stepId: s.id })))
  }
  function checkDefinition (pk: number, def: CampaignDefinition | CanvasDefinition, variations: MessageVariation[]): void {
    const dup = duplicateVariationId(variations)
    if (dup !== undefined) throw new FakeBadRequest(`message variation id ${dup} is used twice`)
    if (def.segment_id !== null && deps.segments.memberPks(pk, def.segment_id) === undefined) throw new FakeBadRequest(`segment_id: no segment ${def.segment_id} in this workspace`)
    if (def.send_at !== null && parseIso8601(def.send_at) === undefined) throw new FakeBadRequest('send_at: expected an ISO-8601 date-time')
  }
  function save (workspaceId: string, type: 'campaign' | 'canvas', def: CampaignDefinition | CanvasDefinition, existing?: MessagingDefinitionRow): Record<string, unknown> {
    const pk = wsPk(workspaceId)
    const variations = type === 'campaign' ? (def as CampaignDefinition).messages : (def as CanvasDefinition).steps.flatMap((s) => s.messages)
    checkDefinition(pk, def, variations)
    const now = clock.now()
    const sendAt = def.send_at === null ? null : parseIso8601(def.send_at) ?? null
    const fields = { name: def.name, kind: def.kind, status: def.status, definition: def as unknown as Record<string, unknown>, sendAt, updatedAt: now }
    nextDue = undefined
    if (existing !== undefined) return view(repo.updateDefinition(existing.pk, fields))
    if (repo.idTaken(pk, def.id)) throw new FakeConflict(`${type === 'campaign' ? 'Campaign' : 'Canvas'} ${def.id} already exists`)
    return view(repo.insertDefinition({ id: def.id, workspacePk: pk, type, archivedAt: null, firedAt: null, createdAt: now, ...fields }))
  }

  // --- sends ------------------------------------------------------------------------------------
  function newDispatchId (): string {
    return randomBytes(16).toString('hex') // opaque, 32 hex chars [inferred: format undocumented]
  }
  function checkProperties (name: string, value: unknown): void {
    if (value !== undefined && Buffer.byteLength(JSON.stringify(value)) > MAX_PROPERTIES_BYTES) throw new MessagingBadRequest(M.propertiesTooLarge.replace('%s', name))
  }
  function checkSendId (sendId: string | undefined): void {
    // eslint-disable-next-line no-control-regex
    if (sendId !== undefined && (sendId.length > 64 || !/^[\x00-\x7F]*$/.test(sendId) || sendId === '')) throw new MessagingBadRequest(M.sendId)
  }
  function checkTargets (input: { broadcast?: boolean | undefined, recipients?: RecipientInput[] | undefined, audience?: unknown }): void {
    const recipients = input.recipients ?? []
    if (input.broadcast === true && recipients.length > 0) throw new MessagingBadRequest(M.broadcastWithRecipients)
    if (recipients.length > MAX_RECIPIENTS) throw new TooManyExternalIdsAndAliases()
    if (input.broadcast !== true && recipients.length === 0 && input.audience === undefined) throw new NoRecipients()
    if (input.audience !== undefined) validateAudience(input.audience)
    recipients.forEach((r, i) => {
      if (r.external_user_id === undefined && r.user_alias === undefined && r.braze_id === undefined && r.email === undefined) throw new MessagingBadRequest(M.recipientIdentifier)
      if (r.external_user_id === undefined && r.user_alias === undefined && r.braze_id === undefined && r.email !== undefined) {
        const err = deps.prioritizationError(r.prioritization)
        if (err !== undefined) throw new MessagingBadRequest(`${M.emailNeedsPrioritization} (recipients[${i}]: ${err})`)
      }
    })
  }

  /**
   * Recipients resolved in request order, by priority external_user_id > user_alias > braze_id >
   * email [inferred priority]. `attributes` are applied first through /users/track's rules, creating
   * the user when send_to_existing_only is false (never for aliases). Duplicates collapse to the
   * last occurrence's properties (O-RCPT).
   */
  function resolveRecipients (pk: number, recipients: readonly RecipientInput[], opts: { mayCreate: boolean, propsOf: (r: RecipientInput) => Record<string, unknown> | undefined, applyGroups: boolean }): Candidate[] {
    const byPk = new Map<number, Candidate>()
    const out: Candidate[] = []
    for (const r of recipients) {
      let userPk = find(pk, r)
      const attrs = r.attributes !== undefined && Object.keys(r.attributes).length > 0
        ? (opts.applyGroups ? r.attributes : Object.fromEntries(Object.entries(r.attributes).filter(([k]) => k !== 'subscription_groups')))
        : undefined
      if (attrs !== undefined && Object.keys(attrs).length > 0) {
        const ident = userPk !== undefined ? undefined : r.external_user_id
        const create = userPk === undefined && opts.mayCreate && r.send_to_existing_only === false && ident !== undefined
        if (userPk !== undefined || create) {
          const target = userPk !== undefined ? { braze_id: repo.identities([userPk])[0]!.brazeId } : { external_id: ident, _update_existing_only: false }
          try { deps.track.track(pk, { attributes: [{ ...attrs, ...target }] }) } catch { /* invalid attributes are not applied; the send goes on [inferred] */ }
          userPk ??= find(pk, r)
        }
      }
      if (userPk === undefined) {
        out.push({ pk: null, externalId: r.external_user_id ?? null, properties: opts.propsOf(r) })
        continue
      }
      const existing = byPk.get(userPk)
      if (existing !== undefined) { existing.properties = opts.propsOf(r); continue }
      const c: Candidate = { pk: userPk, externalId: r.external_user_id ?? null, properties: opts.propsOf(r) }
      byPk.set(userPk, c)
      out.push(c)
    }
    return out
  }
  function find (pk: number, r: RecipientInput): number | undefined {
    if (r.external_user_id !== undefined) return repo.pkByExternalId(pk, r.external_user_id)
    if (r.user_alias !== undefined) return repo.pkByAlias(pk, r.user_alias.alias_label, r.user_alias.alias_name)
    if (r.braze_id !== undefined) return repo.pkByBrazeId(pk, r.braze_id)
    if (r.email !== undefined) return deps.prioritize(repo.candidatesByEmail(pk, r.email.toLowerCase()), r.prioritization ?? [])?.pk
    return undefined
  }
  function segmentSet (pk: number, segmentId: string | null): Set<number> | null {
    if (segmentId === null) return null
    return new Set(deps.segments.memberPks(pk, segmentId) ?? [])
  }
  function registerSendId (pk: number, campaignId: string | null, sendId: string | undefined, broadcast: boolean): string | null {
    if (sendId !== undefined) {
      if (campaignId !== null) repo.insertSendId(pk, campaignId, sendId, clock.now()) // unknown custom ids are registered [inferred, lenient]
      return sendId
    }
    return broadcast && campaignId !== null ? newKey() : null
  }

  function campaignForTrigger (pk: number, campaignId: string): MessagingDefinitionRow {
    const row = repo.findDefinition(pk, 'campaign', campaignId)
    // Unknown, not API-triggered, draft, stopped or archived → "Invalid Campaign ID" [D text; I applicability]
    if (row === undefined || row.kind !== 'api_triggered' || row.status !== 'active' || row.archivedAt !== null) throw new InvalidCampaignId()
    return row
  }

  function triggerCampaign (pk: number, input: TriggerCampaignInput, dispatchId: string, fire: boolean): { answer: SendAnswer, effects: SendEffects } {
    const row = campaignForTrigger(pk, input.campaign_id)
    const def = row.definition as unknown as CampaignDefinition
    const broadcast = input.broadcast === true
    const sendId = registerSendId(pk, row.id, input.send_id, broadcast)
    const answer: SendAnswer = { dispatch_id: dispatchId, ...(broadcast && input.send_id === undefined && sendId !== null && { send_id: sendId }), message: 'success' }
    if (!fire) return { answer, effects: emptyEffects(dispatchId) }
    const now = clock.now()
    // attributes are applied (users created) before the target segment is evaluated (M-TCAMP)
    const recipients = broadcast || (input.recipients ?? []).length === 0
      ? undefined
      : resolveRecipients(pk, input.recipients ?? [], { mayCreate: true, applyGroups: true, propsOf: (r) => r.trigger_properties })
    const segment = segmentSet(pk, def.segment_id)
    const candidates = recipients ?? broadcastCandidates(pk, segment)
    const plan: SendPlan = {
      workspacePk: pk, now, dispatchId, sendId, source: { type: 'campaign', id: row.id, name: row.name },
      variations: pickVariations(def.messages.map((m) => ({ ...m, stepId: null }))), sendTo: def.send_to, segment, audience: input.audience,
      receivedSince: def.re_eligibility_s === null ? 0 : now - def.re_eligibility_s * 1000, countEntries: false,
      propertyKeys: ['api_trigger_properties'], properties: input.trigger_properties ?? {}, broadcast
    }
    return { answer, effects: { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) } }
  }

  function triggerCanvas (pk: number, input: TriggerCanvasInput, dispatchId: string, fire: boolean): { answer: SendAnswer, effects: SendEffects } {
    const row = repo.findDefinition(pk, 'canvas', input.canvas_id)
    if (row === undefined) throw new InvalidCanvasId()
    const answer: SendAnswer = { dispatch_id: dispatchId, message: 'success' }
    // [D M-TCANV] an archived or paused Canvas is not entered, but the call succeeds with a notice.
    if (row.archivedAt !== null) return { answer: { notice: 'The Canvas is archived. Unarchive the Canvas to ensure trigger requests will take effect.', ...answer }, effects: emptyEffects(dispatchId) }
    if (row.status !== 'active') return { answer: { notice: 'The Canvas is paused. Resume the Canvas to ensure trigger requests will take effect.', ...answer }, effects: emptyEffects(dispatchId) }
    if (!fire) return { answer, effects: emptyEffects(dispatchId) }
    const def = row.definition as unknown as CanvasDefinition
    const now = clock.now()
    const broadcast = input.broadcast === true
    const recipients = broadcast || (input.recipients ?? []).length === 0
      ? undefined
      // Canvas recipients' subscription_groups are not applied by default (M-TCANV)
      : resolveRecipients(pk, input.recipients ?? [], { mayCreate: true, applyGroups: false, propsOf: (r) => r.context ?? r.canvas_entry_properties })
    const segment = segmentSet(pk, def.segment_id)
    const candidates = recipients ?? broadcastCandidates(pk, segment)
    const plan: SendPlan = {
      workspacePk: pk, now, dispatchId, sendId: null, source: { type: 'canvas', id: row.id, name: row.name },
      variations: pickVariations(def.steps.flatMap((s) => s.messages.map((m) => ({ ...m, stepId: s.id })))), sendTo: def.send_to, segment, audience: input.audience,
      receivedSince: def.re_eligibility_s === null ? 0 : now - def.re_eligibility_s * 1000, countEntries: true,
      propertyKeys: ['context', 'canvas_entry_properties'], properties: input.context ?? input.canvas_entry_properties ?? {}, broadcast
    }
    return { answer, effects: { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) } }
  }

  function broadcastCandidates (pk: number, segment: Set<number> | null): Candidate[] {
    const pks = segment === null ? repo.allUserPks(pk) : [...segment].sort((a, b) => a - b)
    return pks.map((p) => ({ pk: p, externalId: null, properties: undefined }))
  }

  function messagesSend (pk: number, input: MessagesSendInput, dispatchId: string, fire: boolean): { answer: SendAnswer, effects: SendEffects } {
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
    const sendId = registerSendId(pk, campaign?.id ?? null, input.send_id, broadcast)
    const answer: SendAnswer = { dispatch_id: dispatchId, ...(broadcast && input.send_id === undefined && sendId !== null && { send_id: sendId }), message: 'success' }
    if (!fire) return { answer, effects: emptyEffects(dispatchId) }
    const segSet = segment === null || segment === undefined ? null : new Set(segment)
    const candidates = broadcast
      ? broadcastCandidates(pk, segSet)
      // /messages/send never creates users (Z:M-SEND)
      : resolveRecipients(pk, [...(input.external_user_ids ?? []).map((id) => ({ external_user_id: id })), ...(input.user_aliases ?? []).map((a) => ({ user_alias: a }))],
        { mayCreate: false, applyGroups: false, propsOf: () => undefined })
    const state = input.recipient_subscription_state ?? 'subscribed'
    const plan: SendPlan = {
      workspacePk: pk, now: clock.now(), dispatchId, sendId, source: { type: campaign === undefined ? 'api' : 'campaign', id: campaign?.id ?? null, name: campaign?.name ?? null },
      variations, sendTo: state === 'subscribed' ? 'subscribed_or_opted_in' : state, segment: segSet, audience: input.audience,
      receivedSince: null, countEntries: false, propertyKeys: [], properties: {}, broadcast
    }
    return { answer, effects: { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) } }
  }

  /** A dashboard send: the campaign to its target segment now, or every member entering the Canvas. */
  function dashboardSend (pk: number, row: MessagingDefinitionRow): SendEffects {
    const dispatchId = newDispatchId()
    if (row.type === 'canvas') return triggerCanvas(pk, { canvas_id: row.id, broadcast: true }, dispatchId, true).effects
    const def = row.definition as unknown as CampaignDefinition
    const now = clock.now()
    const segment = segmentSet(pk, def.segment_id)
    const candidates = broadcastCandidates(pk, segment)
    const plan: SendPlan = {
      workspacePk: pk, now, dispatchId, sendId: null, source: { type: 'campaign', id: row.id, name: row.name },
      variations: pickVariations(def.messages.map((m) => ({ ...m, stepId: null }))), sendTo: def.send_to, segment, audience: undefined,
      receivedSince: def.re_eligibility_s === null ? 0 : now - def.re_eligibility_s * 1000, countEntries: false, propertyKeys: [], properties: {}, broadcast: true
    }
    return { dispatch_id: dispatchId, candidates: candidates.length, ...runSend(plan, candidates, deps) }
  }

  // --- schedules --------------------------------------------------------------------------------
  function parseSchedule (s: ScheduleInput | undefined): number {
    if (s === undefined || typeof s.time !== 'string') throw new MessagingBadRequest(M.scheduleRequired)
    const local = s.in_local_time === true || s.at_optimal_time === true
    // Local / optimal times are sent without a zone: read as UTC here [inferred: one zone for every user].
    const t = parseIso8601(local && !/(Z|[+-]\d{2}:?\d{2})$/.test(s.time) ? `${s.time}Z` : s.time)
    if (t === undefined) throw new BadScheduleTime()
    // in_local_time with the time passed in every zone (UTC−12 is the last) → Bad Request (O-SCH)
    if (s.in_local_time === true && t + 14 * 3_600_000 < clock.now()) throw new BadScheduleTime()
    return t
  }

  function createSchedule (ctx: RestContext, endpoint: 'messages' | 'campaign' | 'canvas', request: Record<string, unknown>, schedule: ScheduleInput | undefined, validate: (dispatchId: string) => SendAnswer): { dispatch_id: string, schedule_id: string, message: 'success' } {
    return transaction(() => {
      const sendAt = parseSchedule(schedule)
      const dispatchId = newDispatchId()
      validate(dispatchId)
      const scheduleId = newKey()
      const sourceId = (endpoint === 'campaign' ? request.campaign_id : endpoint === 'canvas' ? request.canvas_id : request.campaign_id) as string | undefined
      repo.insertSchedule({
        scheduleId, workspacePk: ctx.workspacePk, dispatchId, endpoint, sourceId: sourceId ?? null, sendAt, schedule: schedule as unknown as Record<string, unknown>,
        request, status: 'pending', createdAt: clock.now()
      })
      nextDue = undefined
      return { dispatch_id: dispatchId, schedule_id: scheduleId, message: 'success' as const }
    })
  }

  function pendingSchedule (scheduleId: string, endpoint: 'messages' | 'campaign' | 'canvas', ctx: RestContext, sourceId?: string) {
    const row = repo.findSchedule(ctx.workspacePk, scheduleId)
    if (row === undefined || row.endpoint !== endpoint || row.status !== 'pending' || (sourceId !== undefined && row.sourceId !== sourceId)) throw new InvalidScheduleId()
    return row
  }

  function fire (row: { workspacePk: number, endpoint: 'messages' | 'campaign' | 'canvas', request: Record<string, unknown>, dispatchId: string }): SendEffects {
    try {
      if (row.endpoint === 'campaign') return triggerCampaign(row.workspacePk, row.request as unknown as TriggerCampaignInput, row.dispatchId, true).effects
      if (row.endpoint === 'canvas') return triggerCanvas(row.workspacePk, row.request as unknown as TriggerCanvasInput, row.dispatchId, true).effects
      return messagesSend(row.workspacePk, row.request as unknown as MessagesSendInput, row.dispatchId, true).effects
    } catch {
      // The campaign changed since the schedule was made (archived, deleted): nothing is sent [inferred].
      return emptyEffects(row.dispatchId)
    }
  }

  return {
    // --- control plane: campaigns and Canvases ----------------------------------------------------
    createCampaign: (workspaceId: string, input: CampaignInput) => transaction(() => save(workspaceId, 'campaign', campaignDefinition(input))),
    createCanvas: (workspaceId: string, input: CanvasInput) => transaction(() => save(workspaceId, 'canvas', canvasDefinition(input))),
    replaceCampaign: (workspaceId: string, id: string, input: CampaignInput) => transaction(() => {
      const row = findControl(wsPk(workspaceId), 'campaign', id)
      return save(workspaceId, 'campaign', campaignDefinition(input, row.id), row)
    }),
    replaceCanvas: (workspaceId: string, id: string, input: CanvasInput) => transaction(() => {
      const row = findControl(wsPk(workspaceId), 'canvas', id)
      return save(workspaceId, 'canvas', canvasDefinition(input, row.id), row)
    }),
    list: (workspaceId: string, type: 'campaign' | 'canvas') => repo.listDefinitions(wsPk(workspaceId), type, { includeArchived: true }).map(view),
    get: (workspaceId: string, type: 'campaign' | 'canvas', id: string) => view(findControl(wsPk(workspaceId), type, id)),
    /** DELETE archives (Braze never deletes a sent campaign); archived ones leave the lists. */
    archive: (workspaceId: string, type: 'campaign' | 'canvas', id: string) => transaction(() => {
      const row = findControl(wsPk(workspaceId), type, id)
      const now = clock.now()
      return view(repo.updateDefinition(row.pk, { archivedAt: row.archivedAt ?? now, updatedAt: now }))
    }),

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

    // --- Braze's read endpoints -----------------------------------------------------------------------
    campaignsList (ctx: RestContext, q: { page: number, include_archived: boolean, sort_direction: 'asc' | 'desc', last_edited_after?: number | undefined }) {
      return repo.listDefinitions(ctx.workspacePk, 'campaign', { includeArchived: q.include_archived, direction: q.sort_direction, offset: q.page * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, ...(q.last_edited_after !== undefined && { editedAfter: q.last_edited_after }) })
        .map((r) => ({ id: r.id, last_edited: toIso(r.updatedAt), name: r.name, is_api_campaign: r.kind === 'api', tags: (r.definition as unknown as CampaignDefinition).tags }))
    },
    canvasList (ctx: RestContext, q: { page: number, include_archived: boolean, sort_direction: 'asc' | 'desc', last_edited_after?: number | undefined }) {
      return repo.listDefinitions(ctx.workspacePk, 'canvas', { includeArchived: q.include_archived, direction: q.sort_direction, offset: q.page * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, ...(q.last_edited_after !== undefined && { editedAfter: q.last_edited_after }) })
        .map((r) => ({ id: r.id, last_edited: toIso(r.updatedAt), name: r.name, tags: (r.definition as unknown as CanvasDefinition).tags }))
    },
    campaignDetails (ctx: RestContext, campaignId: string) {
      const row = repo.findDefinition(ctx.workspacePk, 'campaign', campaignId)
      if (row === undefined) throw new InvalidCampaignId() // [I] unknown campaign_id
      const def = row.definition as unknown as CampaignDefinition
      const range = repo.sentRange(ctx.workspacePk, row.id)
      return {
        message: 'success' as const,
        created_at: toIso(row.createdAt),
        updated_at: toIso(row.updatedAt),
        archived: row.archivedAt !== null,
        draft: row.status === 'draft',
        enabled: row.status === 'active' && row.archivedAt === null,
        has_post_launch_draft: false,
        name: row.name,
        description: def.description ?? '',
        // [C SEG-TC] API-triggered campaigns answer "api_triggered"; other values [inferred]
        schedule_type: row.kind === 'api_triggered' ? 'api_triggered' : row.kind === 'api' ? 'api' : 'date',
        channels: [...new Set(def.messages.map((m) => brazeChannelName(m.channel)))],
        first_sent: range.first === null ? null : toIso(range.first),
        last_sent: range.last === null ? null : toIso(range.last),
        tags: def.tags,
        teams: [] as string[],
        messages: Object.fromEntries(def.messages.map((m) => [m.id, messageDetails(m)])),
        conversion_behaviors: [] as unknown[]
      }
    },
    canvasDetails (ctx: RestContext, canvasId: string) {
      const row = repo.findDefinition(ctx.workspacePk, 'canvas', canvasId)
      if (row === undefined) throw new InvalidCanvasId()
      const def = row.definition as unknown as CanvasDefinition
      const range = repo.sentRange(ctx.workspacePk, row.id)
      const steps = def.steps
      return {
        message: 'success' as const,
        created_at: toIso(row.createdAt),
        updated_at: toIso(row.updatedAt),
        name: row.name,
        description: def.description ?? '',
        archived: row.archivedAt !== null,
        draft: row.status === 'draft',
        enabled: row.status === 'active' && row.archivedAt === null,
        has_post_launch_draft: false,
        schedule_type: row.kind === 'api_triggered' ? 'api_triggered' : 'date',
        first_entry: range.first === null ? null : toIso(range.first),
        last_entry: range.last === null ? null : toIso(range.last),
        channels: [...new Set(steps.flatMap((s) => s.messages.map((m) => brazeChannelName(m.channel))))],
        // One variant whose steps run in order [inferred: variants and paths are not modelled].
        variants: [{ ...canvasVariant(row.id), first_step_ids: steps.slice(0, 1).map((s) => s.id), ...(steps[0] !== undefined && { first_step_id: steps[0].id }) }],
        tags: def.tags,
        teams: [] as string[],
        steps: steps.map((s, i) => {
          const next = steps[i + 1]
          return {
            name: s.name, type: 'message', id: s.id,
            next_step_ids: next === undefined ? [] : [next.id],
            next_paths: next === undefined ? [] : [{ name: next.name, next_step_id: next.id }],
            channels: [...new Set(s.messages.map((m) => brazeChannelName(m.channel)))],
            messages: Object.fromEntries(s.messages.map((m) => [m.id, messageDetails(m)]))
          }
        })
      }
    },
    /** Days before the campaign existed and after today are left out, as in every data_series (shared/series-window.ts). */
    campaignDataSeries (ctx: RestContext, q: { campaign_id: string, length: number, ending_at?: string | undefined }) {
      const row = repo.findDefinition(ctx.workspacePk, 'campaign', q.campaign_id)
      if (row === undefined) throw new InvalidCampaignId()
      const days = dayWindow(q.ending_at, q.length, row.createdAt, clock.now())
      const counts = days.length === 0 ? [] : repo.dailyCounts(ctx.workspacePk, row.id, days[0]!, days[days.length - 1]! + DAY)
      return days.map((start) => {
        const day = toIso(start).slice(0, 10)
        const today = counts.filter((c) => c.day === day)
        const messages: Record<string, Array<Record<string, unknown>>> = {}
        for (const c of today) (messages[brazeChannelName(c.channel as MessageChannel)] ??= []).push({ variation_api_id: c.variationId, sent: c.sent, ...engagementZeros(c.channel) })
        // unique_recipients counts users, not messages; engagement counters stay 0 (nothing is opened here) [inferred]
        return { time: day, unique_recipients: today.reduce((n, c) => Math.max(n, c.users), 0), conversions: 0, revenue: 0, messages }
      })
    },
    canvasDataSeries (ctx: RestContext, q: {
      canvas_id: string, ending_at: string, length?: number | undefined, starting_at?: string | undefined,
      include_step_breakdown?: boolean | undefined, include_variant_breakdown?: boolean | undefined, include_deleted_step_data?: boolean | undefined
    }) {
      const row = repo.findDefinition(ctx.workspacePk, 'canvas', q.canvas_id)
      if (row === undefined) throw new InvalidCanvasId()
      let length = q.length
      if (length === undefined && q.starting_at !== undefined) {
        const s = parseIso8601(q.starting_at)
        const e = parseIso8601(q.ending_at)
        if (s === undefined || e === undefined) throw new InvalidEndingAt()
        length = Math.max(1, Math.ceil((e - s) / DAY))
      }
      if (length === undefined || length < 1 || length > 14) throw new MessagingBadRequest(M.canvasLength)
      const days = dayWindow(q.ending_at, length, row.createdAt, clock.now())
      const counts = days.length === 0 ? [] : repo.dailyCounts(ctx.workspacePk, row.id, days[0]!, days[days.length - 1]! + DAY)
      const def = row.definition as unknown as CanvasDefinition
      return {
        name: row.name,
        stats: canvasDailyStats({ id: row.id, steps: def.steps }, days, counts, {
          variants: q.include_variant_breakdown === true, steps: q.include_step_breakdown === true, deletedSteps: q.include_deleted_step_data === true
        }, engagementZeros)
      }
    },
    /** POST /sends/id/create: 201 {send_id}; the same pair twice is one creation; 100 a day [D RL; I status]. */
    createSendId (ctx: RestContext, input: { campaign_id: string, send_id?: string | undefined }): { message: 'success', send_id: string } {
      return transaction(() => {
        checkSendId(input.send_id)
        const row = repo.findDefinition(ctx.workspacePk, 'campaign', input.campaign_id)
        if (row === undefined || row.archivedAt !== null) throw new InvalidCampaignId()
        const now = clock.now()
        const sendId = input.send_id ?? newKey()
        // The same pair twice is one creation [inferred]; the 101st creation of the UTC day is a 429 (rolled back).
        const created = repo.insertSendId(ctx.workspacePk, row.id, sendId, now)
        if (created && repo.sendIdsCreatedSince(ctx.workspacePk, Math.floor(now / DAY) * DAY) > SEND_IDS_PER_DAY) throw new SendIdLimit()
        return { message: 'success', send_id: sendId }
      })
    },

    // --- Braze's send endpoints ---------------------------------------------------------------------
    triggerCampaign (ctx: RestContext, input: TriggerCampaignInput): { answer: SendAnswer, effects: SendEffects } {
      checkTargets(input)
      if (input.broadcast === true && (input.attachments?.length ?? 0) > 0) throw new MessagingBadRequest(M.attachmentsWithBroadcast)
      checkProperties('trigger_properties', input.trigger_properties)
      input.recipients?.forEach((r) => checkProperties('trigger_properties', r.trigger_properties))
      checkSendId(input.send_id)
      return transaction(() => triggerCampaign(ctx.workspacePk, input, newDispatchId(), true))
    },
    triggerCanvas (ctx: RestContext, input: TriggerCanvasInput): { answer: SendAnswer, effects: SendEffects } {
      checkTargets(input)
      checkProperties('context', input.context ?? input.canvas_entry_properties)
      input.recipients?.forEach((r) => checkProperties('context', r.context ?? r.canvas_entry_properties))
      return transaction(() => triggerCanvas(ctx.workspacePk, input, newDispatchId(), true))
    },
    messagesSend (ctx: RestContext, input: MessagesSendInput): { answer: SendAnswer, effects: SendEffects } {
      checkSendId(input.send_id)
      return transaction(() => messagesSend(ctx.workspacePk, input, newDispatchId(), true))
    },

    // --- schedules ----------------------------------------------------------------------------------
    scheduleCampaign (ctx: RestContext, input: TriggerCampaignInput) {
      checkTargets(input)
      checkProperties('trigger_properties', input.trigger_properties)
      checkSendId(input.send_id)
      const { schedule, ...request } = input
      return createSchedule(ctx, 'campaign', request as Record<string, unknown>, schedule, (d) => triggerCampaign(ctx.workspacePk, input, d, false).answer)
    },
    scheduleCanvas (ctx: RestContext, input: TriggerCanvasInput) {
      checkTargets(input)
      checkProperties('context', input.context ?? input.canvas_entry_properties)
      const { schedule, ...request } = input
      return createSchedule(ctx, 'canvas', request as Record<string, unknown>, schedule, (d) => triggerCanvas(ctx.workspacePk, input, d, false).answer)
    },
    scheduleMessages (ctx: RestContext, input: MessagesSendInput) {
      checkSendId(input.send_id)
      const { schedule, ...request } = input
      return createSchedule(ctx, 'messages', request as Record<string, unknown>, schedule, (d) => messagesSend(ctx.workspacePk, input, d, false).answer)
    },
    /** An update replaces the whole schedule (M-UPD-C); messages/schedule/update may replace `messages` too. */
    updateSchedule (ctx: RestContext, endpoint: 'messages' | 'campaign' | 'canvas', input: { schedule_id: string, campaign_id?: string | undefined, canvas_id?: string | undefined, schedule?: ScheduleInput | undefined, messages?: MessagesSendInput['messages'] | undefined }) {
      return transaction(() => {
        if (endpoint === 'messages' && input.schedule === undefined && input.messages === undefined) throw new MessagingBadRequest(M.scheduleUpdateNothing)
        if (endpoint !== 'messages' && input.schedule === undefined) throw new MessagingBadRequest(M.scheduleRequired)
        const row = pendingSchedule(input.schedule_id, endpoint, ctx, endpoint === 'campaign' ? input.campaign_id : endpoint === 'canvas' ? input.canvas_id : undefined)
        const patch: { sendAt?: number, schedule?: Record<string, unknown>, request?: Record<string, unknown> } = {}
        if (input.schedule !== undefined) { patch.sendAt = parseSchedule(input.schedule); patch.schedule = input.schedule as unknown as Record<string, unknown> }
        if (input.messages !== undefined) {
          const request = { ...row.request, messages: input.messages }
          messagesSend(ctx.workspacePk, request as unknown as MessagesSendInput, row.dispatchId, false)
          patch.request = request
        }
        repo.updateSchedule(row.pk, patch)
        nextDue = undefined
        return { message: 'success' as const }
      })
    },
    deleteSchedule (ctx: RestContext, endpoint: 'messages' | 'campaign' | 'canvas', input: { schedule_id: string, campaign_id?: string | undefined, canvas_id?: string | undefined }) {
      return transaction(() => {
        const row = pendingSchedule(input.schedule_id, endpoint, ctx, endpoint === 'campaign' ? input.campaign_id : endpoint === 'canvas' ? input.canvas_id : undefined)
        repo.updateSchedule(row.pk, { status: 'deleted' })
        nextDue = undefined
        return { message: 'success' as const }
      })
    },
    /** GET /messages/scheduled_broadcasts: dashboard-scheduled campaigns and Canvases up to end_time (M-LIST). */
    scheduledBroadcasts (ctx: RestContext, endTime: string) {
      const end = parseIso8601(endTime)
      if (end === undefined) throw new MessagingBadRequest(M.endTime)
      const now = clock.now()
      const out: Array<{ name: string, id: string, type: 'Campaign' | 'Canvas', tags: string[], next_send_time: string, schedule_type: string }> = []
      for (const type of ['campaign', 'canvas'] as const) {
        for (const row of repo.listDefinitions(ctx.workspacePk, type)) {
          const def = row.definition as unknown as CampaignDefinition
          const at = def.send_at === null ? undefined : parseIso8601(def.send_at)
          if (row.kind !== 'scheduled' || row.status !== 'active' || at === undefined || at < now || at > end) continue
          out.push({ name: row.name, id: row.id, type: type === 'campaign' ? 'Campaign' : 'Canvas', tags: def.tags, next_send_time: toIso(at), schedule_type: 'UTC' })
        }
      }
      return { scheduled_broadcasts: out.sort((a, b) => a.next_send_time.localeCompare(b.next_send_time)), message: 'success' as const }
    },
    /** Fires every pending schedule whose time the fake's clock has passed, oldest first; cheap when none is due. */
    fireDue (): Array<{ schedule_id: string, effects: SendEffects }> {
      const now = clock.now()
      if (nextDue === undefined) {
        const a = repo.nextDue()
        const b = repo.nextDefinitionDue()
        nextDue = a === null ? b : b === null ? a : Math.min(a, b)
      }
      if (nextDue === null || nextDue > now) return []
      const fired = transaction(() => [
        ...repo.dueSchedules(now).map((row) => {
          repo.updateSchedule(row.pk, { status: 'sent' })
          return { schedule_id: row.scheduleId, effects: fire(row) }
        }),
        // Dashboard schedules (`scheduled` campaigns and Canvases with send_at) [inferred: one send at send_at, UTC]
        ...repo.dueDefinitions(now).map((row) => {
          repo.updateDefinition(row.pk, { firedAt: now })
          return { schedule_id: `${row.type}:${row.id}`, effects: dashboardSend(row.workspacePk, row) }
        })
      ])
      nextDue = undefined
      return fired
    },
    pendingSchedules: (workspaceId: string) => repo.pendingSchedules(wsPk(workspaceId)).map((r) => ({
      schedule_id: r.scheduleId, dispatch_id: r.dispatchId, endpoint: r.endpoint, campaign_id: r.endpoint === 'campaign' || r.endpoint === 'messages' ? r.sourceId : null,
      canvas_id: r.endpoint === 'canvas' ? r.sourceId : null, send_at: toIso(r.sendAt)
    })),

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

function emptyEffects (dispatchId: string): SendEffects {
  return { dispatch_id: dispatchId, candidates: 0, delivered: 0, skipped: 0, by_reason: {}, recipients: 0 }
}

/** One variation per channel and step: A/B variants of one channel are not split here [inferred: the first is sent]. */
function pickVariations (vs: Array<MessageVariation & { stepId: string | null }>): SendVariation[] {
  const seen = new Set<string>()
  const out: SendVariation[] = []
  for (const v of vs) {
    const key = `${v.stepId ?? ''}\u0000${v.channel}`
    if (seen.has(key)) continue
    seen.add(key)
    const { id, channel, name, subject, body, subscription_group_id: group, ...rest } = v
    delete (rest as Record<string, unknown>).stepId
    out.push({ stepId: v.stepId, variationId: id, channel, name, subject, body, payload: rest as Record<string, unknown>, ...(group !== undefined && { subscriptionGroupId: group }) })
  }
  return out
}

function messageDetails (m: MessageVariation): Record<string, unknown> {
  const { id: _id, channel, ...rest } = m
  return { channel: brazeChannelName(channel), ...rest }
}

function engagementZeros (channel: string): Record<string, number> {
  switch (channel) {
    case 'email': return { opens: 0, unique_opens: 0, clicks: 0, unique_clicks: 0, unsubscribes: 0, bounces: 0, delivered: 0, reported_spam: 0 }
    case 'push': return { direct_opens: 0, total_opens: 0, bounces: 0, body_clicks: 0 }
    case 'webhook': return { errors: 0 }
    case 'sms': return { sent_to_carrier: 0, delivered: 0, rejected: 0, delivery_failed: 0, clicks: 0, opt_out: 0, help: 0 }
    default: return { impressions: 0, unique_impressions: 0, clicks: 0, unique_clicks: 0, dismissals: 0 }
  }
}

function dayWindow (endingAt: string | undefined, length: number, since: number, now: number): number[] {
  return seriesBuckets({ endingAt: parseEndingAt(endingAt, now), length, since, now })
}

/**
 * /messages/send message objects (§2.15) → variations, with Braze's fatal checks: each object's
 * required fields, push payload sizes, and the variation rules when campaign_id is given.
 */
function messageObjects (messages: MessagesSendInput['messages'], campaign: MessagingDefinitionRow | undefined): SendVariation[] {
  const entries = Object.entries(messages).filter(([, v]) => v !== undefined) as Array<[string, Record<string, unknown>]>
  if (entries.length === 0) throw new NoMessageToSend()
  const known = campaign === undefined ? undefined : new Map((campaign.definition as unknown as CampaignDefinition).messages.map((m) => [m.id, m]))
  const out: SendVariation[] = []
  for (const [key, m] of entries) {
    const channel = channelOfKey(key)
    if (channel === undefined) continue
    validateMessageObject(key, m)
    const variationId = typeof m.message_variation_id === 'string' ? m.message_variation_id : null
    if (known !== undefined) {
      if (variationId === null) throw new MessageVariantUnspecified()
      const v = known.get(variationId)
      if (v === undefined) throw new InvalidMessageVariant()
      if (v.channel !== channel) throw new MismatchedMessageType()
    }
    const str = (k: string): string | undefined => (typeof m[k] === 'string' ? m[k] as string : undefined)
    const { body, message_variation_id: _mv, subscription_group_id: group, app_id: _app, ...payload } = m
    const alert = typeof m.alert === 'string' ? m.alert : (m.alert as { body?: string } | undefined)?.body
    out.push({
      stepId: null,
      variationId,
      channel,
      name: key,
      subject: channel === 'email' ? str('subject') : channel === 'push' ? str('title') : channel === 'content_card' ? str('title') : undefined,
      body: channel === 'push' ? alert : typeof body === 'string' ? body : channel === 'content_card' ? str('description') : undefined,
      payload: { ...(channel === 'push' && { type: key }), ...Object.fromEntries(Object.entries(payload).filter(([k]) => !['title', 'alert', 'description', 'subject'].includes(k) || channel === 'webhook')) },
      ...(typeof group === 'string' && { subscriptionGroupId: group })
    })
  }
  if (out.length === 0) throw new NoMessageToSend()
  return out
}

function channelOfKey (key: string): MessageChannel | undefined {
  switch (key) {
    case 'email': return 'email'
    case 'sms': return 'sms'
    case 'webhook': return 'webhook'
    case 'content_card': return 'content_card'
    case 'apple_push': case 'android_push': case 'web_push': case 'kindle_push': return 'push'
    default: return undefined
  }
}

function validateMessageObject (key: string, m: Record<string, unknown>): void {
  const has = (k: string): boolean => typeof m[k] === 'string' && m[k] !== ''
  if (m.extra !== undefined && (typeof m.extra !== 'object' || m.extra === null || Array.isArray(m.extra))) throw new InvalidExtraPushPayload()
  switch (key) {
    case 'email':
      if (!has('app_id') || !has('from') || (!has('body') && !has('email_template_id'))) throw new MessagingBadRequest(M.email)
      return
    case 'sms':
      if (!has('subscription_group_id') || !has('body') || !has('app_id')) throw new MessagingBadRequest(M.sms)
      return
    case 'webhook':
      if (!has('url') || !['POST', 'PUT', 'DELETE', 'GET'].includes(m.request_method as string)) throw new MessagingBadRequest(M.webhook)
      return
    case 'apple_push': {
      if (m.alert === undefined && m['content-available'] !== true) throw new MessagingBadRequest(M.applePush)
      const extra = m.extra as Record<string, unknown> | undefined
      if (extra !== undefined && ('aps' in extra || 'ab' in extra)) throw new MessagingBadRequest(M.appleReservedKeys)
      if (Buffer.byteLength(JSON.stringify({ alert: m.alert, extra: m.extra ?? {} })) > 1912) throw new ApplePushLengthExceeded()
      return
    }
    case 'android_push':
      if (!has('alert') || !has('title')) throw new MessagingBadRequest(M.androidPush)
      if (Buffer.byteLength(JSON.stringify({ alert: m.alert, extra: m.extra ?? {} })) > 4000) throw new AndroidPushLengthExceeded()
  }
}

function outboxView (r: OutboxRow): OutboxMessageView {
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

function encodeCursor (pk: number): string {
  return Buffer.from(`m:${pk}`).toString('base64url')
}
function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const m = /^m:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (m === null) throw new FakeBadRequest('cursor is not a next_cursor returned by this endpoint')
  return Number(m[1])
}
