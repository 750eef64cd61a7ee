/**
 * POST /users/external_ids/rename and POST /users/external_ids/remove.
 * @see https://www.braze.com/docs/api/endpoints/user_data/external_id_migration/post_external_ids_rename/
 * @see https://www.braze.com/docs/api/endpoints/user_data/external_id_migration/post_external_ids_remove/
 * 201 "success" for every valid request; per-item problems are listed, not fatal ([inferred] shapes, COVERAGE.md).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  ExternalIdRemoveRequestSchema, ExternalIdRemoveResponseSchema, ExternalIdRenameRequestSchema, ExternalIdRenameResponseSchema
} from '../../schemas/users/external-ids.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/external_ids/rename', {
    schema: {
      tags: ['users'],
      summary: 'Rename external ids (up to 50); the old id stays as a deprecated id until removed',
      description: 'Each `current_external_id` → `new_external_id`; the old id keeps resolving to the user as a deprecated id until removed. Renames that cannot apply (unknown user, new id taken) are listed in `rename_errors`; the rest still apply.',
      body: ExternalIdRenameRequestSchema,
      response: { 201: ExternalIdRenameResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.external_ids.rename')
  }, async (request, reply) => {
    const result = app.services.externalIds.rename(request.restContext.workspacePk, request.body.external_id_renames)
    request.effects = result
    return reply.code(201).send({ message: 'success', ...result })
  })

  app.post('/users/external_ids/remove', {
    schema: {
      tags: ['users'],
      summary: 'Remove deprecated external ids (up to 50)',
      description: 'Only deprecated ids (left behind by a rename) can be removed; a current or unknown id is listed in `removal_errors` and the others still go.',
      body: ExternalIdRemoveRequestSchema,
      response: { 201: ExternalIdRemoveResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.external_ids.remove')
  }, async (request, reply) => {
    const result = app.services.externalIds.remove(request.restContext.workspacePk, request.body.external_ids)
    request.effects = result
    return reply.code(201).send({ message: 'success', ...result })
  })
}

export default routes
