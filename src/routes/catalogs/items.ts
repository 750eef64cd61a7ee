/**
 * The asynchronous bulk item endpoints (202 once stored; visible after the visibility delay) and
 * the paged item list [D CAT-BP, CAT-BPA, CAT-BPU, CAT-BD, CAT-IL]. Bulk writes share a
 * 16,000/min pool; the list shares the 50/min pool of the single-item endpoints (§1.2).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { WriteMode } from '../../domain/catalogs/catalog-rules.js'
import type { RestPermission } from '../../domain/shared/rest-permissions.js'
import {
  CatalogItemsBodySchema, CatalogItemsQuerySchema, CatalogItemsResponseSchema, CatalogParamsSchema, CatalogSuccessSchema, catalogErrorResponses
} from '../../schemas/catalogs/catalogs.js'
import { requireRestKey } from '../shared/rest-authenticate.js'
import { catalogBody } from './body.js'

const BULK: Array<{ method: 'POST' | 'PATCH' | 'PUT', mode: WriteMode, permission: RestPermission, summary: string, description: string }> = [
  { method: 'POST', mode: 'create', permission: 'catalogs.add_items', summary: 'Create multiple catalog items', description: 'Up to 50 items. An id that already exists is left unchanged ([inferred]).' },
  { method: 'PATCH', mode: 'update', permission: 'catalogs.update_items', summary: 'Edit multiple catalog items', description: 'Up to 50 items; only the named fields change; array fields take `{"$add": [...], "$remove": [...]}`. Unknown ids are ignored ([inferred]).' },
  { method: 'PUT', mode: 'replace', permission: 'catalogs.replace_items', summary: 'Update (replace) multiple catalog items', description: 'Up to 50 items; each replaces the stored item (fields not sent become absent) or creates it.' }
]

const routes: FastifyPluginAsyncZod = async (app) => {
  const catalogs = app.services.catalogs

  for (const b of BULK) {
    app.route({
      method: b.method,
      url: '/catalogs/:catalog_name/items',
      schema: {
        tags: ['catalogs'],
        summary: b.summary,
        description: `${b.description} Asynchronous: 202 once validated and stored; visible after the visibility delay (/_fake/visibility).`,
        params: CatalogParamsSchema,
        body: CatalogItemsBodySchema,
        response: { 202: CatalogSuccessSchema, ...catalogErrorResponses(400, 404, 415) }
      },
      preValidation: [requireRestKey(b.permission), catalogBody()],
      handler: async (request, reply) => {
        request.effects = catalogs.bulkWrite(request.restContext, request.params.catalog_name, b.mode, request.body)
        return reply.code(202).send({ message: 'success' as const })
      }
    })
  }

  app.delete('/catalogs/:catalog_name/items', {
    schema: {
      tags: ['catalogs'],
      summary: 'Delete multiple catalog items',
      description: 'Up to 50 `{"id"}` objects; unknown ids are ignored ([inferred]). Asynchronous: 202 once stored.',
      params: CatalogParamsSchema,
      body: CatalogItemsBodySchema,
      response: { 202: CatalogSuccessSchema, ...catalogErrorResponses(400, 404, 415) }
    },
    preValidation: [requireRestKey('catalogs.delete_items'), catalogBody()]
  }, async (request, reply) => {
    request.effects = catalogs.bulkDelete(request.restContext, request.params.catalog_name, request.body)
    return reply.code(202).send({ message: 'success' as const })
  })

  app.get('/catalogs/:catalog_name/items', {
    schema: {
      tags: ['catalogs'],
      summary: 'List multiple catalog item details',
      description: '50 items a page in creation order. More pages are linked in the `Link` header (`rel="prev"`, `rel="next"`; relative URLs); no header when everything fits one page. A bad `cursor` is 400 `invalid-cursor`.',
      params: CatalogParamsSchema,
      querystring: CatalogItemsQuerySchema,
      response: { 200: CatalogItemsResponseSchema, ...catalogErrorResponses(400, 404) }
    },
    preValidation: requireRestKey('catalogs.get_items')
  }, async (request, reply) => {
    const name = request.params.catalog_name
    const page = catalogs.items(request.restContext, name, request.query.cursor)
    const base = `/catalogs/${encodeURIComponent(name)}/items?cursor=`
    const links = [
      ...(page.prev !== undefined ? [`<${base}${encodeURIComponent(page.prev)}>; rel="prev"`] : []),
      ...(page.next !== undefined ? [`<${base}${encodeURIComponent(page.next)}>; rel="next"`] : [])
    ]
    if (links.length > 0) reply.header('link', links.join(','))
    request.effects = { items: page.items.length }
    return { items: page.items, message: 'success' as const }
  })
}

export default routes
