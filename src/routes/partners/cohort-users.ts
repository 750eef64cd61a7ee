/**
 * POST /partners/{partner}/cohorts/users — the user cohort endpoint.
 * @see https://www.braze.com/docs/partners/isv_partners/cohort_import/ (braze-docs _docs/_partners/isv_partners/cohort_import.md)
 * Deliberate differences ([inferred], see COVERAGE.md): a never-named cohort_id is accepted and
 * the cohort appears named by its id; identifiers of unknown users are skipped silently with a
 * 201; success is 201 `{"message":"success"}`. Membership applies synchronously.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import { CohortUsersRequestSchema, PartnerParamsSchema } from '../../schemas/partners/cohorts.js'
import { authenticatePartner } from './authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/partners/:partner/cohorts/users', {
    schema: {
      tags: ['partners'],
      summary: 'Add users to or remove users from a cohort (user cohort endpoint)',
      description: 'Send only deltas. Each `cohort_changes` object is applied in order; `should_remove: true` removes. At most 1,000 `user_ids`, `device_ids` and `aliases` in the whole request. Users that do not exist are skipped; cohort import never creates users.',
      params: PartnerParamsSchema,
      body: CohortUsersRequestSchema,
      response: { 201: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 404, 413, 415, 423) }
    },
    preValidation: authenticatePartner
  }, async (request, reply) => {
    const effects = app.services.cohorts.applyChanges(request.partnerContext, request.body)
    request.effects = effects
    return reply.code(201).send({ message: 'success' })
  })
}

export default routes
