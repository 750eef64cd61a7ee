/**
 * Braze's subscription-group, email-list and SMS endpoints, spelled as braze-docs spells them
 * (braze-reference-messaging §3.2–3.8). Identifier lists take a string or an array; GET queries
 * take repeated keys in both spellings (`external_id=1&external_id=2`, `external_id[]=1`).
 */
import { z } from 'zod'
import { SUBSCRIPTION_MESSAGES as M } from '../../domain/shared/errors.js'

const oneOrMany = (message: string, description: string, example?: string) =>
  z.union([z.string({ error: message }), z.array(z.string({ error: message }), { error: message })], { error: message }).optional()
    .meta({ description, ...(example !== undefined && { examples: [example] }) })

const groupId = z.string({ error: M.groupId }).min(1, { error: M.groupId }).meta({ description: 'Subscription group id (UUID)' })
const groupState = z.enum(['subscribed', 'unsubscribed'], { error: M.subscriptionState })
const doubleOptIn = z.boolean().optional().meta({ description: 'SMS double opt-in; accepted and ignored by the fake' })

export const SubscriptionStatusSetSchema = z.object({
  subscription_group_id: groupId,
  subscription_state: groupState,
  external_id: oneOrMany(M.externalId, 'external_id or up to 50 of them'),
  email: oneOrMany(M.email, 'Email groups only: up to 50 addresses; an address on no profile gets an email-only profile'),
  phone: oneOrMany(M.phone, 'SMS/WhatsApp groups only: up to 50 E.164 numbers'),
  use_double_opt_in_logic: doubleOptIn
}).meta({
  id: 'SubscriptionStatusSetRequest',
  examples: [{ subscription_group_id: '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11', subscription_state: 'unsubscribed', external_id: ['user-1'] }]
})

export const SubscriptionStatusSetV2Schema = z.object({
  subscription_groups: z.array(z.object({
    subscription_group_id: groupId,
    subscription_state: groupState,
    external_ids: z.array(z.string({ error: M.externalId }), { error: M.externalId }).optional(),
    emails: z.array(z.string({ error: M.email }), { error: M.email }).optional(),
    phones: z.array(z.string({ error: M.phone }), { error: M.phone }).optional(),
    use_double_opt_in_logic: doubleOptIn
  }, { error: M.groups }), { error: M.groups }).min(1, { error: M.groups })
}).meta({
  id: 'SubscriptionStatusSetV2Request',
  examples: [{ subscription_groups: [{ subscription_group_id: '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11', subscription_state: 'subscribed', external_ids: ['user-1', 'user-2'] }] }]
})

const ids = {
  external_id: oneOrMany(M.externalId, 'Up to 50; repeat the key or use external_id[]', 'user-1'),
  'external_id[]': oneOrMany(M.externalId, 'Same as external_id', 'user-1'),
  email: oneOrMany(M.email, 'Up to 50 addresses', 'user-1@example.com'),
  'email[]': oneOrMany(M.email, 'Same as email', 'user-1@example.com'),
  phone: oneOrMany(M.phone, 'Up to 50 E.164 numbers', '+14155550101'),
  'phone[]': oneOrMany(M.phone, 'Same as phone', '+14155550101')
}

export const SubscriptionStatusGetQuerySchema = z.object({ subscription_group_id: groupId, ...ids })

export const SubscriptionStatusGetResponseSchema = z.object({
  status: z.record(z.string(), z.enum(['Subscribed', 'Unsubscribed', 'Unknown'])).meta({ description: 'Identifier queried → its state in the group (Unknown = no history)' }),
  message: z.literal('success')
}).meta({ id: 'SubscriptionStatusGetResponse' })

const limit = (max: number) => z.coerce.number({ error: M.limit.replace('%s', String(max)) }).int({ error: M.limit.replace('%s', String(max)) })
  .min(1, { error: M.limit.replace('%s', String(max)) }).transform((n) => Math.min(n, max)).default(100)
const offset = z.coerce.number({ error: M.offset }).int({ error: M.offset }).min(0, { error: M.offset }).default(0)

export const SubscriptionUserStatusQuerySchema = z.object({ ...ids, limit: limit(100), offset })

export const SubscriptionUserStatusResponseSchema = z.object({
  users: z.array(z.object({
    email: z.string().optional(),
    phone: z.string().optional(),
    external_id: z.string().optional(),
    subscription_groups: z.array(z.object({ id: z.string(), name: z.string(), channel: z.string(), status: z.enum(['Subscribed', 'Unsubscribed']) }))
  })),
  total_count: z.number().int(),
  message: z.literal('success')
}).meta({ id: 'SubscriptionUserStatusResponse' })

const emailOrList = z.union([z.string({ error: M.emails }), z.array(z.string({ error: M.emails }), { error: M.emails })], { error: M.emails })

export const EmailStatusSchema = z.object({
  email: emailOrList.meta({ description: 'An address or up to 50' }),
  subscription_state: z.enum(['subscribed', 'unsubscribed', 'opted_in'], { error: M.emailState })
}).meta({ id: 'EmailStatusRequest', examples: [{ email: 'jon@example.com', subscription_state: 'unsubscribed' }] })

export const EmailListSchema = z.object({ email: emailOrList.meta({ description: 'An address or up to 50' }) })
  .meta({ id: 'EmailListRequest', examples: [{ email: ['jon@example.com'] }] })

const day = z.string({ error: M.date }).optional().meta({ description: 'YYYY-MM-DD (midnight UTC)' })
const dates = { start_date: day, end_date: day, limit: limit(500), offset }

export const EmailUnsubscribesQuerySchema = z.object({
  ...dates,
  sort_direction: z.enum(['asc', 'desc'], { error: M.sortDirection }).optional().meta({ description: 'desc (default) newest first' }),
  email: z.string({ error: M.email }).optional()
})

export const EmailHardBouncesQuerySchema = z.object({ ...dates, email: z.string({ error: M.email }).optional().meta({ description: 'Wins over the dates' }) })

export const EmailUnsubscribesResponseSchema = z.object({
  emails: z.array(z.object({ email: z.string(), unsubscribed_at: z.string() })),
  message: z.literal('success')
}).meta({ id: 'EmailUnsubscribesResponse' })

export const EmailHardBouncesResponseSchema = z.object({
  emails: z.array(z.object({ email: z.string(), hard_bounced_at: z.string() })),
  message: z.literal('success')
}).meta({ id: 'EmailHardBouncesResponse' })

export const SmsInvalidQuerySchema = z.object({
  ...dates,
  phone_numbers: oneOrMany(M.phoneNumbers, 'E.164 numbers; win over the dates', '+14155550199'),
  'phone_numbers[]': oneOrMany(M.phoneNumbers, 'Same as phone_numbers', '+14155550199'),
  reason: z.enum(['provider_error', 'deactivated'], { error: M.reason }).optional()
})

export const SmsInvalidResponseSchema = z.object({
  sms: z.array(z.object({ phone: z.string(), invalid_detected_at: z.string(), reason: z.string() })),
  message: z.literal('success')
}).meta({ id: 'SmsInvalidPhoneNumbersResponse' })

export const SmsInvalidRemoveSchema = z.object({
  phone_numbers: z.array(z.string({ error: M.phoneNumbers }), { error: M.phoneNumbers })
}).meta({ id: 'SmsInvalidPhoneNumbersRemoveRequest', examples: [{ phone_numbers: ['+12223334444'] }] })

/** Both spellings of a repeated query key as one list. */
export function queryList (q: Record<string, unknown>, key: string): string[] | undefined {
  const a = q[key]
  const b = q[`${key}[]`]
  if (a === undefined && b === undefined) return undefined
  const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v as string[] : [v as string])
  return [...list(a), ...list(b)]
}
