/**
 * Braze's send endpoints (braze-reference-messaging §2.8–2.10, §2.18): trigger sends, /messages/send
 * and their schedules. Each answers 201 with a dispatch_id whoever was eligible; what happened to
 * each user is in the outbox (GET /_fake/workspaces/{id}/messages) and, counted, in the journal.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses, BrazeSuccessSchema } from '../../schemas/shared/common.js'
import {
  CampaignScheduleDeleteSchema, CampaignScheduleUpdateSchema, CanvasScheduleDeleteSchema, CanvasScheduleUpdateSchema, MessagesScheduleDeleteSchema,
  MessagesScheduleSchema, MessagesScheduleUpdateSchema, MessagesSendSchema, ScheduledBroadcastsQuerySchema, ScheduledBroadcastsResponseSchema,
  ScheduleResponseSchema, SendResponseSchema, TriggerCampaignSchema, TriggerCampaignScheduleSchema, TriggerCanvasSchema, TriggerCanvasScheduleSchema
} from '../../schemas/messaging/messaging.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const ERRORS = brazeErrorResponses(400, 401, 403, 415)

const routes: FastifyPluginAsyncZod = async (app) => {
  const m = app.services.messaging

  app.post('/campaigns/trigger/send', {
    schema: {
      tags: ['messaging'], summary: 'Send campaign messages via API-triggered delivery',
      description: 'Up to 50 `recipients`, or `broadcast: true` (the campaign\'s target segment), optionally narrowed by `audience`. Recipients must be in the target segment; re-eligibility, subscription state and `abort_message` decide who receives. `attributes` are applied first, creating the user when `send_to_existing_only` is false.',
      body: TriggerCampaignSchema, response: { 201: SendResponseSchema, ...ERRORS }
    },
    preValidation: requireRestKey('campaigns.trigger.send')
  }, async (request, reply) => {
    const { answer, effects } = m.triggerCampaign(request.restContext, request.body)
    request.effects = effects
    return reply.code(201).send(answer)
  })

  app.post('/canvas/trigger/send', {
    schema: {
      tags: ['messaging'], summary: 'Send Canvas messages via API-triggered delivery',
      description: '`context` (or legacy `canvas_entry_properties`) reaches templates as `{{context.${key}}}`. A stopped or archived Canvas answers 201 with a `notice`, and nobody enters.',
      body: TriggerCanvasSchema, response: { 201: SendResponseSchema, ...ERRORS }
    },
    preValidation: requireRestKey('canvas.trigger.send')
  }, async (request, reply) => {
    const { answer, effects } = m.triggerCanvas(request.restContext, request.body)
    request.effects = effects
    return reply.code(201).send(answer)
  })

  app.post('/messages/send', {
    schema: {
      tags: ['messaging'], summary: 'Send messages immediately via API only',
      description: 'Users named by `external_user_ids` / `user_aliases` (never created), or `broadcast: true` with `segment_id` / `audience`. `recipient_subscription_state` (default `subscribed`) decides who is reachable.',
      body: MessagesSendSchema, response: { 201: SendResponseSchema, ...ERRORS }
    },
    preValidation: requireRestKey('messages.send')
  }, async (request, reply) => {
    const { answer, effects } = m.messagesSend(request.restContext, request.body)
    request.effects = effects
    return reply.code(201).send(answer)
  })

  const scheduled = (summary: string, description: string) => ({ tags: ['messaging'], summary, description, response: { 201: ScheduleResponseSchema, ...ERRORS } })
  const fires = 'It fires when the fake\'s clock passes `schedule.time` (steer it with POST /_fake/clock); the deliveries carry this dispatch_id.'
  app.post('/campaigns/trigger/schedule/create', {
    schema: { ...scheduled('Schedule API-triggered campaigns', fires), body: TriggerCampaignScheduleSchema },
    preValidation: requireRestKey('campaigns.trigger.schedule.create')
  }, async (request, reply) => reply.code(201).send(m.scheduleCampaign(request.restContext, request.body)))
  app.post('/canvas/trigger/schedule/create', {
    schema: { ...scheduled('Schedule API-triggered Canvases', fires), body: TriggerCanvasScheduleSchema },
    preValidation: requireRestKey('canvas.trigger.schedule.create')
  }, async (request, reply) => reply.code(201).send(m.scheduleCanvas(request.restContext, request.body)))
  app.post('/messages/schedule/create', {
    schema: { ...scheduled('Schedule API messages', fires), body: MessagesScheduleSchema },
    preValidation: requireRestKey('messages.schedule.create')
  }, async (request, reply) => reply.code(201).send(m.scheduleMessages(request.restContext, request.body)))

  const ok = { 201: BrazeSuccessSchema, ...ERRORS }
  app.post('/campaigns/trigger/schedule/update', {
    schema: { tags: ['messaging'], summary: 'Update scheduled API-triggered campaigns', description: 'Replaces the whole schedule.', body: CampaignScheduleUpdateSchema, response: ok },
    preValidation: requireRestKey('campaigns.trigger.schedule.update')
  }, async (request, reply) => reply.code(201).send(m.updateSchedule(request.restContext, 'campaign', request.body)))
  app.post('/canvas/trigger/schedule/update', {
    schema: { tags: ['messaging'], summary: 'Update scheduled API-triggered Canvases', description: 'Replaces the whole schedule.', body: CanvasScheduleUpdateSchema, response: ok },
    preValidation: requireRestKey('canvas.trigger.schedule.update')
  }, async (request, reply) => reply.code(201).send(m.updateSchedule(request.restContext, 'canvas', request.body)))
  app.post('/messages/schedule/update', {
    schema: { tags: ['messaging'], summary: 'Update scheduled API messages', description: 'At least one of `schedule` and `messages`.', body: MessagesScheduleUpdateSchema, response: ok },
    preValidation: requireRestKey('messages.schedule.update')
  }, async (request, reply) => reply.code(201).send(m.updateSchedule(request.restContext, 'messages', request.body)))
  app.post('/campaigns/trigger/schedule/delete', {
    schema: { tags: ['messaging'], summary: 'Delete scheduled API-triggered campaigns', description: 'Cancels a pending schedule of the campaign; nothing is sent for it.', body: CampaignScheduleDeleteSchema, response: ok },
    preValidation: requireRestKey('campaigns.trigger.schedule.delete')
  }, async (request, reply) => reply.code(201).send(m.deleteSchedule(request.restContext, 'campaign', request.body)))
  app.post('/canvas/trigger/schedule/delete', {
    schema: { tags: ['messaging'], summary: 'Delete scheduled API-triggered Canvases', description: 'Cancels a pending schedule of the Canvas; nobody enters for it.', body: CanvasScheduleDeleteSchema, response: ok },
    preValidation: requireRestKey('canvas.trigger.schedule.delete')
  }, async (request, reply) => reply.code(201).send(m.deleteSchedule(request.restContext, 'canvas', request.body)))
  app.post('/messages/schedule/delete', {
    schema: { tags: ['messaging'], summary: 'Delete scheduled API messages', description: 'Cancels a pending schedule made by POST /messages/schedule/create; nothing is sent for it.', body: MessagesScheduleDeleteSchema, response: ok },
    preValidation: requireRestKey('messages.schedule.delete')
  }, async (request, reply) => reply.code(201).send(m.deleteSchedule(request.restContext, 'messages', request.body)))

  app.get('/messages/scheduled_broadcasts', {
    schema: { tags: ['messaging'], summary: 'List upcoming scheduled campaigns and Canvases', description: 'Dashboard-scheduled campaigns and Canvases (kind `scheduled` with `send_at`) up to `end_time`.', querystring: ScheduledBroadcastsQuerySchema, response: { 200: ScheduledBroadcastsResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('messages.schedule_broadcasts')
  }, async (request) => m.scheduledBroadcasts(request.restContext, request.query.end_time))
}

export default routes
