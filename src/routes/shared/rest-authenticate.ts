import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import type { RestContext } from '../../domain/workspaces/rest-api-key-service.js'
import type { RestPermission } from '../../domain/shared/rest-permissions.js'

declare module 'fastify' {
  interface FastifyRequest {
    restContext: RestContext
  }
}

const REST_PERMISSION = Symbol('fake-braze.restPermission')

/**
 * preValidation hook for Braze REST endpoints: the Bearer key is checked before the body, so
 * a bad key is a 401 (and a key without `permission` a 403) whatever the body holds.
 */
export function requireRestKey (permission: RestPermission): preValidationAsyncHookHandler {
  const hook = async function (this: unknown, request: FastifyRequest): Promise<void> {
    request.restContext = request.server.services.restApiKeys.authenticate(request.headers.authorization, request.cluster, permission)
  }
  return Object.assign(hook, { [REST_PERMISSION]: permission })
}

/** The permission a route's requireRestKey hook demands, if it has one (the OpenAPI security scheme). */
export function restPermissionOf (route: { preValidation?: unknown }): RestPermission | undefined {
  const hooks = [route.preValidation].flat() as Array<{ [REST_PERMISSION]?: RestPermission } | undefined>
  return hooks.find((h) => h?.[REST_PERMISSION] !== undefined)?.[REST_PERMISSION]
}
