/** Control plane: the built-in partners, their filter names and partner API keys. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { partnerViews } from '../../../domain/shared/partners.js'
import { PartnerListSchema } from '../../../schemas/partners/control/partners.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/partners', {
    schema: { tags: ['fake'], summary: 'List cohort-import partners and their partner API keys', description: 'The built-in partners with their display name, cohort filter name and id, and the partner API keys they send for US (and AU) and EU clusters.', response: { 200: PartnerListSchema } }
  }, async () => ({ partners: partnerViews(app.services.config.partnerApiKeys) }))
}

export default routes
