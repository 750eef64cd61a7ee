/**
 * POST /users/export/ids — user profile export by identifier.
 * @see https://www.braze.com/docs/api/endpoints/export/user_data/post_users_identifier/
 * Deliberate differences ([inferred], see COVERAGE.md): 201 as Braze's other POSTs (a public
 * client checks for 201); several users sharing an email or phone are all exported; created_at
 * in the doc sample's "YYYY-MM-DD HH:mm:ss.SSS UTC" form; `devices` carry only `device_id`;
 * apps, push tokens and message engagement are never present; 400 texts for a bad body are ours.
 * `fields_to_export` is required for workspaces onboarded on or after 2024-08-22 (the default), optional before.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import { ExportIdsRequestSchema, ExportIdsResponseSchema } from '../../schemas/users/export-ids.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/users/export/ids', {
    schema: {
      tags: ['users'],
      summary: 'Export user profiles by identifier',
      description: 'Up to 50 `external_ids` and `user_aliases` together, plus `braze_id` and one of `device_id`, `email_address`, `phone`. `fields_to_export` is required for workspaces onboarded on or after 2024-08-22. Identifiers that match nobody are listed in `invalid_user_ids`.',
      body: ExportIdsRequestSchema,
      response: { 201: ExportIdsResponseSchema, ...brazeErrorResponses(400, 401, 403, 413, 415) }
    },
    preValidation: requireRestKey('users.export.ids')
  }, async (request, reply) => {
    const result = app.services.userExport.exportIds(request.restContext.workspacePk, request.body, { onboardedAt: request.restContext.onboardedAt })
    request.effects = { exported: result.users.length, unknown: result.invalid_user_ids ?? [] }
    return reply.code(201).send({ message: 'success', ...result })
  })
}

export default routes
