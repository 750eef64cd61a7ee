import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { RestContext } from '../../domain/workspaces/rest-api-key-service.js'
import type { RestPermission } from '../../domain/shared/rest-permissions.js'

declare module 'fastify' {
  interface FastifyRequest {
    restContext: RestContext
  }
}

/**
 * preValidation hook for Braze REST endpoints: the Bearer key is checked before the body, so
 * a bad key is a 401 (and a key without `permission` a 403) whatever the body holds.
 */
export function requireRestKey (permission: RestPermission): preValidationAsyncHookHandler {
  return async function (this: unknown, request: FastifyRequest) {
    request.restContext = request.server.services.restApiKeys.authenticate(request.headers.authorization, request.cluster, permission)
  }
}
