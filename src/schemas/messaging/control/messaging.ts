/** Control plane of the messaging surface: campaigns and Canvases as the dashboard defines them, and the outbox. */
import { z } from 'zod'
import { WorkspaceParamsSchema } from '../../shared/common.js'

const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, ".", "_" and "-" only')
const channel = z.enum(['email', 'push', 'sms', 'webhook', 'content_card'])
const sendTo = z.enum(['subscribed_or_opted_in', 'opted_in', 'all']).meta({ description: 'Who may receive: "subscribed or opted in" (default), "opted in" only, or everyone incl. unsubscribed (transactional)' })

export const MessageVariationInputSchema = z.object({
  id: id.optional().meta({ description: 'message variation id; generated when absent' }),
  channel,
  name: z.string().optional(),
  subject: z.string().optional().meta({ description: 'email subject (Liquid)' }),
  body: z.string().optional().meta({ description: 'email / SMS / webhook / push body (Liquid)' }),
  from: z.string().optional(),
  reply_to: z.string().optional(),
  preheader: z.string().optional(),
  title: z.string().optional(),
  alert: z.string().optional(),
  url: z.string().optional().meta({ description: 'webhook URL (Liquid)' }),
  request_method: z.enum(['POST', 'PUT', 'DELETE', 'GET']).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  subscription_group_id: z.string().optional().meta({ description: 'SMS: the group users must be subscribed to; email: an extra group filter' }),
  extras: z.record(z.string(), z.unknown()).optional(),
  percent: z.number().min(0).max(100).optional().meta({ description: 'A/B split: this variant\'s share of users, 0-100; the variants\' percents plus control_percent make 100. A user\'s bucket is the first 4 bytes of sha256("<campaign_id>:<external_id or braze_id>") mod 100 (Canvas steps: "<canvas_id>:<step_id>:…"); variants take consecutive ranges from 0 in listed order, control the last range.' })
})

const common = {
  id: id.optional().meta({ description: 'Fixed id (campaign_id / canvas_id); a UUID is generated when absent' }),
  name: z.string().min(1).max(255),
  description: z.string().max(10_000).nullable().optional(),
  status: z.enum(['active', 'draft', 'stopped']).optional().meta({ description: 'default active' }),
  segment_id: z.string().nullable().optional().meta({ description: 'Target segment (e.g. one with the "Hightouch Cohorts" filter); none = every user' }),
  send_to: sendTo.optional(),
  re_eligibility_s: z.number().int().min(0).nullable().optional().meta({ description: 'Seconds before a user may receive again; null / absent = never (Braze\'s default)' }),
  tags: z.array(z.string().min(1)).max(100).optional(),
  send_at: z.string().nullable().optional().meta({ description: 'scheduled kind: when the dashboard schedule sends (listed by /messages/scheduled_broadcasts)' })
}

export const CampaignInputSchema = z.object({
  ...common,
  kind: z.enum(['api', 'api_triggered', 'scheduled']).meta({ description: 'API campaign (/messages/send), API-triggered (/campaigns/trigger/send), or scheduled / dashboard-sent' }),
  messages: z.array(MessageVariationInputSchema).max(50),
  control_percent: z.number().min(0).max(100).nullable().optional().meta({ description: 'The control group\'s share (recorded in the outbox as skipped, reason control_group) when the variants carry percent' }),
  ignore_frequency_capping: z.boolean().optional().meta({ description: 'The campaign ignores the workspace\'s frequency capping rules' }),
  rate_limit_per_minute: z.number().int().min(1).nullable().optional().meta({ description: 'Dashboard sends ("Send", a scheduled send) reach at most this many users a minute; the rest follow minute by minute on the fake\'s clock' })
}).meta({

  examples: [{
    id: 'winback', name: 'Win-back', kind: 'api_triggered', segment_id: 'vip', tags: ['hightouch'],
    messages: [{ id: 'winback-email', channel: 'email', from: 'Shop <shop@example.com>', subject: 'We miss you, {{${first_name} | default: "friend"}}', body: '<p>{{api_trigger_properties.${discount}}} off, just for you.</p>' }]
  }]
})

const stepId = z.string().min(1).max(128)
const next = stepId.nullable().optional().meta({ description: 'The step users go to next; null = they leave the Canvas; absent = the following step' })
export const CanvasStepInputSchema = z.object({
  id: id.optional().meta({ description: 'step id; generated when absent (give ids to steps that `next` names)' }),
  name: z.string().min(1),
  type: z.enum(['message', 'delay', 'audience_paths', 'experiment']).optional().meta({ description: 'default message' }),
  next,
  messages: z.array(MessageVariationInputSchema).max(50).optional().meta({ description: 'message steps: one variation per channel, or variants with percent' }),
  control_percent: z.number().nullable().optional().meta({ description: 'message steps: the control group\'s share' }),
  delay_s: z.number().optional().meta({ description: 'delay steps: seconds users wait, on the fake\'s clock (not negative)' }),
  paths: z.array(z.object({
    name: z.string().min(1),
    filter: z.unknown().optional().meta({ description: 'audience_paths: a segment filter tree (as POST /_fake/workspaces/{id}/segments `filter`); a path without one takes everyone else' }),
    percent: z.number().optional().meta({ description: 'experiment paths: share of users; the paths make 100' }),
    next
  })).max(20).optional()
}).meta({ id: 'CanvasStepInput' })

export const CanvasInputSchema = z.object({
  ...common,
  kind: z.enum(['api_triggered', 'scheduled']).optional(),
  entry: z.record(z.string(), z.unknown()).optional().meta({ description: 'Entry settings, kept as given' }),
  exit_filter: z.unknown().optional().meta({ description: 'Exit criteria: a connected-audience filter; users matching it leave the Canvas at their next step' }),
  steps: z.array(CanvasStepInputSchema).max(100)
}).meta({

  examples: [{ id: 'onboarding', name: 'Onboarding', segment_id: 'vip', steps: [{ id: 'welcome', name: 'Welcome', messages: [{ channel: 'email', subject: 'Welcome {{${first_name}}}', body: 'Plan: {{context.${plan}}}' }] }] }]
})

const variation = MessageVariationInputSchema.extend({ id: z.string(), name: z.string() })
const definitionOut = {
  id: z.string(), name: z.string(), description: z.string().nullable(), kind: z.string(), status: z.string(), segment_id: z.string().nullable(),
  send_to: z.string(), re_eligibility_s: z.number().nullable(), tags: z.array(z.string()), send_at: z.string().nullable(),
  archived: z.boolean(), created_at: z.string(), updated_at: z.string()
}
export const CampaignSchema = z.object({ ...definitionOut, messages: z.array(variation), control_percent: z.number().nullable().optional(), ignore_frequency_capping: z.boolean().optional(), rate_limit_per_minute: z.number().nullable().optional() }).meta({ id: 'Campaign' })
export const CanvasSchema = z.object({
  ...definitionOut,
  entry: z.record(z.string(), z.unknown()),
  exit_filter: z.unknown().optional(),
  steps: z.array(z.object({
    id: z.string(), name: z.string(), type: z.string().optional(), next: z.string().nullable().optional(), messages: z.array(variation),
    control_percent: z.number().nullable().optional(), delay_s: z.number().optional(),
    paths: z.array(z.object({ name: z.string(), filter: z.unknown().optional(), percent: z.number().optional(), next: z.string().nullable() })).optional()
  }))
}).meta({ id: 'Canvas' })
export const CampaignListSchema = z.object({ campaigns: z.array(CampaignSchema) })
export const CanvasListSchema = z.object({ canvases: z.array(CanvasSchema) })
export const CampaignParamsSchema = WorkspaceParamsSchema.extend({ campaign_id: z.string() })
export const CanvasParamsSchema = WorkspaceParamsSchema.extend({ canvas_id: z.string() })

export const SendNowResponseSchema = z.object({
  dispatch_id: z.string(), delivered: z.number().int().meta({ description: 'messages delivered' }), skipped: z.number().int().meta({ description: 'non-deliveries recorded' })
}).meta({ id: 'SendNowResponse' })

export const OutboxQuerySchema = z.object({
  campaign_id: z.string().optional().meta({ examples: ['winback'] }),
  canvas_id: z.string().optional(),
  dispatch_id: z.string().optional(),
  external_id: z.string().optional(),
  channel: channel.optional(),
  status: z.enum(['delivered', 'skipped']).optional(),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100)
})
export const OutboxSchema = z.object({
  messages: z.array(z.object({
    id: z.string(),
    time: z.string(),
    dispatch_id: z.string(),
    send_id: z.string().optional(),
    campaign_id: z.string().optional(),
    canvas_id: z.string().optional(),
    step_id: z.string().optional(),
    variation_id: z.string().optional(),
    channel: z.string(),
    braze_id: z.string().nullable().meta({ description: 'null for a recipient that named no user' }),
    external_id: z.string().optional(),
    status: z.enum(['delivered', 'skipped']),
    reason: z.string().optional().meta({ description: 'why skipped: not_in_segment, not_in_audience, unknown_user, already_received, aborted, render_error, or the reachability reason (unsubscribed, not_opted_in, no_address, hard_bounced, spam, blocklisted, invalid_phone, not_in_group, no_push_token)' }),
    subject: z.string().optional(),
    body: z.string().optional(),
    payload: z.unknown().optional()
  }).meta({ id: 'OutboxMessage' })),
  next_cursor: z.string().optional()
}).meta({ id: 'Outbox' })
export const OutboxClearedSchema = z.object({ deleted: z.number().int() })
export const SchedulesSchema = z.object({
  schedules: z.array(z.object({ schedule_id: z.string(), dispatch_id: z.string(), endpoint: z.string(), campaign_id: z.string().nullable(), canvas_id: z.string().nullable(), send_at: z.string() }))
})

export const FrequencyCappingSchema = z.object({
  rules: z.array(z.object({
    channel: z.enum(['email', 'push', 'sms', 'webhook', 'content_card', 'all']).meta({ description: '`all` counts messages on every channel' }),
    max: z.number().int().min(0).meta({ description: 'at most this many deliveries…' }),
    period_s: z.number().int().min(1).meta({ description: '…per this many seconds (on the fake\'s clock)' })
  })).max(50)
}).meta({
  id: 'FrequencyCapping',
  description: 'The workspace\'s frequency capping rules: a delivery that would go over any is skipped with reason frequency_capped',
  examples: [{ rules: [{ channel: 'email', max: 1, period_s: 86400 }] }]
})
export const CanvasProgressSchema = z.object({
  canvas_id: z.string(),
  steps: z.array(z.object({
    id: z.string(), name: z.string(), type: z.string(), next: z.array(z.object({ name: z.string(), next: z.string().nullable() })),
    waiting: z.number().int().meta({ description: 'users waiting at this step now (delay steps)' }),
    next_due_at: z.string().nullable().meta({ description: 'when the first of them moves on' }),
    delivered: z.number().int().meta({ description: 'messages this step delivered' }),
    users: z.number().int().meta({ description: 'distinct users this step delivered to' })
  }))
}).meta({ id: 'CanvasProgress' })
