/**
 * POST /users/track/sync — one attribute, event or purchase object, applied before the answer.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_user_track_synchronous/
 * 201 means "completed"; the answer shows the user's resulting values. More than one object is
 * 400 "Max Input Length Exceeded" (text [inferred]); permission `users.track.sync`, 500/min.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { TrackRequestSchema } from '../../schemas/users/track.js'
import { TrackSyncResponseSchema } from '../../schemas/users/track-sync.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/track/sync', {
    schema: {
      tags: ['users'],
      summary: 'Track one attribute, event or purchase object synchronously and get the resulting values',
      description: 'Needs a REST API key with `users.track.sync`. Exactly one object in the whole request. The answer echoes the identifier and shows the named custom attributes, or the event / purchase summary, after the write.',
      body: TrackRequestSchema,
      response: { 201: TrackSyncResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.track.sync')
  }, async (request, reply) => {
    const body = request.body
    const { response, effects } = app.services.track.trackSync(request.restContext.workspacePk, {
      attributes: body.attributes ?? undefined, events: body.events ?? undefined, purchases: body.purchases ?? undefined
    })
    request.effects = effects
    return reply.code(201).send(response)
  })
}

export default routes
