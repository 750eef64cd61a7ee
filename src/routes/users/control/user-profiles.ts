/** Control plane: read stored users with everything written to them (profile, custom attributes, summaries). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { StoredUsersSchema, UserProfilesQuerySchema } from '../../../schemas/users/control/user-profiles.js'
import { errorResponses, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspaces/:workspace_id/user-profiles', {
    schema: {
      tags: ['fake'],
      summary: 'Inspect stored users, filtered by any identifier given, a page at a time (1,000 by default)', description: 'What the fake stores for each user: identifiers, standard profile fields under their export names, custom attributes with their JSON types, subscriptions, revenue, event/purchase summaries and the partner cohorts the user is in. Every filter given must match; `limit` and `cursor` page through the rest.',
      params: WorkspaceParamsSchema,
      querystring: UserProfilesQuerySchema,
      response: { 200: StoredUsersSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => app.services.userProfiles.find(request.params.workspace_id, request.query))
}

export default routes
