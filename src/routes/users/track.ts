/**
 * POST /users/track — record custom events and purchases and update user profile attributes.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_user_track/ (braze-docs _docs/_api/endpoints/user_data/post_user_track.md)
 * Deliberate differences ([inferred], see COVERAGE.md): writes apply synchronously (Braze
 * queues them); per-object error texts Braze does not document are ours; the object cap follows the
 * workspace's pricing model (75 per array, or 75 in total for MAU pricing; see TRACK_LIMITS).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { TrackRequestSchema, TrackResponseSchema } from '../../schemas/users/track.js'
import { requireRestKey } from '../shared/rest-authenticate.js'
import { TRACK_LIMITS } from '../../domain/users/track/track-service.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/track', {
    schema: {
      tags: ['users'],
      summary: 'Track user attributes, custom events and purchases',
      description: 'Needs a REST API key with `users.track`. Up to 75 objects per array; attributes, then events, then purchases are applied in one transaction. Valid objects are applied, invalid ones are listed in `errors`; when none is valid the answer is 400. `X-Braze-Bulk` / `X-Braze-Batch` headers are accepted and ignored.',
      body: TrackRequestSchema,
      response: { 201: TrackResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.track')
  }, async (request, reply) => {
    const body = request.body
    const { response, effects } = app.services.track.track(request.restContext.workspacePk, {
      attributes: body.attributes ?? undefined, events: body.events ?? undefined, purchases: body.purchases ?? undefined
    }, { limits: TRACK_LIMITS[request.restContext.pricingModel] })
    request.effects = effects
    return reply.code(201).send(response)
  })
}

export default routes
