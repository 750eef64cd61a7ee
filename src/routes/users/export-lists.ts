/**
 * The schema lists that mapping screens (Hightouch, Census) read, derived from what was ingested:
 * @see https://www.braze.com/docs/api/endpoints/export/custom_attributes/get_custom_attributes/
 * @see https://www.braze.com/docs/api/endpoints/export/custom_events/get_custom_events/ (GET /events/list)
 * @see https://www.braze.com/docs/api/endpoints/export/custom_events/get_custom_events_data/ (GET /events)
 * @see https://www.braze.com/docs/api/endpoints/export/purchases/get_list_product_id/
 * The four share 1,000 requests per hour.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  CursorQuerySchema, CustomAttributesResponseSchema, CustomEventsResponseSchema, EventNamesResponseSchema, PageQuerySchema, ProductListResponseSchema
} from '../../schemas/users/export-lists.js'
import { linkHeader } from '../../domain/users/export/export-lists-service.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/custom_attributes', {
    schema: {
      tags: ['users'],
      summary: 'Export custom attributes (50 a page, alphabetical; next page in the Link header)',
      description: 'The custom attributes the workspace has seen (through /users/track and the control plane), with their data type; pass the `cursor` of the `Link: rel="next"` header for the next page.',
      querystring: CursorQuerySchema,
      response: { 200: CustomAttributesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('custom_attributes.get')
  }, async (request, reply) => {
    const page = app.services.exportLists.customAttributes(request.restContext.workspacePk, request.query.cursor)
    const link = linkHeader('/custom_attributes', page)
    if (link !== undefined) reply.header('link', link)
    return { message: 'success' as const, attributes: page.items }
  })

  app.get('/events', {
    schema: {
      tags: ['users'],
      summary: 'Export custom events with their details (50 a page, alphabetical; next page in the Link header)',
      description: 'The custom events the workspace has recorded, with their details; pass the `cursor` of the `Link: rel="next"` header for the next page.',
      querystring: CursorQuerySchema,
      response: { 200: CustomEventsResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('events.get')
  }, async (request, reply) => {
    const page = app.services.exportLists.events(request.restContext.workspacePk, request.query.cursor)
    const link = linkHeader('/events', page)
    if (link !== undefined) reply.header('link', link)
    return { message: 'success' as const, events: page.items }
  })

  app.get('/events/list', {
    schema: {
      tags: ['users'],
      summary: 'Export custom event names (250 a page, alphabetical)',
      description: 'The names of the custom events the workspace has recorded; `page` is 0-based.',
      querystring: PageQuerySchema,
      response: { 200: EventNamesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('events.list')
  }, async (request) => ({ message: 'success' as const, events: app.services.exportLists.eventNames(request.restContext.workspacePk, request.query.page) }))

  app.get('/purchases/product_list', {
    schema: {
      tags: ['users'],
      summary: 'Export product IDs (250 a page, alphabetical)',
      description: 'The product ids of the purchases the workspace has recorded; `page` is 0-based.',
      querystring: PageQuerySchema,
      response: { 200: ProductListResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('purchases.product_list')
  }, async (request) => ({ products: app.services.exportLists.productIds(request.restContext.workspacePk, request.query.page), message: 'success' as const }))
}

export default routes
