/** Control plane: News Feed cards recorded as Braze's dashboard would make them (Braze has no API to create one). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import { FeedCardInputSchema, FeedCardListSchema, FeedCardParamsSchema, FeedCardSchema } from '../../../schemas/analytics/analytics.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const feed = app.services.feedCards
  app.post('/workspaces/:workspace_id/feed-cards', {
    schema: {
      tags: ['fake'], summary: 'Record a News Feed card as the dashboard would', description: 'The card appears in `/feed/list`, `/feed/details` and `/feed/data_series`. Its id is generated when absent; ids are unique per workspace.',
      params: WorkspaceParamsSchema, body: FeedCardInputSchema, response: { 201: FeedCardSchema, ...errorResponses(400, 404, 409) }
    }
  }, async (request, reply) => reply.code(201).send(feed.create(request.params.workspace_id, request.body)))
  app.get('/workspaces/:workspace_id/feed-cards', {
    schema: { tags: ['fake'], summary: 'List News Feed cards, archived ones included', description: 'Every card of the workspace, oldest first.', params: WorkspaceParamsSchema, response: { 200: FeedCardListSchema, ...errorResponses(404) } }
  }, async (request) => ({ cards: feed.list(request.params.workspace_id) }))
  app.delete('/workspaces/:workspace_id/feed-cards/:card_id', {
    schema: { tags: ['fake'], summary: 'Archive a News Feed card', description: 'Sets `archived`: the card leaves `/feed/list` unless `include_archived=true`, and stays readable.', params: FeedCardParamsSchema, response: { 200: FeedCardSchema, ...errorResponses(404) } }
  }, async (request) => feed.archive(request.params.workspace_id, request.params.card_id))
}

export default routes
