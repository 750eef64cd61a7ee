/**
 * POST /users/export/segment — braze-docs _docs/_api/endpoints/export/user_data/post_users_segment.md.
 * Answers 201 [inferred: the doc gives no status; /users/track's async acceptance is 201] before the
 * export runs; the zip downloads from the returned `url` once ready.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { UsersExportSegmentRequestSchema, UsersExportSegmentResponseSchema } from '../../schemas/segments/segments.js'
import { baseUrl } from '../shared/base-url.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/export/segment', {
    schema: {
      tags: ['users'],
      summary: 'Export users in a segment',
      description: 'One export per segment at a time: a second one while the first runs is a 429. `callback_endpoint` is POSTed `{"success":true,"url":…}` when the file is ready.',
      body: UsersExportSegmentRequestSchema,
      response: { 201: UsersExportSegmentResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('users.export.segment')
  }, async (request, reply) => {
    const accepted = app.services.segmentExports.start(request.restContext, request.body, baseUrl(request))
    request.effects = { segment_id: request.body.segment_id, object_prefix: accepted.object_prefix }
    return reply.code(201).send(accepted)
  })
}

export default routes
