/** Control plane: campaigns and Canvases as the dashboard defines them, "Send" pressed now, and the outbox. */
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import {
  CampaignInputSchema, CampaignListSchema, CampaignParamsSchema, CampaignSchema, CanvasInputSchema, CanvasListSchema, CanvasParamsSchema, CanvasSchema,
  CanvasProgressSchema, FrequencyCappingSchema, OutboxClearedSchema, OutboxQuerySchema, OutboxSchema, SchedulesSchema, SendNowResponseSchema
} from '../../../schemas/messaging/control/messaging.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const m = app.services.messaging
  const camp = { 200: CampaignSchema, ...errorResponses(400, 404, 409) }
  const canv = { 200: CanvasSchema, ...errorResponses(400, 404, 409) }
  type Out = z.infer<typeof CampaignSchema>
  type OutCanvas = z.infer<typeof CanvasSchema>

  app.post('/workspaces/:workspace_id/campaigns', {
    schema: { tags: ['fake'], summary: 'Define a campaign as the dashboard would', description: 'Message variations get ids when they have none. `segment_id` names the target segment (e.g. one with the "Hightouch Cohorts" filter).', params: WorkspaceParamsSchema, body: CampaignInputSchema, response: { 201: CampaignSchema, ...errorResponses(400, 404, 409) } }
  }, async (request, reply) => reply.code(201).send(m.createCampaign(request.params.workspace_id, request.body) as Out))
  app.get('/workspaces/:workspace_id/campaigns', {
    schema: { tags: ['fake'], summary: 'List campaigns, archived ones included', description: 'Every campaign definition of the workspace, with its message variations and target segment.', params: WorkspaceParamsSchema, response: { 200: CampaignListSchema, ...errorResponses(404) } }
  }, async (request) => ({ campaigns: m.list(request.params.workspace_id, 'campaign') as Out[] }))
  app.get('/workspaces/:workspace_id/campaigns/:campaign_id', {
    schema: { tags: ['fake'], summary: 'Get one campaign', description: 'The campaign\'s definition as created or last replaced; 404 names an unknown campaign.', params: CampaignParamsSchema, response: camp }
  }, async (request) => m.get(request.params.workspace_id, 'campaign', request.params.campaign_id) as Out)
  app.put('/workspaces/:workspace_id/campaigns/:campaign_id', {
    schema: { tags: ['fake'], summary: 'Replace a campaign\'s definition (its id stays)', description: 'The body is a whole definition, as for creation; fields left out fall back to their defaults.', params: CampaignParamsSchema, body: CampaignInputSchema, response: camp }
  }, async (request) => m.replaceCampaign(request.params.workspace_id, request.params.campaign_id, request.body) as Out)
  app.delete('/workspaces/:workspace_id/campaigns/:campaign_id', {
    schema: { tags: ['fake'], summary: 'Archive a campaign: it leaves /campaigns/list and cannot be triggered', description: 'Sets `archived`; the campaign stays readable here and with `include_archived=true`.', params: CampaignParamsSchema, response: camp }
  }, async (request) => m.archive(request.params.workspace_id, 'campaign', request.params.campaign_id) as Out)
  app.post('/workspaces/:workspace_id/campaigns/:campaign_id/send', {
    schema: { tags: ['fake'], summary: 'Press "Send": send the campaign now to its target segment', description: 'Runs the whole eligibility pipeline; the outbox holds the details.', params: CampaignParamsSchema, response: { 201: SendNowResponseSchema, ...errorResponses(404, 409) } }
  }, async (request, reply) => {
    const { effects: _e, ...answer } = m.sendNow(request.params.workspace_id, request.params.campaign_id)
    return reply.code(201).send(answer)
  })

  app.post('/workspaces/:workspace_id/canvases', {
    schema: { tags: ['fake'], summary: 'Define a Canvas as the dashboard would', description: 'Steps and their message variations get ids when they have none. Steps form a graph (`message`, `delay`, `audience_paths`, `experiment`; `next` defaults to the following step); users enter at the first and move on as the fake\'s clock passes each delay. A cycle, an unknown `next`, percentages that do not make 100, a negative delay or a filter that does not parse is a 400 naming the step.', params: WorkspaceParamsSchema, body: CanvasInputSchema, response: { 201: CanvasSchema, ...errorResponses(400, 404, 409) } }
  }, async (request, reply) => reply.code(201).send(m.createCanvas(request.params.workspace_id, request.body) as OutCanvas))
  app.get('/workspaces/:workspace_id/canvases', {
    schema: { tags: ['fake'], summary: 'List Canvases, archived ones included', description: 'Every Canvas definition of the workspace, with its steps and their message variations.', params: WorkspaceParamsSchema, response: { 200: CanvasListSchema, ...errorResponses(404) } }
  }, async (request) => ({ canvases: m.list(request.params.workspace_id, 'canvas') as OutCanvas[] }))
  app.get('/workspaces/:workspace_id/canvases/:canvas_id', {
    schema: { tags: ['fake'], summary: 'Get one Canvas', description: 'The Canvas\'s definition as created or last replaced; 404 names an unknown Canvas.', params: CanvasParamsSchema, response: canv }
  }, async (request) => m.get(request.params.workspace_id, 'canvas', request.params.canvas_id) as OutCanvas)
  app.put('/workspaces/:workspace_id/canvases/:canvas_id', {
    schema: { tags: ['fake'], summary: 'Replace a Canvas\'s definition (its id stays)', description: 'The body is a whole definition, as for creation; fields left out fall back to their defaults.', params: CanvasParamsSchema, body: CanvasInputSchema, response: canv }
  }, async (request) => m.replaceCanvas(request.params.workspace_id, request.params.canvas_id, request.body) as OutCanvas)
  app.delete('/workspaces/:workspace_id/canvases/:canvas_id', {
    schema: { tags: ['fake'], summary: 'Archive a Canvas: triggers answer with the "archived" notice', description: 'Sets `archived`; the Canvas stays readable here and with `include_archived=true`.', params: CanvasParamsSchema, response: canv }
  }, async (request) => m.archive(request.params.workspace_id, 'canvas', request.params.canvas_id) as OutCanvas)

  app.get('/workspaces/:workspace_id/canvases/:canvas_id/progress', {
    schema: { tags: ['fake'], summary: 'Where a Canvas\'s users are: how many wait at each step', description: 'Each step with where it leads, the users waiting at it now (delay steps) and when the first moves on, and what it delivered. Due steps run first.', params: CanvasParamsSchema, response: { 200: CanvasProgressSchema, ...errorResponses(404) } }
  }, async (request) => {
    m.fireDue()
    return m.canvasProgress(request.params.workspace_id, request.params.canvas_id)
  })
  app.get('/workspaces/:workspace_id/frequency-capping', {
    schema: { tags: ['fake'], summary: 'The workspace\'s frequency capping rules', description: 'Rules `{channel, max, period_s}`; none = no capping.', params: WorkspaceParamsSchema, response: { 200: FrequencyCappingSchema, ...errorResponses(404) } }
  }, async (request) => m.frequencyCapping(request.params.workspace_id))
  app.put('/workspaces/:workspace_id/frequency-capping', {
    schema: { tags: ['fake'], summary: 'Replace the workspace\'s frequency capping rules', description: 'A delivery that would make more than `max` messages on `channel` (`all`: any channel) within `period_s` seconds of the fake\'s clock is skipped with reason `frequency_capped`. `override_frequency_capping: true` on a send, or a campaign\'s `ignore_frequency_capping`, bypasses them.', params: WorkspaceParamsSchema, body: FrequencyCappingSchema, response: { 200: FrequencyCappingSchema, ...errorResponses(400, 404) } }
  }, async (request) => m.setFrequencyCapping(request.params.workspace_id, request.body.rules))

  app.get('/workspaces/:workspace_id/messages', {
    schema: { tags: ['fake'], summary: 'The outbox: every delivery and non-delivery, oldest first', description: 'Filter by campaign, Canvas, dispatch, user, channel and status; page with `cursor`. Schedules due by the fake\'s clock fire first.', params: WorkspaceParamsSchema, querystring: OutboxQuerySchema, response: { 200: OutboxSchema, ...errorResponses(400, 404) } }
  }, async (request) => {
    m.fireDue()
    return m.outbox(request.params.workspace_id, request.query)
  })
  app.delete('/workspaces/:workspace_id/messages', {
    schema: { tags: ['fake'], summary: 'Clear the outbox (re-eligibility history goes with it)', description: 'Deletes every delivery of the workspace, so campaigns without re-eligibility can reach the same users again; answers how many went.', params: WorkspaceParamsSchema, response: { 200: OutboxClearedSchema, ...errorResponses(404) } }
  }, async (request) => ({ deleted: m.clearOutbox(request.params.workspace_id) }))
  app.get('/workspaces/:workspace_id/message-schedules', {
    schema: { tags: ['fake'], summary: 'Pending API schedules (/…/schedule/create), next first', description: 'Schedules made through `/campaigns/trigger/schedule/create`, `/canvas/trigger/schedule/create` and `/messages/schedule/create` that have not fired or been deleted.', params: WorkspaceParamsSchema, response: { 200: SchedulesSchema, ...errorResponses(404) } }
  }, async (request) => ({ schedules: m.pendingSchedules(request.params.workspace_id) }))
}

export default routes
