/**
 * The messaging surface's request and answer shapes, limits and the dependencies its services
 * share (braze-reference-messaging §2). Types and constants only.
 */
import { randomBytes } from 'node:crypto'
import type { Clock } from '../shared/clock.js'
import type { TrackService } from '../users/track/track-service.js'
import type { ReachabilityLoader, SendOutcome, WorkspaceCatalogLookup } from './send-pipeline.js'
import type { MessagingRepository } from '../../repositories/messaging/messaging-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'

/** "Requests must specify … up to 50" recipients / external ids (M-TCAMP, RL). */
export const MAX_RECIPIENTS = 50
/** trigger_properties / context: ≤ 50 KB each (O-TP, O-CTX) */
export const MAX_PROPERTIES_BYTES = 50 * 1024
/** /campaigns/list and /canvas/list pages (X-CL) */
export const LIST_PAGE_SIZE = 100
/** /sends/id/create: 100 per day per workspace (RL) */
export const SEND_IDS_PER_DAY = 100

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
  override_frequency_capping?: boolean | undefined
}
export interface TriggerCanvasInput {
  canvas_id: string
  context?: Record<string, unknown> | undefined
  canvas_entry_properties?: Record<string, unknown> | undefined
  broadcast?: boolean | undefined
  audience?: unknown
  recipients?: RecipientInput[] | undefined
  schedule?: ScheduleInput | undefined
  override_frequency_capping?: boolean | undefined
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
  override_messaging_limits?: boolean | undefined
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
  /** users a segment filter tree holds now (Canvas audience paths) */
  filterPks: (workspacePk: number, filter: unknown) => number[]
  /** why a segment filter tree does not parse, or undefined */
  filterError: (workspacePk: number, filter: unknown) => string | undefined
}
export type Prioritize = (candidates: ReadonlyArray<{ pk: number, externalId: string | null, updatedAt: number }>, prioritization: readonly string[]) => { pk: number } | undefined


export interface MessagingDeps {
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
  /** `{% catalog_items %}`: the catalog service's lookup (messaging reaches catalogs only through it) */
  catalogLookup?: WorkspaceCatalogLookup | undefined
}

export function emptyEffects (dispatchId: string): SendEffects {
  return { dispatch_id: dispatchId, candidates: 0, delivered: 0, skipped: 0, by_reason: {}, recipients: 0 }
}

/**
 * Opaque, 32 hex chars [inferred: format undocumented]: the time in milliseconds (12) then 80
 * random bits (20). Time first so a send's outbox rows go to the end of the dispatch index: a
 * random id landed among earlier sends' rows and cost a 300,000-record broadcast into a populated
 * outbox up to 14 % more insert CPU (BENCHMARKS.md, Issue 19, fourth pass).
 */
export function newDispatchId (): string {
  return Date.now().toString(16).padStart(12, '0') + randomBytes(10).toString('hex')
}
