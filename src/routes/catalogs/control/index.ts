/** Control plane of catalogs: list, one catalog with a page of items, the storage quota. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import {
  CatalogSettingsBodySchema, CatalogSettingsSchema, ControlCatalogDetailSchema, ControlCatalogListSchema, ControlCatalogParamsSchema, ControlCatalogQuerySchema
} from '../../../schemas/catalogs/control/catalogs.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const catalogs = app.services.catalogs

  app.get('/workspaces/:workspace_id/catalogs', {
    schema: {
      tags: ['fake'],
      summary: 'List a workspace\'s catalogs',
      description: 'Every catalog with its fields and visible item count, and the workspace\'s catalog storage (used and quota).',
      params: WorkspaceParamsSchema,
      response: { 200: ControlCatalogListSchema, ...errorResponses(404) }
    }
  }, async (request) => catalogs.workspaceCatalogs(request.params.workspace_id))

  app.get('/workspaces/:workspace_id/catalogs/:catalog_name', {
    schema: {
      tags: ['fake'],
      summary: 'Get one catalog with a page of its items',
      description: '50 visible items a page in creation order; `next_cursor` / `prev_cursor` name the neighbouring pages.',
      params: ControlCatalogParamsSchema,
      querystring: ControlCatalogQuerySchema,
      response: { 200: ControlCatalogDetailSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const { prev, next, ...rest } = catalogs.workspaceCatalog(request.params.workspace_id, request.params.catalog_name, request.query.cursor)
    return { ...rest, ...(prev !== undefined && { prev_cursor: prev }), ...(next !== undefined && { next_cursor: next }) }
  })

  app.put('/workspaces/:workspace_id/catalog-settings', {
    schema: {
      tags: ['fake'],
      summary: 'Set the workspace\'s catalog storage quota',
      description: 'Braze\'s free tier stores 100 MB of catalogs; a test sets a small quota to see `company-size-limit-already-reached` / `company-size-limit-surge`. Counted: item ids plus stored JSON values.',
      params: WorkspaceParamsSchema,
      body: CatalogSettingsBodySchema,
      response: { 200: CatalogSettingsSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => catalogs.setStorageLimit(request.params.workspace_id, request.body.storage_limit_bytes))
}

export default routes
