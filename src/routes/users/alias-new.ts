/**
 * POST /users/alias/new — add aliases to identified users or create alias-only users.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_user_alias/
 * Deliberate differences ([inferred], see COVERAGE.md): 201; objects naming an unknown
 * external_id, an alias already in use, or a label the user already holds change nothing and
 * still count in `aliases_processed`; applied synchronously.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { AliasNewRequestSchema, AliasNewResponseSchema } from '../../schemas/users/alias.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/alias/new', {
    schema: {
      tags: ['users'],
      summary: 'Create user aliases (up to 50)', description: 'Adds an alias to the identified user named by `external_id`, or creates an alias-only user when `external_id` is absent. A taken alias, a label the user already holds or an unknown external_id changes nothing.',
      body: AliasNewRequestSchema,
      response: { 201: AliasNewResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.alias.new')
  }, async (request, reply) => {
    const effects = app.services.aliases.aliasNew(request.restContext.workspacePk, request.body.user_aliases)
    request.effects = effects
    return reply.code(201).send({ aliases_processed: effects.requested, message: 'success' })
  })
}

export default routes
