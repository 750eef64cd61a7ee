/**
 * POST /users/track/bulk — /users/track for large batches (early access).
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_user_track_bulk/
 * Same objects, identifiers, answers and per-object errors as /users/track; up to 1,000 objects
 * in all and 100 for one user profile (more is 400 "Max Input Length Exceeded", text [inferred]),
 * bodies up to 2 MB, permission `users.track.bulk`, 50 requests per second.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { TrackBulkRequestSchema, TrackResponseSchema } from '../../schemas/users/track.js'
import { requireRestKey } from '../shared/rest-authenticate.js'
import { TRACK_BULK_SOURCE, TRACK_LIMITS } from '../../domain/users/track/track-service.js'

/** [D] post_user_track_bulk.md: "The maximum payload size is 2 MB." */
const BULK_BODY_LIMIT = 2 * 1024 * 1024

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/track/bulk', {
    bodyLimit: Math.max(app.services.config.bodyLimit, BULK_BODY_LIMIT),
    schema: {
      tags: ['users'],
      summary: 'Track user attributes, custom events and purchases in bulk (up to 1,000 objects)',
      description: 'Needs a REST API key with `users.track.bulk`. Up to 1,000 objects across `attributes`, `events` and `purchases`, at most 100 for one user, bodies up to 2 MB. Answers like `/users/track`.',
      body: TrackBulkRequestSchema,
      response: { 201: TrackResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.track.bulk')
  }, async (request, reply) => {
    const body = request.body
    const { response, effects } = app.services.track.track(request.restContext.workspacePk, {
      attributes: body.attributes ?? undefined, events: body.events ?? undefined, purchases: body.purchases ?? undefined
    }, { limits: TRACK_LIMITS.bulk, source: TRACK_BULK_SOURCE })
    request.effects = effects
    return reply.code(201).send(response)
  })
}

export default routes
