/** Control plane: data import keys per (workspace, partner), as the Braze dashboard issues them. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { RevealQuerySchema, errorResponses } from '../../../schemas/shared/common.js'
import {
  CreateDataImportKeySchema, DataImportKeyListSchema, DataImportKeyParamsSchema, DataImportKeySchema, WorkspacePartnerParamsSchema
} from '../../../schemas/partners/control/partners.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const path = '/workspaces/:workspace_id/partners/:partner/data-import-keys'

  app.post(path, {
    schema: {
      tags: ['fake'],
      summary: 'Generate a data import key (client_secret) for a partner',
      params: WorkspacePartnerParamsSchema,
      body: CreateDataImportKeySchema.nullish(),
      response: { 201: DataImportKeySchema, ...errorResponses(400, 404, 409) }
    }
  }, async (request, reply) => {
    const { workspace_id: ws, partner } = request.params
    return reply.code(201).send(app.services.dataImportKeys.issue(ws, partner, request.body ?? {}))
  })

  app.get(path, {
    schema: {
      tags: ['fake'],
      summary: 'List a partner\'s data import keys with their status (masked unless ?reveal=true)',
      params: WorkspacePartnerParamsSchema,
      querystring: RevealQuerySchema,
      response: { 200: DataImportKeyListSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => ({ data_import_keys: app.services.dataImportKeys.list(request.params.workspace_id, request.params.partner, { reveal: request.query.reveal }) }))

  app.post(`${path}/:key/invalidate`, {
    schema: {
      tags: ['fake'],
      summary: 'Invalidate a data import key; it stops working at once',
      params: DataImportKeyParamsSchema,
      response: { 200: DataImportKeySchema, ...errorResponses(404) }
    }
  }, async (request) => {
    const { workspace_id: ws, partner, key } = request.params
    return app.services.dataImportKeys.invalidate(ws, partner, key)
  })
}

export default routes
