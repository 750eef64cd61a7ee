/**
 * What a send sends: a definition's variations picked for one send, and /messages/send message
 * objects (§2.15) turned into variations with Braze's fatal checks. Pure.
 */
import {
  AndroidPushLengthExceeded, ApplePushLengthExceeded, InvalidExtraPushPayload, InvalidMessageVariant, MESSAGING_MESSAGES as M,
  MessageVariantUnspecified, MessagingBadRequest, MismatchedMessageType, NoMessageToSend
} from '../shared/errors.js'
import type { CampaignDefinition, MessageVariation } from './definitions.js'
import type { MessagesSendInput } from './messaging-types.js'
import { hasSplit, makeSplit, type Split } from './variants.js'
import type { SendVariation } from './send-pipeline.js'
import type { MessageChannel } from '../subscriptions/reachability.js'
import type { MessagingDefinitionRow } from '../../db/schema/messaging.js'


/** One variation per channel and step: A/B variants of one channel are not split here [inferred: the first is sent]. */
export function pickVariations (vs: Array<MessageVariation & { stepId: string | null }>): SendVariation[] {
  const seen = new Set<string>()
  const out: SendVariation[] = []
  for (const v of vs) {
    const key = `${v.stepId ?? ''}\u0000${v.channel}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(sendVariation(v, v.stepId))
  }
  return out
}

function sendVariation (v: MessageVariation, stepId: string | null): SendVariation {
  const { id, channel, name, subject, body, subscription_group_id: group, percent: _p, ...rest } = v
  delete (rest as Record<string, unknown>).stepId
  return { stepId, variationId: id, channel, name, subject, body, payload: rest as Record<string, unknown>, ...(group !== undefined && { subscriptionGroupId: group }) }
}

/**
 * What a campaign or Canvas message step sends: without percentages, one variation per channel
 * (each user gets every channel's); with them, every variant, one per user by its bucket
 * (variants.ts), `key` naming the split.
 */
export function definitionVariations (messages: readonly MessageVariation[], controlPercent: number | null | undefined, key: string, stepId: string | null): { variations: SendVariation[], split?: Split<SendVariation> } {
  if (!hasSplit(messages.map((m) => m.percent), controlPercent)) return { variations: pickVariations(messages.map((m) => ({ ...m, stepId }))) }
  const variations = messages.map((m) => sendVariation(m, stepId))
  return { variations, split: makeSplit(key, variations.map((v, i) => ({ percent: messages[i]!.percent ?? 0, variant: v }))) }
}
/**
 * /messages/send message objects (§2.15) → variations, with Braze's fatal checks: each object's
 * required fields, push payload sizes, and the variation rules when campaign_id is given.
 */
export function messageObjects (messages: MessagesSendInput['messages'], campaign: MessagingDefinitionRow | undefined): SendVariation[] {
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

export function channelOfKey (key: string): MessageChannel | undefined {
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
