/**
 * GET /subscription/status/get (get_list_user_subscription_group_status.md, `subscription.status.get`)
 * and GET /subscription/user/status (get_list_user_subscription_groups.md, `subscription.groups.get`).
 * Bodies sent with these GETs are ignored (some clients send `null`) [C MOZ].
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { brazeErrorResponses } from '../../schemas/shared/common.js'
import {
  SubscriptionStatusGetQuerySchema, SubscriptionStatusGetResponseSchema, SubscriptionUserStatusQuerySchema, SubscriptionUserStatusResponseSchema, queryList
} from '../../schemas/subscriptions/subscriptions.js'
import { requireRestKey } from '../shared/rest-authenticate.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/subscription/status/get', {
    schema: {
      tags: ['subscriptions'],
      summary: 'List user\'s subscription group status',
      description: 'States are `Subscribed`, `Unsubscribed` or `Unknown` (no history), keyed by the identifiers queried. With `external_id`, it alone drives the query.',
      querystring: SubscriptionStatusGetQuerySchema,
      response: { 200: SubscriptionStatusGetResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('subscription.status.get')
  }, async (request) => {
    const q = request.query
    const status = app.services.subscriptions.getStatus(request.restContext, {
      subscription_group_id: q.subscription_group_id, external_id: queryList(q, 'external_id'), email: queryList(q, 'email'), phone: queryList(q, 'phone')
    })
    request.effects = { identifiers: Object.keys(status).length }
    return { status, message: 'success' as const }
  })

  app.get('/subscription/user/status', {
    schema: {
      tags: ['subscriptions'],
      summary: 'List user\'s subscription groups',
      description: 'Each user\'s groups with at least one state change; users sharing an email or phone are listed separately. `limit` ≤ 100.',
      querystring: SubscriptionUserStatusQuerySchema,
      response: { 200: SubscriptionUserStatusResponseSchema, ...brazeErrorResponses(400, 401, 403) }
    },
    preValidation: requireRestKey('subscription.groups.get')
  }, async (request) => {
    const q = request.query
    const out = app.services.subscriptions.userStatus(request.restContext, {
      external_id: queryList(q, 'external_id'), email: queryList(q, 'email'), phone: queryList(q, 'phone'), limit: q.limit, offset: q.offset
    })
    request.effects = { users: out.users.length }
    return { ...out, message: 'success' as const }
  })
}

export default routes
