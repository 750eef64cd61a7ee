/** Control plane: REST API keys with Braze permission names (Settings → APIs and Identifiers in Braze). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { RevealQuerySchema, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import { CreateRestApiKeySchema, RestApiKeyListSchema, RestApiKeyParamsSchema, RestApiKeySchema } from '../../../schemas/workspaces/control/rest-api-keys.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/workspaces/:workspace_id/rest-api-keys', {
    schema: {
      tags: ['fake'],
      summary: 'Create a REST API key (default: every permission)', description: 'Issues the key the Braze REST endpoints take as `Authorization: Bearer <key>` (Swagger UI: **Authorize**). Give a fixed `key` (≥ 8 characters; the examples use `acme-rest-key`) and optionally limit `permissions`.',
      params: WorkspaceParamsSchema,
      body: CreateRestApiKeySchema.nullish(),
      response: { 201: RestApiKeySchema, ...errorResponses(400, 404, 409) }
    }
  }, async (request, reply) => reply.code(201).send(app.services.restApiKeys.issue(request.params.workspace_id, request.body ?? {})))

  app.get('/workspaces/:workspace_id/rest-api-keys', {
    schema: {
      tags: ['fake'],
      summary: 'List REST API keys (masked unless ?reveal=true)',
      description: 'The workspace\'s REST API keys with their names and permissions. Keys show only their first 4 characters unless `?reveal=true`.',
      params: WorkspaceParamsSchema,
      querystring: RevealQuerySchema,
      response: { 200: RestApiKeyListSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => ({ rest_api_keys: app.services.restApiKeys.list(request.params.workspace_id, { reveal: request.query.reveal }) }))

  app.delete('/workspaces/:workspace_id/rest-api-keys/:key', {
    schema: {
      tags: ['fake'],
      summary: 'Revoke a REST API key; it stops working at once', description: 'Deletes the key: later requests with it get `401 Invalid API key`.',
      params: RestApiKeyParamsSchema,
      response: { 200: RestApiKeySchema, ...errorResponses(404) }
    }
  }, async (request) => app.services.restApiKeys.revoke(request.params.workspace_id, request.params.key))
}

export default routes
