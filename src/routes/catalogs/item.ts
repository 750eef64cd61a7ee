/**
 * The single-item endpoints [D CAT-IG, CAT-IP, CAT-IPA, CAT-IPU, CAT-ID]: GET 200, POST 201,
 * PATCH 200, PUT 200 (synchronous, creates), DELETE 202; one shared 50/min pool (§1.2).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { WriteMode } from '../../domain/catalogs/catalog-rules.js'
import type { RestPermission } from '../../domain/shared/rest-permissions.js'
import {
  CatalogItemParamsSchema, CatalogItemsBodySchema, CatalogItemsResponseSchema, CatalogSuccessSchema, catalogErrorResponses
} from '../../schemas/catalogs/catalogs.js'
import { requireRestKey } from '../shared/rest-authenticate.js'
import { catalogBody } from './body.js'

const WRITES: Array<{ method: 'POST' | 'PATCH' | 'PUT', mode: WriteMode, status: 200 | 201, permission: RestPermission, summary: string, description: string }> = [
  { method: 'POST', mode: 'create', status: 201, permission: 'catalogs.create_item', summary: 'Create a catalog item', description: 'One object in `items`, without `id` (the path names it); an existing id is 400 `item-already-exists`.' },
  { method: 'PATCH', mode: 'update', status: 200, permission: 'catalogs.update_item', summary: 'Edit a catalog item', description: 'Only the named fields change; array fields take `$add`/`$remove`; a missing item is 404 `item-not-found`.' },
  { method: 'PUT', mode: 'replace', status: 200, permission: 'catalogs.replace_item', summary: 'Update (replace) a catalog item', description: 'Replaces the item, or creates it; synchronous.' }
]

const routes: FastifyPluginAsyncZod = async (app) => {
  const catalogs = app.services.catalogs

  app.get('/catalogs/:catalog_name/items/:item_id', {
    schema: {
      tags: ['catalogs'],
      summary: 'List catalog item details',
      description: 'The item as an array of one.',
      params: CatalogItemParamsSchema,
      response: { 200: CatalogItemsResponseSchema, ...catalogErrorResponses(404) }
    },
    preValidation: requireRestKey('catalogs.get_item')
  }, async (request) => ({ items: [catalogs.item(request.restContext, request.params.catalog_name, request.params.item_id)], message: 'success' as const }))

  for (const w of WRITES) {
    app.route({
      method: w.method,
      url: '/catalogs/:catalog_name/items/:item_id',
      schema: {
        tags: ['catalogs'],
        summary: w.summary,
        description: w.description,
        params: CatalogItemParamsSchema,
        body: CatalogItemsBodySchema,
        response: { [w.status]: CatalogSuccessSchema, ...catalogErrorResponses(400, 404, 415) }
      },
      preValidation: [requireRestKey(w.permission), catalogBody()],
      handler: async (request, reply) => {
        request.effects = catalogs.writeItem(request.restContext, request.params.catalog_name, request.params.item_id, w.mode, request.body)
        return reply.code(w.status).send({ message: 'success' as const })
      }
    })
  }

  app.delete('/catalogs/:catalog_name/items/:item_id', {
    schema: {
      tags: ['catalogs'],
      summary: 'Delete a catalog item',
      description: '202 once stored; a missing item is 404 `item-not-found`.',
      params: CatalogItemParamsSchema,
      response: { 202: CatalogSuccessSchema, ...catalogErrorResponses(400, 404) }
    },
    preValidation: requireRestKey('catalogs.delete_item')
  }, async (request, reply) => {
    catalogs.deleteItem(request.restContext, request.params.catalog_name, request.params.item_id)
    return reply.code(202).send({ message: 'success' as const })
  })
}

export default routes
