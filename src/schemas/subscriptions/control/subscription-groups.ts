/** Control plane: subscription groups as the dashboard creates them, and deliverability events a provider reports. */
import { z } from 'zod'
import { GROUP_CHANNELS } from '../../../domain/subscriptions/subscription-service.js'

export const SubscriptionGroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(GROUP_CHANNELS),
  created_at: z.string(),
  archived_at: z.string().optional().meta({ description: 'Set once archived: states stay, changes are ignored' })
}).meta({ id: 'FakeSubscriptionGroup' })

export const CreateSubscriptionGroupSchema = z.object({
  id: z.string().optional().meta({ description: 'A UUID; generated when absent' }),
  name: z.string().min(1).max(255),
  channel: z.enum(GROUP_CHANNELS)
}).strict().meta({ id: 'FakeCreateSubscriptionGroup', examples: [{ id: '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11', name: 'Newsletter', channel: 'email' }] })

export const SubscriptionGroupListSchema = z.object({ subscription_groups: z.array(SubscriptionGroupSchema) })

export const SubscriptionGroupParamsSchema = z.object({ workspace_id: z.string(), group_id: z.string() })

export const DeliverabilityEventsSchema = z.object({
  hard_bounces: z.array(z.string()).optional().meta({ description: 'Addresses that hard-bounced (never mailed again; state unchanged)' }),
  spam_reports: z.array(z.string()).optional().meta({ description: 'Addresses that marked email as spam (only `all` sends reach them)' }),
  invalid_phone_numbers: z.array(z.object({ phone: z.string(), reason: z.enum(['provider_error', 'deactivated']).optional() }).strict()).optional()
}).strict().meta({ id: 'FakeDeliverabilityEvents', examples: [{ hard_bounces: ['gone@example.com'], invalid_phone_numbers: [{ phone: '+12223334444', reason: 'deactivated' }] }] })

export const DeliverabilityResultSchema = z.object({ hard_bounces: z.number().int(), spam_reports: z.number().int(), invalid_phone_numbers: z.number().int() })
