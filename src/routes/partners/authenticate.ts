import type { FastifyReply, FastifyRequest } from 'fastify'
import { countRequest } from '../shared/rate-limit.js'
import { BodyNotObject } from '../../domain/shared/errors.js'
import type { PartnerContext } from '../../domain/partners/partner-auth-service.js'

declare module 'fastify' {
  interface FastifyRequest {
    partnerContext: PartnerContext
  }
}

/**
 * preValidation hook of both partner routes: the keys are checked before the rest of the body,
 * so a caller with bad keys gets the documented 401 (even with a missing key, checklist item 3)
 * rather than a 400 about some other field. Callback-style (a throw reaches Fastify's hook runner
 * like a rejection would): an async hook costs a promise and a microtask per request.
 */
export function authenticatePartner (request: FastifyRequest<{ Params: { partner: string } }>, reply: FastifyReply, done: (err?: Error) => void): void {
  const auth = request.server.services.partnerAuth
  auth.partner(request.params.partner)
  const body = request.body
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BodyNotObject()
  const { partner_api_key: partnerApiKey, client_secret: clientSecret } = body as Record<string, unknown>
  const ctx = auth.authenticate({ partnerName: request.params.partner, partnerApiKey, clientSecret, cluster: request.cluster, clusterNamed: request.clusterNamed })
  request.partnerContext = ctx
  request.cluster = ctx.cluster
  // From here on every answer (400s included) carries the partner pool's x-ratelimit-* headers.
  countRequest(request, reply, ctx)
  done()
}
