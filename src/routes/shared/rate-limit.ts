import type { FastifyReply, FastifyRequest } from 'fastify'
import type { PricingModel } from '../../domain/workspaces/workspace-service.js'

/**
 * Counts one request against the workspace's rate-limit pool for this route and sets the
 * `x-ratelimit-*` headers (or throws the 429). Called by the auth hooks as soon as the
 * credentials name the workspace, so 403s, validation 400s and handler errors carry the headers
 * too, as Braze sends them on every answer of an authenticated request (api_limits.md).
 */
export function countRequest (
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { workspacePk: number, pricingModel?: PricingModel | undefined, onboardedAt?: number | undefined }
): void {
  const { headers } = request.server.services.rateLimits.consume(ctx.workspacePk, request.method, request.routeOptions.url ?? '', {
    onboardedAt: ctx.onboardedAt, body: request.body, pricingModel: ctx.pricingModel
  })
  reply.headers(headers)
}
