/**
 * Braze's campaign and Canvas export endpoints (braze-reference-messaging §2.2–2.7, §2.17):
 * /campaigns/list, /campaigns/details, /campaigns/data_series, /canvas/list, /canvas/details,
 * /canvas/data_series and POST /sends/id/create. Data series count what the outbox delivered.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  CampaignDataSeriesQuerySchema, CampaignDataSeriesResponseSchema, CampaignDetailsResponseSchema, CampaignIdQuerySchema, CampaignListResponseSchema,
  CanvasDataSeriesQuerySchema, CanvasDataSeriesResponseSchema, CanvasDetailsResponseSchema, CanvasIdQuerySchema, CanvasListResponseSchema,
  ListQuerySchema, SendIdCreateSchema, SendIdResponseSchema
} from '../../schemas/messaging/messaging.js'
import { parseLastEditAfter } from '../../domain/shared/list-filters.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const m = app.services.messaging
  app.get('/campaigns/list', {
    schema: { tags: ['messaging'], summary: 'Export campaigns list', description: '100 a page, 0-based, oldest first by default; archived campaigns only with `include_archived=true`.', querystring: ListQuerySchema, response: { 200: CampaignListResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('campaigns.list')
  }, async (request) => {
    const q = request.query
    const campaigns = m.campaignsList(request.restContext, { page: q.page, include_archived: q.include_archived, sort_direction: q.sort_direction, last_edited_after: parseLastEditAfter(q['last_edit.time[gt]']) })
    request.effects = { campaigns: campaigns.length }
    return { message: 'success' as const, campaigns }
  })
  app.get('/campaigns/details', {
    schema: { tags: ['messaging'], summary: 'Export campaign details', description: '`messages` is keyed by message variation id; an API-triggered campaign has `schedule_type` `api_triggered`.', querystring: CampaignIdQuerySchema, response: { 200: CampaignDetailsResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('campaigns.details')
  }, async (request) => m.campaignDetails(request.restContext, request.query.campaign_id))
  app.get('/campaigns/data_series', {
    schema: { tags: ['messaging'], summary: 'Export campaign analytics', description: 'Daily `sent` per variation and `unique_recipients`, counted from the outbox; engagement counters are 0. Days before the campaign existed are left out.', querystring: CampaignDataSeriesQuerySchema, response: { 200: CampaignDataSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('campaigns.data_series')
  }, async (request) => ({ message: 'success' as const, data: m.campaignDataSeries(request.restContext, request.query) }))
  app.get('/canvas/list', {
    schema: { tags: ['messaging'], summary: 'Export Canvas list', description: 'Stopped Canvases are listed; archived ones only with `include_archived=true`.', querystring: ListQuerySchema, response: { 200: CanvasListResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('canvas.list')
  }, async (request) => {
    const q = request.query
    return { canvases: m.canvasList(request.restContext, { page: q.page, include_archived: q.include_archived, sort_direction: q.sort_direction, last_edited_after: parseLastEditAfter(q['last_edit.time[gt]']) }), message: 'success' as const }
  })
  app.get('/canvas/details', {
    schema: { tags: ['messaging'], summary: 'Export Canvas details', description: 'Steps, variants and schedule of one Canvas; an API-triggered Canvas has `schedule_type` `api_triggered`.', querystring: CanvasIdQuerySchema, response: { 200: CanvasDetailsResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('canvas.details')
  }, async (request) => m.canvasDetails(request.restContext, request.query.canvas_id))
  app.get('/canvas/data_series', {
    schema: { tags: ['messaging'], summary: 'Export Canvas data series analytics', description: 'Daily entries counted from the outbox; `length` 1–14 or `starting_at`; `variant_stats` and `step_stats` (with step names) when asked. Days before the Canvas existed are left out.', querystring: CanvasDataSeriesQuerySchema, response: { 200: CanvasDataSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('canvas.data_series')
  }, async (request) => ({ data: m.canvasDataSeries(request.restContext, request.query), message: 'success' as const }))
  app.post('/sends/id/create', {
    schema: { tags: ['messaging'], summary: 'Create send IDs for message send tracking', description: 'Generated when `send_id` is omitted; 100 creations a day per workspace.', body: SendIdCreateSchema, response: { 201: SendIdResponseSchema, ...brazeErrorResponses(400, 401, 403) } },
    preValidation: requireRestKey('sends.id.create')
  }, async (request, reply) => reply.code(201).send(m.createSendId(request.restContext, request.body)))
}

export default routes
