/** Control plane: the built-in partners, their filter names and partner API keys. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { partnerViews } from '../../../domain/shared/partners.js'
import { PartnerListSchema } from '../../../schemas/partners/control/partners.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/partners', {
    schema: { tags: ['fake'], summary: 'List cohort-import partners and their partner API keys', response: { 200: PartnerListSchema } }
  }, async () => ({ partners: partnerViews(app.services.config.partnerApiKeys) }))
}

export default routes
