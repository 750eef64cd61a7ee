/**
 * POST /users/alias/update — rename aliases within their label.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_users_alias_update/
 * Deliberate differences ([inferred], see COVERAGE.md): the response is not documented; the fake
 * answers 201 `{"message":"success"}`; a new name already in use changes nothing.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import { AliasUpdateRequestSchema } from '../../schemas/users/alias.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/alias/update', {
    schema: {
      tags: ['users'],
      summary: 'Update user aliases (up to 50)', description: 'Renames aliases within their label: `old_alias_name` → `new_alias_name`. An update that matches no user changes nothing.',
      body: AliasUpdateRequestSchema,
      response: { 201: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.alias.update')
  }, async (request, reply) => {
    request.effects = app.services.aliases.aliasUpdate(request.restContext.workspacePk, request.body.alias_updates)
    return reply.code(201).send({ message: 'success' })
  })
}

export default routes
