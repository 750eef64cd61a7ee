/**
 * POST /users/identify — identify alias-only, email-only or phone-only users.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_user_identify/
 * Deliberate differences ([inferred], see COVERAGE.md): applied synchronously; a bad
 * `prioritization` is a per-item error in `errors` (as Segment's client expects) while the other
 * items are applied; the 50-object cap counts the three arrays together.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { IdentifyRequestSchema, IdentifyResponseSchema } from '../../schemas/users/identify.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/identify', {
    schema: {
      tags: ['users'],
      summary: 'Identify unidentified users (up to 50)', description: 'Gives an alias-only, email-only or phone-only user an external_id. If another user already has that external_id, the unidentified user is merged into it (`merge_behavior: merge`, the default) or only its alias moves (`none`).',
      body: IdentifyRequestSchema,
      response: { 201: IdentifyResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.identify')
  }, async (request, reply) => {
    const { effects, errors, ...counts } = app.services.identify.identify(request.restContext.workspacePk, request.body)
    request.effects = effects
    return reply.code(201).send({ ...counts, message: 'success', ...(errors !== undefined && { errors }) })
  })
}

export default routes
