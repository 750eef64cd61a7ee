/**
 * GET /sms/invalid_phone_numbers and POST /sms/invalid_phone_numbers/remove (braze-docs
 * _docs/_api/endpoints/sms/*.md). Default 250,000/hour pool. Remove's success body [inferred].
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import { SmsInvalidQuerySchema, SmsInvalidRemoveSchema, SmsInvalidResponseSchema, queryList } from '../../schemas/subscriptions/subscriptions.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/sms/invalid_phone_numbers', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Query invalid phone numbers',
      description: '`start_date` and `end_date`, or `phone_numbers` (which win over the dates); optional `reason`; newest first; `limit` ≤ 500.',
      querystring: SmsInvalidQuerySchema,
      response: { 200: SmsInvalidResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('sms.invalid_phone_numbers')
  }, async (request) => {
    const q = request.query
    const sms = app.services.subscriptions.invalidPhones(request.restContext, { ...q, phone_numbers: queryList(q, 'phone_numbers') })
    request.effects = { numbers: sms.length }
    return { sms, message: 'success' as const }
  })

  app.post('/sms/invalid_phone_numbers/remove', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Remove invalid phone numbers',
      description: 'Up to 50 `phone_numbers` leave the invalid list, so sends may reach them again; numbers not on the list are ignored.',
      body: SmsInvalidRemoveSchema,
      response: { 201: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 403, 415) }
    },
    preValidation: requireRestKey('sms.invalid_phone_numbers.remove')
  }, async (request, reply) => {
    request.effects = app.services.subscriptions.removeInvalidPhones(request.restContext, request.body.phone_numbers)
    return reply.code(201).send({ message: 'success' as const })
  })
}

export default routes
