/** GET /segments/details — braze-docs _docs/_api/endpoints/export/segments/get_segment_details.md */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { SegmentDetailsQuerySchema, SegmentDetailsResponseSchema } from '../../schemas/segments/segments.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/segments/details', {
    schema: {
      tags: ['segments'],
      summary: 'Export segment details',
      description: '`description` renders the filter tree in words with each cohort\'s current name, e.g. `Hightouch Cohorts includes "VIP buyers"`.',
      querystring: SegmentDetailsQuerySchema,
      response: { 200: SegmentDetailsResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('segments.details')
  }, async (request) => {
    request.effects = { segment_id: request.query.segment_id }
    return app.services.segmentsApi.details(request.restContext, request.query.segment_id)
  })
}

export default routes
