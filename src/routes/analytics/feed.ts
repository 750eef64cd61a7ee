/**
 * Braze's News Feed card exports (deprecated by Braze in favour of Content Cards, still called by
 * ETL connectors):
 * @see https://www.braze.com/docs/api/endpoints/export/news_feed/get_news_feed_cards/ (GET /feed/list)
 * @see https://www.braze.com/docs/api/endpoints/export/news_feed/get_news_feed_card_analytics/ (GET /feed/data_series)
 * @see https://www.braze.com/docs/api/endpoints/export/news_feed/get_news_feed_card_details/ (GET /feed/details)
 * Cards are made in Braze's dashboard only, and fake-braze holds none: the list is empty and a card_id is unknown.
 */
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { FeedDetailsQuerySchema, FeedListQuerySchema, FeedListResponseSchema, FeedSeriesQuerySchema } from '../../schemas/analytics/analytics.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const FeedSeriesResponseSchema = z.object({
  message: z.literal('success'),
  data: z.array(z.object({ time: z.string(), clicks: z.int(), impressions: z.int(), unique_clicks: z.int(), unique_impressions: z.int() }))
}).meta({ id: 'FeedSeriesResponse' })
const FeedDetailsResponseSchema = z.looseObject({ message: z.literal('success'), name: z.string(), type: z.string(), title: z.string() }).meta({ id: 'FeedDetailsResponse' })

const routes: FastifyPluginAsyncZod = async (app) => {
  const analytics = app.services.analytics

  app.get('/feed/list', {
    schema: {
      tags: ['analytics'],
      summary: 'Export News Feed cards list (deprecated by Braze)',
      description: '100 cards a page, oldest first unless `sort_direction=desc`. fake-braze holds no News Feed cards (they are made in Braze\'s dashboard only): `cards` is empty.',
      querystring: FeedListQuerySchema,
      response: { 200: FeedListResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('feed.list')
  }, async (request) => ({ message: 'success' as const, cards: analytics.feedList(request.restContext, request.query) }))

  app.get('/feed/data_series', {
    schema: {
      tags: ['analytics'],
      summary: 'Export News Feed card analytics (deprecated by Braze)',
      description: 'Daily or hourly clicks and impressions of a card. fake-braze holds no cards: every `card_id` answers 400 "Invalid Card ID".',
      querystring: FeedSeriesQuerySchema,
      response: { 200: FeedSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('feed.data_series')
  }, async (request) => analytics.feedCard(request.restContext, request.query.card_id))

  app.get('/feed/details', {
    schema: {
      tags: ['analytics'],
      summary: 'Export News Feed card details (deprecated by Braze)',
      description: 'fake-braze holds no cards: every `card_id` answers 400 "Invalid Card ID".',
      querystring: FeedDetailsQuerySchema,
      response: { 200: FeedDetailsResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('feed.details')
  }, async (request) => analytics.feedCard(request.restContext, request.query.card_id))
}

export default routes
