/**
 * POST /subscription/status/set (v1) and POST /v2/subscription/status/set — braze-docs
 * post_update_user_subscription_group_status.md and …_v2.md. Both need `subscription.status.set`
 * and share one 5,000/min pool. Each request applies whole or not at all. Success bodies:
 * v1 documented, v2 [inferred] `201 {"message":"success"}`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import { SubscriptionStatusSetSchema, SubscriptionStatusSetV2Schema } from '../../schemas/subscriptions/subscriptions.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const response = { 201: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 403, 415) }

  app.post('/subscription/status/set', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Update user subscription group status',
      description: 'One group; `external_id`, or `email` (email groups) or `phone` (SMS groups), each a string or up to 50. An email or phone on no profile gets a new email-only / phone-only profile.',
      body: SubscriptionStatusSetSchema,
      response
    },
    preValidation: requireRestKey('subscription.status.set')
  }, async (request, reply) => {
    request.effects = app.services.subscriptions.setStatusV1(request.restContext, request.body)
    return reply.code(201).send({ message: 'success' as const })
  })

  app.post('/v2/subscription/status/set', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Update user subscription group status (V2)',
      description: 'Several groups per request; `emails` and `phones` may not both appear in one request; up to 50 identifiers per list.',
      body: SubscriptionStatusSetV2Schema,
      response
    },
    preValidation: requireRestKey('subscription.status.set')
  }, async (request, reply) => {
    request.effects = app.services.subscriptions.setStatusV2(request.restContext, request.body.subscription_groups.map((g) => ({
      subscription_group_id: g.subscription_group_id, subscription_state: g.subscription_state, external_ids: g.external_ids, emails: g.emails, phones: g.phones
    })))
    return reply.code(201).send({ message: 'success' as const })
  })
}

export default routes
