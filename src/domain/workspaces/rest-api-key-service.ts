/**
 * REST API keys: issuing them (control plane) and authenticating `Authorization: Bearer` calls
 * as braze-docs `_docs/_api/errors.md` and `_docs/_api/basics.md` describe: a missing, unknown,
 * quoted or revoked key, or one of a workspace on another cluster, is 401
 * "Invalid API key: <key>" (text observed by RudderStack's fixtures); a key without the
 * endpoint's permission is 403 "Access Denied".
 */
import { maskKey } from '../shared/secrets.js'
import { toIso, type Clock } from '../shared/clock.js'
import type { ClusterDefinition } from '../shared/clusters.js'
import { AccessDenied, FakeBadRequest, FakeConflict, FakeNotFound, InvalidApiKey } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { REST_PERMISSIONS, isRestPermission, type RestPermission } from '../shared/rest-permissions.js'
import type { RestApiKeyRepository } from '../../repositories/workspaces/rest-api-key-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { RestApiKeyRow } from '../../db/schema/rest-api-keys.js'
import { findCluster } from '../shared/clusters.js'
import { onboardedAt, type PricingModel } from './workspace-service.js'

export interface RestContext {
  readonly workspacePk: number
  readonly workspaceId: string
  readonly cluster: ClusterDefinition
  readonly permissions: readonly string[]
  /** the workspace's pricing model: /users/track object caps and rate-limit header semantics */
  readonly pricingModel: PricingModel
  /** the company's onboarding date (epoch ms): decides whether /users/export/ids needs fields_to_export */
  readonly onboardedAt: number
}

/** What a REST request presents: the Authorization header, else the legacy `api_key` (query or JSON body). */
export interface RestCredentials {
  authorization: string | undefined
  /** `api_key` from the query string or the JSON body (braze-reference-messaging §1.4) */
  legacyApiKey: unknown
}

export interface RestApiKeyView {
  key: string
  name: string
  permissions: string[]
  created_at: string
  revoked_at?: string
}

export type RestApiKeyService = ReturnType<typeof createRestApiKeyService>

export function createRestApiKeyService (deps: {
  keys: RestApiKeyRepository
  workspaces: WorkspaceRepository
  transaction: RunInTransaction
  clock: Clock
  /** the server's --legacy-api-key: whether `api_key` is accepted where a workspace does not say */
  legacyApiKeyDefault: boolean
}) {
  const { keys, transaction, clock } = deps

  function workspacePk (workspaceId: string): number {
    const ws = deps.workspaces.findById(workspaceId)
    if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return ws.pk
  }

  return {
    /** Issues a key; default permissions are all of them; `key` pins a value for CI. */
    issue (workspaceId: string, input: { key?: string | undefined, name?: string | undefined, permissions?: string[] | undefined }): RestApiKeyView {
      const permissions = input.permissions ?? [...REST_PERMISSIONS]
      const unknown = permissions.filter((p) => !isRestPermission(p))
      if (unknown.length > 0) throw new FakeBadRequest(`Unknown permission(s): ${unknown.join(', ')}`)
      return transaction(() => {
        const pk = workspacePk(workspaceId)
        const key = input.key ?? newKey()
        if (keys.findByKey(key) !== undefined) throw new FakeConflict('That REST API key is already in use')
        return keyView(keys.insert({ key, workspacePk: pk, name: input.name ?? 'fake-braze key', permissions: [...new Set(permissions)], createdAt: clock.now(), revokedAt: null }))
      })
    },
    /** Keys are masked (maskKey) unless `reveal`: a listing is where an exposed control plane would leak them. */
    list (workspaceId: string, opts: { reveal?: boolean } = {}): RestApiKeyView[] {
      const views = keys.list(workspacePk(workspaceId)).map(keyView)
      return opts.reveal === true ? views : views.map((v) => ({ ...v, key: maskKey(v.key) }))
    },
    revoke (workspaceId: string, key: string): RestApiKeyView {
      return transaction(() => {
        const found = keys.findByKey(key)
        const pk = workspacePk(workspaceId)
        if (found === undefined || found.workspace.pk !== pk) throw new FakeNotFound('REST API key', '(redacted)')
        if (found.key.revokedAt !== null) return keyView(found.key)
        return keyView(keys.revoke(pk, key, clock.now())!)
      })
    },

    /**
     * Finds the workspace of the key a REST request presents, or throws Braze's 401.
     * - The `Authorization` header wins; without one, the legacy `api_key` (query or body) is
     *   used unless the workspace (or the server flag) refuses it (braze-reference-messaging §1.4).
     * - `cluster` is the cluster the request named (path prefix or Braze Host): a key of another
     *   cluster's workspace is 401. `null` means the request named none (a client that joined an
     *   absolute path onto the workspace URL, or that talks to the fake's bare host): it is then
     *   served on the cluster of the key's workspace, as Braze's own bare REST host would be.
     * @see https://www.braze.com/docs/api/errors/ (401)
     */
    identify (credentials: RestCredentials, cluster: ClusterDefinition | null): RestContext {
      const viaHeader = credentials.authorization !== undefined
      const legacy = credentials.legacyApiKey
      const presented = viaHeader ? bearerToken(credentials.authorization) : (typeof legacy === 'string' ? legacy : '')
      const found = presented === '' ? undefined : keys.findByKey(presented)
      if (found === undefined || found.key.revokedAt !== null || (cluster !== null && found.workspace.cluster !== cluster.id)) {
        throw new InvalidApiKey(presented)
      }
      // [inferred] With the fallback switched off, an `api_key` parameter is as good as no key at all.
      if (!viaHeader && !(found.workspace.legacyApiKey ?? deps.legacyApiKeyDefault)) throw new InvalidApiKey('')
      return {
        workspacePk: found.workspace.pk,
        workspaceId: found.workspace.id,
        cluster: cluster ?? findCluster(found.workspace.cluster)!,
        permissions: found.key.permissions,
        pricingModel: found.workspace.pricingModel,
        onboardedAt: onboardedAt(found.workspace)
      }
    },

    /** identify + authorize in one step (the route hook counts the rate limit between the two). */
    authenticate (authorization: string | undefined, cluster: ClusterDefinition | null, permission: RestPermission): RestContext {
      const ctx = this.identify({ authorization, legacyApiKey: undefined }, cluster)
      this.authorize(ctx, permission)
      return ctx
    },

    /** 403 "Access Denied" for a key without the endpoint's permission (checked after the rate limit is counted). */
    authorize (context: RestContext, permission: RestPermission): void {
      if (!context.permissions.includes(permission)) throw new AccessDenied()
    }
  }
}

/** The key as presented: quotes are kept, so a quoted key fails as Braze documents. */
export function bearerToken (authorization: string | undefined): string {
  if (authorization === undefined) return ''
  const m = /^Bearer\s+(.*)$/i.exec(authorization.trim())
  return (m === null ? authorization : m[1]!).trim()
}

export function keyView (k: RestApiKeyRow): RestApiKeyView {
  return {
    key: k.key,
    name: k.name,
    permissions: k.permissions,
    created_at: toIso(k.createdAt),
    ...(k.revokedAt !== null && { revoked_at: toIso(k.revokedAt) })
  }
}
