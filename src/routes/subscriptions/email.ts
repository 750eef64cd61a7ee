/**
 * Braze's email list endpoints (braze-docs _docs/_api/endpoints/email/*.md): the global email
 * state by address, unsubscribes and hard bounces, and removals from the bounce and spam lists,
 * the blocklist (legacy path /email/blacklist). All in the default 250,000/hour pool. POST
 * success bodies are not documented: `201 {"message":"success"}` [inferred].
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BrazeSuccessSchema, brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  EmailHardBouncesQuerySchema, EmailHardBouncesResponseSchema, EmailListSchema, EmailStatusSchema, EmailUnsubscribesQuerySchema, EmailUnsubscribesResponseSchema
} from '../../schemas/subscriptions/subscriptions.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const posted = { 201: BrazeSuccessSchema, ...brazeErrorResponses(400, 401, 403, 415) }
  const subs = app.services.subscriptions

  app.post('/email/status', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Change email subscription status',
      description: 'Sets the global email state of every profile with the address; an address on no profile is remembered and applied when a profile gets it.',
      body: EmailStatusSchema,
      response: posted
    },
    preValidation: requireRestKey('email.status')
  }, async (request, reply) => {
    request.effects = subs.emailStatus(request.restContext, request.body)
    return reply.code(201).send({ message: 'success' as const })
  })

  app.get('/email/unsubscribes', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Query list of unsubscribed email addresses',
      description: 'Needs `end_date` and either `start_date` or `email`; newest first unless `sort_direction=asc`; `limit` ≤ 500 (larger values are capped).',
      querystring: EmailUnsubscribesQuerySchema,
      response: { 200: EmailUnsubscribesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('email.unsubscribe')
  }, async (request) => {
    const emails = subs.unsubscribes(request.restContext, request.query)
    request.effects = { emails: emails.length }
    return { emails, message: 'success' as const }
  })

  app.get('/email/hard_bounces', {
    schema: {
      tags: ['subscriptions'],
      summary: 'Query hard bounced emails',
      description: '`start_date` and `end_date`, or `email` (which wins over the dates); newest first; `limit` ≤ 500.',
      querystring: EmailHardBouncesQuerySchema,
      response: { 200: EmailHardBouncesResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('email.hard_bounces')
  }, async (request) => {
    const emails = subs.hardBounces(request.restContext, request.query)
    request.effects = { emails: emails.length }
    return { emails, message: 'success' as const }
  })

  app.post('/email/bounce/remove', {
    schema: { tags: ['subscriptions'], summary: 'Remove hard bounced emails', description: 'Clears the hard-bounced (and blocklisted) mark of each address; addresses that carry none are ignored.', body: EmailListSchema, response: posted },
    preValidation: requireRestKey('email.bounce.remove')
  }, async (request, reply) => {
    request.effects = subs.removeBounces(request.restContext, request.body.email)
    return reply.code(201).send({ message: 'success' as const })
  })

  app.post('/email/spam/remove', {
    schema: { tags: ['subscriptions'], summary: 'Remove email addresses from spam list', description: 'Clears the spam mark of each address; addresses that carry none are ignored.', body: EmailListSchema, response: posted },
    preValidation: requireRestKey('email.spam.remove')
  }, async (request, reply) => {
    request.effects = subs.removeSpam(request.restContext, request.body.email)
    return reply.code(201).send({ message: 'success' as const })
  })

  for (const path of ['/email/blocklist', '/email/blacklist']) {
    app.post(path, {
      schema: {
        tags: ['subscriptions'],
        summary: path === '/email/blocklist' ? 'Blocklist email addresses' : 'Blocklist email addresses (legacy path)',
        description: 'Unsubscribes the address and marks it hard-bounced. Needs `email.blacklist` (there is no `email.blocklist` permission).',
        body: EmailListSchema,
        response: posted
      },
      preValidation: requireRestKey('email.blacklist')
    }, async (request, reply) => {
      request.effects = subs.blocklist(request.restContext, request.body.email)
      return reply.code(201).send({ message: 'success' as const })
    })
  }
}

export default routes
