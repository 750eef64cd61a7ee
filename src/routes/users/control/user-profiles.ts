/** Control plane: read stored users with everything written to them (profile, custom attributes, summaries). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { StoredUsersSchema, UserProfilesQuerySchema } from '../../../schemas/users/control/user-profiles.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspaces/:workspace_id/user-profiles', {
    schema: {
      tags: ['fake'],
      summary: 'Inspect stored users (first 1,000, filtered by any identifier given)', description: 'What the fake stores for each user: identifiers, standard profile fields under their export names, custom attributes with their JSON types, subscriptions, revenue and event/purchase summaries. Every filter given must match.',
      params: WorkspaceParamsSchema,
      querystring: UserProfilesQuerySchema,
      response: { 200: StoredUsersSchema, ...errorResponses(404) }
    }
  }, async (request) => ({ users: app.services.userProfiles.find(request.params.workspace_id, request.query) }))
}

export default routes
