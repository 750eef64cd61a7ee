/** Braze's campaign, Canvas and send endpoints, spelled as braze-docs spells them. Unknown top-level keys are ignored. */
import { z } from 'zod'
import { MESSAGING_MESSAGES as M, SEGMENT_MESSAGES } from '../../domain/shared/errors.js'
import { UserAliasSchema } from '../shared/common.js'
import { freeFormObject } from '../shared/free-form.js'

const props = freeFormObject()
const bool = z.boolean()

export const ListQuerySchema = z.object({
  page: z.coerce.number({ error: SEGMENT_MESSAGES.page }).int({ error: SEGMENT_MESSAGES.page }).min(0, { error: SEGMENT_MESSAGES.page }).default(0).meta({ description: 'Page, 0-based, 100 a page' }),
  include_archived: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  sort_direction: z.enum(['asc', 'desc'], { error: SEGMENT_MESSAGES.sortDirection }).default('asc'),
  'last_edit.time[gt]': z.string().optional().meta({ description: 'Only items edited after this time (yyyy-MM-DDTHH:mm:ss)' })
})
export const CampaignListResponseSchema = z.object({
  message: z.literal('success'),
  campaigns: z.array(z.object({ id: z.string(), last_edited: z.string(), name: z.string(), is_api_campaign: z.boolean(), tags: z.array(z.string()) }))
}).meta({ id: 'CampaignListResponse' })
export const CanvasListResponseSchema = z.object({
  canvases: z.array(z.object({ id: z.string(), last_edited: z.string(), name: z.string(), tags: z.array(z.string()) })),
  message: z.literal('success')
}).meta({ id: 'CanvasListResponse' })

export const CampaignIdQuerySchema = z.object({ campaign_id: z.string({ error: M.campaignIdRequired }).min(1, { error: M.campaignIdRequired }) })
export const CanvasIdQuerySchema = z.object({ canvas_id: z.string({ error: M.canvasIdRequired }).min(1, { error: M.canvasIdRequired }) })
export const CampaignDetailsResponseSchema = z.looseObject({
  message: z.literal('success'), name: z.string(), schedule_type: z.string(), channels: z.array(z.string()), messages: z.record(z.string(), z.unknown())
}).meta({ id: 'CampaignDetailsResponse' })
export const CanvasDetailsResponseSchema = z.looseObject({
  message: z.literal('success'), name: z.string(), steps: z.array(z.unknown()), variants: z.array(z.unknown())
}).meta({ id: 'CanvasDetailsResponse' })

export const CampaignDataSeriesQuerySchema = CampaignIdQuerySchema.extend({
  length: z.coerce.number({ error: M.length }).int({ error: M.length }).min(1, { error: M.length }).max(100, { error: M.length }),
  ending_at: z.string().optional()
})
export const CampaignDataSeriesResponseSchema = z.object({ message: z.literal('success'), data: z.array(z.record(z.string(), z.unknown())) }).meta({ id: 'CampaignDataSeriesResponse' })
export const CanvasDataSeriesQuerySchema = CanvasIdQuerySchema.extend({
  ending_at: z.string({ error: "'ending_at' is required" }),
  starting_at: z.string().optional().meta({ description: 'Instead of `length`: the first day of the series', examples: ['2026-11-24T00:00:00Z'] }),
  length: z.coerce.number({ error: M.canvasLength }).int({ error: M.canvasLength }).optional(),
  include_variant_breakdown: z.enum(['true', 'false']).optional().transform((v) => v === 'true').meta({ description: 'Add `variant_stats` per variant (default false)' }),
  include_step_breakdown: z.enum(['true', 'false']).optional().transform((v) => v === 'true').meta({ description: 'Add `step_stats` per step, with its name and per-channel messages (default false)' }),
  include_deleted_step_data: z.enum(['true', 'false']).optional().transform((v) => v === 'true').meta({ description: 'With the step breakdown: also steps no longer in the Canvas (default false)' })
})
export const CanvasDataSeriesResponseSchema = z.object({ data: z.object({ name: z.string(), stats: z.array(z.record(z.string(), z.unknown())) }), message: z.literal('success') }).meta({ id: 'CanvasDataSeriesResponse' })

export const SendIdCreateSchema = z.object({ campaign_id: z.string({ error: M.campaignIdRequired }).min(1, { error: M.campaignIdRequired }), send_id: z.string().optional() })
  .meta({ id: 'SendIdCreateRequest', examples: [{ campaign_id: 'winback', send_id: 'nightly-2026-11-28' }] })
export const SendIdResponseSchema = z.object({ message: z.literal('success'), send_id: z.string() })

const RecipientSchema = z.object({
  external_user_id: z.string().optional(),
  user_alias: UserAliasSchema.optional(),
  braze_id: z.string().optional(),
  email: z.string().optional(),
  prioritization: z.array(z.string()).optional(),
  trigger_properties: props.optional(),
  context: props.optional(),
  canvas_entry_properties: props.optional(),
  send_to_existing_only: bool.optional(),
  attributes: props.optional()
}).meta({ id: 'Recipient' })

const ScheduleSchema = z.object({ time: z.string({ error: M.scheduleRequired }), in_local_time: bool.optional(), at_optimal_time: bool.optional() }).meta({ id: 'Schedule' })

const recipients = z.array(RecipientSchema).optional()
export const TriggerCampaignSchema = z.object({
  campaign_id: z.string({ error: M.campaignIdRequired }).min(1, { error: M.campaignIdRequired }),
  send_id: z.string().optional(),
  trigger_properties: props.optional(),
  broadcast: bool.optional(),
  audience: freeFormObject().optional().meta({ description: 'Connected audience object' }),
  recipients,
  attachments: z.array(z.unknown()).optional(),
  override_frequency_capping: bool.optional().meta({ description: 'Ignore the workspace\'s frequency capping rules for this send' })
}).meta({
  id: 'TriggerCampaignRequest',
  examples: [{ campaign_id: 'winback', trigger_properties: { discount: '20%' }, recipients: [{ external_user_id: 'user-1', trigger_properties: { product: 'socks' } }] }]
})
export const TriggerCampaignScheduleSchema = TriggerCampaignSchema.extend({ schedule: ScheduleSchema.optional() })
  .meta({ id: 'TriggerCampaignScheduleRequest', examples: [{ campaign_id: 'winback', broadcast: true, schedule: { time: '2026-12-01T09:00:00Z' } }] })
export const TriggerCanvasSchema = z.object({
  canvas_id: z.string({ error: M.canvasIdRequired }).min(1, { error: M.canvasIdRequired }),
  context: props.optional(),
  canvas_entry_properties: props.optional(),
  broadcast: bool.optional(),
  audience: freeFormObject().optional(),
  recipients,
  override_frequency_capping: bool.optional().meta({ description: 'Ignore the workspace\'s frequency capping rules for this entry\'s messages' })
}).meta({ id: 'TriggerCanvasRequest', examples: [{ canvas_id: 'onboarding', context: { plan: 'gold' }, recipients: [{ external_user_id: 'user-1' }] }] })
export const TriggerCanvasScheduleSchema = TriggerCanvasSchema.extend({ schedule: ScheduleSchema.optional() }).meta({ id: 'TriggerCanvasScheduleRequest' })

const messageObject = freeFormObject()
export const MessagesSendSchema = z.object({
  broadcast: bool.optional(),
  external_user_ids: z.array(z.string()).optional(),
  user_aliases: z.array(UserAliasSchema).optional(),
  segment_id: z.string().optional(),
  audience: freeFormObject().optional(),
  campaign_id: z.string().optional(),
  send_id: z.string().optional(),
  override_frequency_capping: bool.optional(),
  override_messaging_limits: bool.optional(),
  recipient_subscription_state: z.enum(['opted_in', 'subscribed', 'all'], { error: "'recipient_subscription_state' must be opted_in, subscribed or all" }).optional(),
  messages: z.object({
    email: messageObject.optional(),
    sms: messageObject.optional(),
    webhook: messageObject.optional(),
    apple_push: messageObject.optional(),
    android_push: messageObject.optional(),
    web_push: messageObject.optional(),
    kindle_push: messageObject.optional(),
    content_card: messageObject.optional()
  }, { error: 'No message to send' })
}).meta({
  id: 'MessagesSendRequest',
  examples: [{ external_user_ids: ['user-1'], messages: { email: { app_id: 'app', from: 'Shop <shop@example.com>', subject: 'Hi {{${first_name} | default: "there"}}', body: '<p>Your order shipped</p>' } } }]
})
export const MessagesScheduleSchema = MessagesSendSchema.extend({ schedule: ScheduleSchema.optional() }).meta({ id: 'MessagesScheduleRequest' })

export const SendResponseSchema = z.object({
  dispatch_id: z.string(),
  send_id: z.string().optional(),
  notice: z.string().optional(),
  message: z.literal('success')
}).meta({ id: 'SendResponse' })
export const ScheduleResponseSchema = z.object({ dispatch_id: z.string(), schedule_id: z.string(), message: z.literal('success') }).meta({ id: 'ScheduleResponse' })

const scheduleId = z.string({ error: "'schedule_id' is required" }).min(1, { error: "'schedule_id' is required" })
export const CampaignScheduleUpdateSchema = z.object({ campaign_id: z.string({ error: M.campaignIdRequired }), schedule_id: scheduleId, schedule: ScheduleSchema.optional() })
export const CanvasScheduleUpdateSchema = z.object({ canvas_id: z.string({ error: M.canvasIdRequired }), schedule_id: scheduleId, schedule: ScheduleSchema.optional() })
export const MessagesScheduleUpdateSchema = z.object({ schedule_id: scheduleId, schedule: ScheduleSchema.optional(), messages: MessagesSendSchema.shape.messages.optional() })
export const CampaignScheduleDeleteSchema = z.object({ campaign_id: z.string({ error: M.campaignIdRequired }), schedule_id: scheduleId })
export const CanvasScheduleDeleteSchema = z.object({ canvas_id: z.string({ error: M.canvasIdRequired }), schedule_id: scheduleId })
export const MessagesScheduleDeleteSchema = z.object({ schedule_id: scheduleId })

export const ScheduledBroadcastsQuerySchema = z.object({ end_time: z.string({ error: M.endTime }) })
export const ScheduledBroadcastsResponseSchema = z.object({
  scheduled_broadcasts: z.array(z.object({ name: z.string(), id: z.string(), type: z.enum(['Campaign', 'Canvas']), tags: z.array(z.string()), next_send_time: z.string(), schedule_type: z.string() })),
  message: z.literal('success')
}).meta({ id: 'ScheduledBroadcastsResponse' })
