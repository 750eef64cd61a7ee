/**
 * GET /segments/list — braze-docs _docs/_api/endpoints/export/segments/get_segment.md:
 * "returned in groups of 100 sorted by time of creation (oldest to newest by default). Archived
 * segments are not included." Bad `page` / `sort_direction` values are a 400 [inferred].
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { SegmentListQuerySchema, SegmentListResponseSchema } from '../../schemas/segments/segments.js'
import { parseLastEditAfter } from '../../domain/shared/list-filters.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/segments/list', {
    schema: {
      tags: ['segments'],
      summary: 'Export segment list', description: 'Braze\'s segment list: 100 segments a page (0-based `page`), oldest first unless `sort_direction=desc`; archived segments are left out; `last_edit.time[gt]` keeps those edited after a time.',
      querystring: SegmentListQuerySchema,
      response: { 200: SegmentListResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('segments.list')
  }, async (request) => {
    const segments = app.services.segmentsApi.list(request.restContext, request.query.page, request.query.sort_direction, parseLastEditAfter(request.query['last_edit.time[gt]']))
    request.effects = { segments: segments.length }
    return { message: 'success' as const, segments }
  })
}

export default routes
