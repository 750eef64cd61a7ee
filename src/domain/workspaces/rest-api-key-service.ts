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

export interface RestContext {
  readonly workspacePk: number
  readonly workspaceId: string
  readonly cluster: ClusterDefinition
  readonly permissions: readonly string[]
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
     * Checks `Authorization: Bearer <key>` for a REST endpoint needing `permission`.
     * @see https://www.braze.com/docs/api/errors/ (401 / 403)
     */
    authenticate (authorization: string | undefined, cluster: ClusterDefinition, permission: RestPermission): RestContext {
      const presented = bearerToken(authorization)
      const found = presented === '' ? undefined : keys.findByKey(presented)
      if (found === undefined || found.key.revokedAt !== null || found.workspace.cluster !== cluster.id) {
        throw new InvalidApiKey(presented)
      }
      if (!found.key.permissions.includes(permission)) throw new AccessDenied()
      return { workspacePk: found.workspace.pk, workspaceId: found.workspace.id, cluster, permissions: found.key.permissions }
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
