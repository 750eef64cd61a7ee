/**
 * One-call provisioning for tests (`POST /_fake/workspaces` with `partners`): a workspace, a data
 * import key per partner, the partner API keys, and a REST API key with every permission.
 */
import type { DataImportKeyService } from '../partners/data-import-key-service.js'
import { FakeBadRequest } from '../shared/errors.js'
import { findCluster } from '../shared/clusters.js'
import { findPartner } from '../shared/partners.js'
import type { RestApiKeyService } from './rest-api-key-service.js'
import type { WorkspaceService, WorkspaceSettingsInput, WorkspaceView } from './workspace-service.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'

export interface CreateWorkspaceInput extends WorkspaceSettingsInput {
  id?: string | undefined
  name?: string | undefined
  cluster?: string | undefined
  /** present (even empty) = provision keys as well */
  partners?: string[] | undefined
}

export interface ProvisionedWorkspaceView extends WorkspaceView {
  /** partner → data import key (client_secret) */
  data_import_keys?: Record<string, string>
  /** partner → { us, eu, current }: `current` is the one this workspace's cluster accepts */
  partner_api_keys?: Record<string, { us: string, eu: string, current: string }>
  /** a REST API key with every permission */
  rest_api_key?: string
}

export function createProvisioningService (deps: {
  workspaces: WorkspaceService
  dataImportKeys: DataImportKeyService
  restApiKeys: RestApiKeyService
  partnerApiKeys: Readonly<Record<string, { readonly us: string, readonly eu: string }>>
  transaction: RunInTransaction
}) {
  return {
    createWorkspace (input: CreateWorkspaceInput, baseUrl: string): ProvisionedWorkspaceView {
      const { partners, ...workspace } = input
      if (partners === undefined) return deps.workspaces.create(workspace, baseUrl)
      partners.forEach((p, i) => { if (findPartner(p) === undefined) throw new FakeBadRequest(`body.partners[${i}]: unknown partner '${p}'`) })
      return deps.transaction(() => {
        const ws = deps.workspaces.create(workspace, baseUrl)
        const region = findCluster(ws.cluster)?.partnerKeyRegion ?? 'us'
        const dataImportKeys: Record<string, string> = {}
        const partnerApiKeys: Record<string, { us: string, eu: string, current: string }> = {}
        for (const p of new Set(partners)) {
          dataImportKeys[p] = deps.dataImportKeys.issue(ws.id, p, {}).key
          const keys = deps.partnerApiKeys[p]!
          partnerApiKeys[p] = { us: keys.us, eu: keys.eu, current: keys[region] }
        }
        const rest = deps.restApiKeys.issue(ws.id, { name: 'fake-braze test key' })
        return { ...ws, data_import_keys: dataImportKeys, partner_api_keys: partnerApiKeys, rest_api_key: rest.key }
      })
    }
  }
}
