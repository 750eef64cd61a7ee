import type { FastifyReply, FastifyRequest } from 'fastify'
import type { PricingModel } from '../../domain/workspaces/workspace-service.js'
import { poolOf } from '../../domain/toolkit/rate-limits.js'

/**
 * Counts one request against the workspace's rate-limit pool for this route and sets the
 * `x-ratelimit-*` headers (or throws the 429). Called by the auth hooks as soon as the
 * credentials name the workspace, so 403s, validation 400s and handler errors carry the headers
 * too, as Braze sends them on every answer of an authenticated request (api_limits.md).
 * The MAU header semantics (seconds remaining, `x-ratelimit-retry-after`) are documented for
 * /users/track only (post_user_track.md), so only its pool uses them ([inferred]).
 */
export function countRequest (
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: { workspacePk: number, pricingModel?: PricingModel | undefined, onboardedAt?: number | undefined }
): void {
  const routeUrl = request.routeOptions.url ?? ''
  const poolCtx = { onboardedAt: ctx.onboardedAt, body: request.body }
  const semantics = ctx.pricingModel === 'mau' && poolOf(request.method, routeUrl, poolCtx) === 'users.track' ? 'mau' : 'data_points'
  const { headers } = request.server.services.rateLimits.consume(ctx.workspacePk, request.method, routeUrl, { ...poolCtx, semantics })
  reply.headers(headers)
}
