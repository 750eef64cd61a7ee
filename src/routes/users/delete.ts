/**
 * POST /users/delete — delete user profiles.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_user_delete/
 * Deliberate differences ([inferred], see COVERAGE.md): deletion is immediate (Braze queues it);
 * `deleted` counts the users found and deleted; 201 with `"message": "success"`; a deleted user
 * leaves every cohort at once.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { DeleteRequestSchema, DeleteResponseSchema } from '../../schemas/users/delete.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/delete', {
    schema: {
      tags: ['users'],
      summary: 'Delete users (up to 50 identifiers of one kind)', description: 'Hard-deletes the users at once (Braze: asynchronously), with exactly one of `external_ids`, `user_aliases`, `braze_ids`, `email_addresses` or `phone_numbers`. The users leave every cohort and segment; `deleted` counts the users found.',
      body: DeleteRequestSchema,
      response: { 201: DeleteResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.delete')
  }, async (request, reply) => {
    const result = app.services.userDelete.deleteUsers(request.restContext.workspacePk, request.body)
    request.effects = result
    return reply.code(201).send({ deleted: result.deleted, message: 'success' })
  })
}

export default routes
