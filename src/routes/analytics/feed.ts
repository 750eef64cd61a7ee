/**
 * Braze's News Feed card exports (deprecated by Braze in favour of Content Cards, still called by
 * ETL connectors):
 * @see https://www.braze.com/docs/api/endpoints/export/news_feed/get_news_feed_cards/ (GET /feed/list)
 * @see https://www.braze.com/docs/api/endpoints/export/news_feed/get_news_feed_card_analytics/ (GET /feed/data_series)
 * @see https://www.braze.com/docs/api/endpoints/export/news_feed/get_news_feed_card_details/ (GET /feed/details)
 * Cards are made in Braze's dashboard only: here the control plane records them (POST /_fake/workspaces/{id}/feed-cards).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  FeedDetailsQuerySchema, FeedDetailsResponseSchema, FeedListQuerySchema, FeedListResponseSchema, FeedSeriesQuerySchema, FeedSeriesResponseSchema
} from '../../schemas/analytics/analytics.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const feed = app.services.feedCards

  app.get('/feed/list', {
    schema: {
      tags: ['analytics'],
      summary: 'Export News Feed cards list (deprecated by Braze)',
      description: '100 cards a page, oldest first unless `sort_direction=desc`; archived cards only with `include_archived=true`. Cards are recorded through the control plane, as Braze\'s dashboard makes them.',
      querystring: FeedListQuerySchema,
      response: { 200: FeedListResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('feed.list')
  }, async (request) => ({ message: 'success' as const, cards: feed.feedList(request.restContext, request.query) }))

  app.get('/feed/data_series', {
    schema: {
      tags: ['analytics'],
      summary: 'Export News Feed card analytics (deprecated by Braze)',
      description: 'Daily or hourly clicks and impressions of a card, from the day it was recorded: all 0, as nothing displays cards here. An unknown `card_id` answers 400 "Invalid Card ID".',
      querystring: FeedSeriesQuerySchema,
      response: { 200: FeedSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('feed.data_series')
  }, async (request) => ({ message: 'success' as const, data: feed.series(request.restContext, request.query) }))

  app.get('/feed/details', {
    schema: {
      tags: ['analytics'],
      summary: 'Export News Feed card details (deprecated by Braze)',
      description: 'The card\'s fields as recorded; an unknown `card_id` answers 400 "Invalid Card ID".',
      querystring: FeedDetailsQuerySchema,
      response: { 200: FeedDetailsResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('feed.details')
  }, async (request) => feed.details(request.restContext, request.query.card_id))
}

export default routes
