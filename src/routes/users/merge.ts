/**
 * POST /users/merge — merge one user into another.
 * @see https://www.braze.com/docs/api/endpoints/user_data/post_users_merge/
 * Deliberate difference: Braze merges asynchronously; the fake merges before answering 202, so
 * tests can assert on the result at once. Updates whose identifiers match nobody are skipped.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import { MergeRequestSchema } from '../../schemas/users/merge.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/merge', {
    schema: {
      tags: ['users'],
      summary: 'Merge users (up to 50 merge updates)', description: 'Merges `identifier_to_merge` into `identifier_to_keep` before answering (Braze merges asynchronously): fields the kept user lacks are copied, summaries summed, devices, aliases and cohort memberships move. Updates that match nobody are skipped.',
      body: MergeRequestSchema,
      response: { 202: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.merge')
  }, async (request, reply) => {
    request.effects = app.services.userMerge.merge(request.restContext.workspacePk, request.body.merge_updates)
    return reply.code(202).send({ message: 'success' })
  })
}

export default routes
