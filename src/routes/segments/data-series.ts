/** GET /segments/data_series — braze-docs _docs/_api/endpoints/export/segments/get_segment_analytics.md */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { SegmentDataSeriesQuerySchema, SegmentDataSeriesResponseSchema } from '../../schemas/segments/segments.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/segments/data_series', {
    schema: {
      tags: ['segments'],
      summary: 'Export segment analytics (daily sizes)',
      description: 'Oldest day first. Today is counted now; earlier days come from the sizes fake-braze recorded whenever the segment was created, changed or resolved, a day without a record carrying the last size before it.',
      querystring: SegmentDataSeriesQuerySchema,
      response: { 200: SegmentDataSeriesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('segments.data_series')
  }, async (request) => {
    const data = app.services.segmentsApi.dataSeries(request.restContext, request.query)
    request.effects = { segment_id: request.query.segment_id, days: data.length }
    return { message: 'success' as const, data }
  })
}

export default routes
