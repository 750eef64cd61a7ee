/** Control plane: the built-in partners, their filter names and partner API keys. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { PARTNERS, filterId, filterName } from '../../domain/partners.js'
import { PartnerListSchema } from '../../schemas/fake/partners.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/partners', {
    schema: { tags: ['fake'], summary: 'List cohort-import partners and their partner API keys', response: { 200: PartnerListSchema } }
  }, async () => ({
    partners: PARTNERS.map((p) => ({
      name: p.name,
      display_name: p.displayName,
      filter_name: filterName(p),
      filter_id: filterId(p),
      api_keys: app.services.config.partnerApiKeys[p.name]!
    }))
  }))
}

export default routes
