/**
 * GET /catalogs [D CAT-LS], POST /catalogs [D CAT-CR], DELETE /catalogs/{catalog_name} [D CAT-DL]:
 * `catalogs.get` / `catalogs.create` / `catalogs.delete`, one 50/min pool (§1.1, §1.2).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  CatalogListResponseSchema, CatalogParamsSchema, CatalogSuccessSchema, CreateCatalogSchema, catalogErrorResponses
} from '../../schemas/catalogs/catalogs.js'
import { requireRestKey } from '../shared/rest-authenticate.js'
import { catalogBody } from './body.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const catalogs = app.services.catalogs

  app.get('/catalogs', {
    schema: {
      tags: ['catalogs'],
      summary: 'List catalogs',
      description: 'Every catalog of the workspace with its fields, item count and last update; no paging.',
      response: { 200: CatalogListResponseSchema, ...catalogErrorResponses() }
    },
    preValidation: requireRestKey('catalogs.get')
  }, async (request) => {
    const list = catalogs.list(request.restContext)
    request.effects = { catalogs: list.length }
    return { catalogs: list, message: 'success' as const }
  })

  app.post('/catalogs', {
    schema: {
      tags: ['catalogs'],
      summary: 'Create catalog',
      description: 'Exactly one catalog; its first field must be `id` of type `string`; at most 500 fields. Names are unique per workspace.',
      body: CreateCatalogSchema,
      response: { 201: CatalogListResponseSchema, ...catalogErrorResponses(400, 415) }
    },
    preValidation: [requireRestKey('catalogs.create'), catalogBody()]
  }, async (request, reply) => {
    const created = catalogs.create(request.restContext, request.body)
    request.effects = { catalog: created.name }
    return reply.code(201).send({ catalogs: [created], message: 'success' as const })
  })

  app.delete('/catalogs/:catalog_name', {
    schema: {
      tags: ['catalogs'],
      summary: 'Delete catalog',
      description: 'Deletes the catalog and its items; the name can be used again.',
      params: CatalogParamsSchema,
      response: { 200: CatalogSuccessSchema, ...catalogErrorResponses(404) }
    },
    preValidation: requireRestKey('catalogs.delete')
  }, async (request) => {
    catalogs.drop(request.restContext, request.params.catalog_name)
    return { message: 'success' as const }
  })
}

export default routes
