/**
 * Campaigns and Canvases as the dashboard defines them (braze-reference-messaging §2.1): the
 * control plane's input, normalised with generated ids, and the stored definition. Pure.
 */
import { newKey } from '../shared/ids.js'
import type { MessageChannel, SendTo } from '../subscriptions/reachability.js'

export const CHANNELS = ['email', 'push', 'sms', 'webhook', 'content_card'] as const satisfies readonly MessageChannel[]
export type CampaignKind = 'api' | 'api_triggered' | 'scheduled'
export type DefinitionStatus = 'active' | 'draft' | 'stopped'

/** One message variation: channel, name and the channel's fields (Liquid templates where text). */
export interface MessageVariation {
  id: string
  channel: MessageChannel
  name: string
  subject?: string | undefined
  body?: string | undefined
  from?: string | undefined
  reply_to?: string | undefined
  preheader?: string | undefined
  title?: string | undefined
  alert?: string | undefined
  url?: string | undefined
  request_method?: 'POST' | 'PUT' | 'DELETE' | 'GET' | undefined
  headers?: Record<string, string> | undefined
  subscription_group_id?: string | undefined
  extras?: Record<string, unknown> | undefined
  /** A/B split: this variant's share of users (the variants' percents plus control_percent make 100) */
  percent?: number | undefined
}
export type MessageVariationInput = Omit<MessageVariation, 'id' | 'name'> & { id?: string | undefined, name?: string | undefined }

export interface CommonInput {
  id?: string | undefined
  name: string
  description?: string | null | undefined
  status?: DefinitionStatus | undefined
  segment_id?: string | null | undefined
  send_to?: SendTo | undefined
  /** seconds after which a user may receive again; null / absent = never (re-eligibility off) */
  re_eligibility_s?: number | null | undefined
  tags?: string[] | undefined
  /** dashboard schedule of a `scheduled` campaign / Canvas: ISO time of the next send */
  send_at?: string | null | undefined
}
export interface CampaignInput extends CommonInput {
  kind: CampaignKind
  messages: MessageVariationInput[]
  /** the control group's share when the variants carry `percent` */
  control_percent?: number | null | undefined
  /** the campaign ignores the workspace's frequency capping rules (the dashboard's "ignore frequency capping") */
  ignore_frequency_capping?: boolean | undefined
  /** dashboard sends go out at most this many users a minute, spread over the fake's clock */
  rate_limit_per_minute?: number | null | undefined
}
export type CanvasStepType = 'message' | 'delay' | 'audience_paths' | 'experiment'
export interface CanvasPathInput { name: string, filter?: unknown, percent?: number | undefined, next?: string | null | undefined }
export interface CanvasStepInput {
  id?: string | undefined
  name: string
  /** default `message` (Canvases made before steps had types are lists of message steps) */
  type?: CanvasStepType | undefined
  /** the step users go to after this one; null = they leave the Canvas; absent = the following step */
  next?: string | null | undefined
  messages?: MessageVariationInput[] | undefined
  control_percent?: number | null | undefined
  delay_s?: number | undefined
  paths?: CanvasPathInput[] | undefined
}
export interface CanvasInput extends CommonInput {
  kind?: 'api_triggered' | 'scheduled' | undefined
  entry?: Record<string, unknown> | undefined
  exit_filter?: unknown
  steps: CanvasStepInput[]
}

export interface CommonDefinition {
  id: string
  name: string
  description: string | null
  kind: CampaignKind
  status: DefinitionStatus
  segment_id: string | null
  send_to: SendTo
  re_eligibility_s: number | null
  tags: string[]
  send_at: string | null
}
export interface CampaignDefinition extends CommonDefinition { messages: MessageVariation[], control_percent: number | null, ignore_frequency_capping: boolean, rate_limit_per_minute?: number | null }
export interface CanvasPath { name: string, filter?: unknown, percent?: number, next: string | null }
export interface CanvasStep {
  id: string
  name: string
  type: CanvasStepType
  next: string | null
  /** message steps' variations ([] for other types) */
  messages: MessageVariation[]
  control_percent?: number | null
  delay_s?: number
  paths?: CanvasPath[]
}
export interface CanvasDefinition extends CommonDefinition {
  entry: Record<string, unknown>
  /** users matching this filter (connected-audience JSON) leave the Canvas at their next step [exit criteria] */
  exit_filter: unknown
  steps: CanvasStep[]
}

function variation (m: MessageVariationInput, i: number): MessageVariation {
  const { id, name, ...fields } = m
  const out: MessageVariation = { id: id ?? newKey(), name: name ?? `Variant ${i + 1}`, ...fields }
  for (const k of Object.keys(out) as Array<keyof MessageVariation>) if (out[k] === undefined) delete out[k]
  return out
}

function common (input: CommonInput, kind: CampaignKind): CommonDefinition {
  return {
    id: input.id ?? newKey(),
    name: input.name,
    description: input.description ?? null,
    kind,
    status: input.status ?? 'active',
    segment_id: input.segment_id ?? null,
    // "subscribed or opted in" is the dashboard's default (UG-EM)
    send_to: input.send_to ?? 'subscribed_or_opted_in',
    // re-eligibility is off by default (REEL)
    re_eligibility_s: input.re_eligibility_s ?? null,
    tags: input.tags ?? [],
    send_at: input.send_at ?? null
  }
}

export function campaignDefinition (input: CampaignInput, keepId?: string): CampaignDefinition {
  return {
    ...common({ ...input, ...(keepId !== undefined && { id: keepId }) }, input.kind),
    messages: input.messages.map(variation),
    control_percent: input.control_percent ?? null,
    ignore_frequency_capping: input.ignore_frequency_capping ?? false,
    rate_limit_per_minute: input.rate_limit_per_minute ?? null
  }
}

export function canvasDefinition (input: CanvasInput, keepId?: string): CanvasDefinition {
  return {
    ...common({ ...input, ...(keepId !== undefined && { id: keepId }) }, input.kind ?? 'api_triggered'),
    entry: input.entry ?? {},
    exit_filter: input.exit_filter ?? null,
    steps: canvasSteps(input.steps)
  }
}

/**
 * Steps with their ids (generated when absent) and `next` resolved: absent = the following step
 * (null after the last), so a Canvas made as a list of messages runs them in order at entry.
 */
export function canvasSteps (input: readonly CanvasStepInput[]): CanvasStep[] {
  const ids = input.map((s) => s.id ?? newKey())
  return input.map((s, i) => {
    const following = ids[i + 1] ?? null
    const type = s.type ?? 'message'
    const step: CanvasStep = { id: ids[i]!, name: s.name, type, next: s.next === undefined ? following : s.next, messages: (s.messages ?? []).map(variation) }
    if (s.control_percent !== undefined && s.control_percent !== null) step.control_percent = s.control_percent
    if (s.delay_s !== undefined) step.delay_s = s.delay_s
    if (s.paths !== undefined) {
      step.paths = s.paths.map((p) => ({
        name: p.name, ...(p.filter !== undefined && p.filter !== null && { filter: p.filter }), ...(p.percent !== undefined && { percent: p.percent }),
        next: p.next === undefined ? following : p.next
      }))
    }
    return step
  })
}

/** Every variation id of a definition must be unique within it. */
export function duplicateVariationId (variations: readonly MessageVariation[]): string | undefined {
  const seen = new Set<string>()
  for (const v of variations) {
    if (seen.has(v.id)) return v.id
    seen.add(v.id)
  }
  return undefined
}

/** Braze's channel names in /campaigns/details (`ios_push` etc. are not modelled: push is one channel here) [inferred]. */
export function brazeChannelName (channel: MessageChannel): string {
  return channel === 'content_card' ? 'content_cards' : channel
}

/**
 * A stored Canvas's steps as the graph reads them. Canvases stored before steps had types hold
 * plain message lists: each is a message step leading to the following one (as they always ran).
 */
export function stepsOf (def: { steps: ReadonlyArray<Partial<CanvasStep> & { id: string, name: string }> }): CanvasStep[] {
  return def.steps.map((s, i) => ({
    ...s,
    type: s.type ?? 'message',
    next: s.next === undefined ? def.steps[i + 1]?.id ?? null : s.next,
    messages: s.messages ?? []
  }))
}
