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
export interface CampaignInput extends CommonInput { kind: CampaignKind, messages: MessageVariationInput[] }
export interface CanvasStepInput { id?: string | undefined, name: string, messages: MessageVariationInput[] }
export interface CanvasInput extends CommonInput {
  kind?: 'api_triggered' | 'scheduled' | undefined
  entry?: Record<string, unknown> | undefined
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
export interface CampaignDefinition extends CommonDefinition { messages: MessageVariation[] }
export interface CanvasStep { id: string, name: string, messages: MessageVariation[] }
export interface CanvasDefinition extends CommonDefinition { entry: Record<string, unknown>, steps: CanvasStep[] }

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
  return { ...common({ ...input, ...(keepId !== undefined && { id: keepId }) }, input.kind), messages: input.messages.map(variation) }
}

export function canvasDefinition (input: CanvasInput, keepId?: string): CanvasDefinition {
  return {
    ...common({ ...input, ...(keepId !== undefined && { id: keepId }) }, input.kind ?? 'api_triggered'),
    entry: input.entry ?? {},
    steps: input.steps.map((s) => ({ id: s.id ?? newKey(), name: s.name, messages: s.messages.map(variation) }))
  }
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
