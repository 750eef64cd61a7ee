/**
 * Which workspace a Braze request's credentials name, before the route authenticates it: the
 * `client_secret` of a partner call or the Bearer key of a REST call. Used by hooks that run
 * ahead of the handler (workspace-scoped faults); it validates nothing.
 */
import { bearerToken } from '../workspaces/rest-api-key-service.js'
import type { DataImportKeyRepository } from '../../repositories/partners/data-import-key-repository.js'
import type { RestApiKeyRepository } from '../../repositories/workspaces/rest-api-key-repository.js'

export function createCredentialResolver (deps: { keys: DataImportKeyRepository, restKeys: RestApiKeyRepository }) {
  return {
    /** `queryApiKey`: the legacy `?api_key=`, used like a body `api_key` when no Authorization header is sent. */
    workspaceId (body: unknown, authorization: string | undefined, queryApiKey?: unknown): string | undefined {
      const secret = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).client_secret : undefined
      if (typeof secret === 'string' && secret !== '') return deps.keys.findByKey(secret)?.workspace.id
      const bodyKey = body !== null && typeof body === 'object' ? (body as Record<string, unknown>).api_key : undefined
      const legacy = authorization === undefined ? (typeof queryApiKey === 'string' ? queryApiKey : bodyKey) : undefined
      const bearer = typeof legacy === 'string' ? legacy : bearerToken(authorization)
      return bearer === '' ? undefined : deps.restKeys.findByKey(bearer)?.workspace.id
    }
  }
}
