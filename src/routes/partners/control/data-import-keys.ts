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
      summary: 'Generate a data import key (client_secret) for a partner', description: 'Plays Braze\'s Technology Partners page: the key the partner sends as `client_secret`. Give a fixed `key` (≥ 8 characters; the examples use `acme-hightouch-key`).',
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
      summary: 'List a partner\'s data import keys with their status (masked unless ?reveal=true)', description: 'The workspace\'s keys for this partner, `active` or `invalidated`. Keys show only their first 4 characters unless `?reveal=true`.',
      params: WorkspacePartnerParamsSchema,
      querystring: RevealQuerySchema,
      response: { 200: DataImportKeyListSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => ({ data_import_keys: app.services.dataImportKeys.list(request.params.workspace_id, request.params.partner, { reveal: request.query.reveal }) }))

  app.post(`${path}/:key/invalidate`, {
    schema: {
      tags: ['fake'],
      summary: 'Invalidate a data import key; it stops working at once', description: 'Partner requests with this key then get `401 Invalid client secret`.',
      params: DataImportKeyParamsSchema,
      response: { 200: DataImportKeySchema, ...errorResponses(404) }
    }
  }, async (request) => {
    const { workspace_id: ws, partner, key } = request.params
    return app.services.dataImportKeys.invalidate(ws, partner, key)
  })
}

export default routes
