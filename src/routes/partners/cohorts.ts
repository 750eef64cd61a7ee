/**
 * POST /partners/{partner}/cohorts — the cohort name endpoint.
 * @see https://www.braze.com/docs/partners/isv_partners/cohort_import/ (braze-docs _docs/_partners/isv_partners/cohort_import.md)
 * Deliberate differences: success is 201 `{"message":"success"}` ([inferred]; Braze documents
 * no success body, clients only check 2xx); the partner slug list is fake-braze's own.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import { CohortNameRequestSchema, PartnerParamsSchema } from '../../schemas/partners/cohorts.js'
import { authenticatePartner } from './authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/partners/:partner/cohorts', {
    schema: {
      tags: ['partners'],
      summary: 'Create or rename a cohort (cohort name endpoint)',
      description: 'Called when a cohort is first exported and whenever its name changes. Re-posting a known `cohort_id` renames it.',
      params: PartnerParamsSchema,
      body: CohortNameRequestSchema,
      response: { 201: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 404, 413, 415, 423) }
    },
    preValidation: authenticatePartner
  }, async (request, reply) => {
    request.effects = app.services.cohorts.nameCohort(request.partnerContext, request.body)
    return reply.code(201).send({ message: 'success' })
  })
}

export default routes
