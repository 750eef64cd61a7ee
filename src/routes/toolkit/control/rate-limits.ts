/** Control plane: Braze's rate limits per workspace (off unless config or this route turns them on). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import { PutRateLimitsSchema, RateLimitSettingsSchema } from '../../../schemas/toolkit/control/toolkit.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspaces/:workspace_id/rate-limits', {
    schema: {
      tags: ['fake'],
      summary: 'Whether rate limits are enforced for a workspace, and each pool\'s limit and window', description: 'Braze\'s per-endpoint limits as this workspace applies them: each pool\'s limit and window, and whether exhausting one answers 429.',
      params: WorkspaceParamsSchema,
      response: { 200: RateLimitSettingsSchema, ...errorResponses(404) }
    }
  }, async (request) => app.services.rateLimits.viewWorkspace(request.params.workspace_id))

  app.put('/workspaces/:workspace_id/rate-limits', {
    schema: {
      tags: ['fake'],
      summary: 'Enforce (or stop enforcing) rate limits for a workspace, optionally with smaller limits; windows restart', description: 'Turns enforcement on or off and overrides limits by route (`"POST /users/track"`) or pool name, e.g. a limit of 2 to test a sync\'s retry on 429.',
      params: WorkspaceParamsSchema,
      body: PutRateLimitsSchema,
      response: { 200: RateLimitSettingsSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => app.services.rateLimits.configureWorkspace(request.params.workspace_id, request.body))
}

export default routes
