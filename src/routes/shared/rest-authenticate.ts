import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { RestContext } from '../../domain/workspaces/rest-api-key-service.js'
import type { RestPermission } from '../../domain/shared/rest-permissions.js'
import { countRequest } from './rate-limit.js'

declare module 'fastify' {
  interface FastifyRequest {
    restContext: RestContext
  }
}

/** The legacy `api_key` parameter: the query string first, then the JSON body (braze-reference-messaging §1.4). */
function legacyApiKey (request: FastifyRequest): unknown {
  const query = request.query as Record<string, unknown> | undefined
  if (typeof query?.api_key === 'string') return query.api_key
  const body = request.body
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).api_key : undefined
}

const REST_PERMISSION = Symbol('fake-braze.restPermission')

/**
 * preValidation hook for Braze REST endpoints, in Braze's order:
 * 1. the key (`Authorization: Bearer`, else the legacy `api_key`): 401 whatever the body holds;
 *    a request that named no cluster is served on the cluster of the key's workspace;
 * 2. the rate limit (429), whose `x-ratelimit-*` headers every later answer carries;
 * 3. the permission (403);
 * 4. a body that could not be read (400 malformed JSON, 415 wrong Content-Type), held back
 *    by the body parser until now; then the route's schema validates the body (400).
 */
export function requireRestKey (permission: RestPermission): preValidationAsyncHookHandler {
  const hook = async function (this: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const keys = request.server.services.restApiKeys
    const ctx = keys.identify(
      { authorization: request.headers.authorization, legacyApiKey: legacyApiKey(request) },
      request.clusterNamed ? request.cluster : null
    )
    request.cluster = ctx.cluster
    request.restContext = ctx
    countRequest(request, reply, ctx)
    keys.authorize(ctx, permission)
    if (request.deferredBodyError !== undefined) throw request.deferredBodyError
  }
  return Object.assign(hook, { [REST_PERMISSION]: permission })
}

/** The permission a route's requireRestKey hook demands, if it has one (the OpenAPI security scheme). */
export function restPermissionOf (route: { preValidation?: unknown }): RestPermission | undefined {
  const hooks = [route.preValidation].flat() as Array<{ [REST_PERMISSION]?: RestPermission } | undefined>
  return hooks.find((h) => h?.[REST_PERMISSION] !== undefined)?.[REST_PERMISSION]
}
