/**
 * POST /catalogs/{n}/fields [D CAT-FC] and DELETE /catalogs/{n}/fields/{field_name} [D CAT-FD]:
 * `catalogs.create_fields` / `catalogs.delete_fields`, 202, one 50/min pool (§1.2).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import {
  CatalogFieldParamsSchema, CatalogFieldsBodySchema, CatalogParamsSchema, CatalogSuccessSchema, catalogErrorResponses
} from '../../schemas/catalogs/catalogs.js'
import { requireRestKey } from '../shared/rest-authenticate.js'
import { catalogBody } from './body.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const catalogs = app.services.catalogs

  app.post('/catalogs/:catalog_name/fields', {
    schema: {
      tags: ['catalogs'],
      summary: 'Create catalog fields',
      description: 'Up to 50 new `{name, type}` fields; the catalog may have 500 in all. 202 once stored.',
      params: CatalogParamsSchema,
      body: CatalogFieldsBodySchema,
      response: { 202: CatalogSuccessSchema, ...catalogErrorResponses(400, 404, 415) }
    },
    preValidation: [requireRestKey('catalogs.create_fields'), catalogBody()]
  }, async (request, reply) => {
    request.effects = { fields: catalogs.addFields(request.restContext, request.params.catalog_name, request.body).map((f) => f.name) }
    return reply.code(202).send({ message: 'success' as const })
  })

  app.delete('/catalogs/:catalog_name/fields/:field_name', {
    schema: {
      tags: ['catalogs'],
      summary: 'Delete a catalog field',
      description: 'The field and its values leave every item. 202 once stored; `id` or an unknown field is 400 `invalid-field-name`.',
      params: CatalogFieldParamsSchema,
      response: { 202: CatalogSuccessSchema, ...catalogErrorResponses(400, 404) }
    },
    preValidation: requireRestKey('catalogs.delete_fields')
  }, async (request, reply) => {
    catalogs.deleteField(request.restContext, request.params.catalog_name, request.params.field_name)
    return reply.code(202).send({ message: 'success' as const })
  })
}

export default routes
