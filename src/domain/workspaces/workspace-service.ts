/**
 * Workspaces for the control plane: create, list, inspect, delete one, reset all. Deletion
 * walks every workspace-scoped store the services plugin registers, in one transaction, so
 * later areas (segments, journal, …) take part by being listed there.
 */
import { toIso, type Clock } from '../shared/clock.js'
import { CLUSTER_IDS, findCluster } from '../shared/clusters.js'
import { FakeBadRequest, FakeConflict, FakeNotFound } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { WorkspaceRow } from '../../db/schema/workspaces.js'

export interface WorkspaceScopedStore {
  deleteWorkspaceData: (workspacePk: number) => void
  clearAll: () => void
}

export interface WorkspaceView {
  id: string
  name: string
  cluster: string
  rest_host: string
  rest_endpoint: string
  created_at: string
  /** the company's onboarding date: on or after 2024-08-22, /users/export/ids requires fields_to_export */
  onboarded_at: string
  /** 'data_points' or 'mau': /users/track's object cap and the rate-limit header semantics */
  pricing_model: PricingModel
  /** whether the legacy `api_key` body/query parameter is accepted (null: the server's --legacy-api-key) */
  legacy_api_key: boolean | null
}

export type PricingModel = 'data_points' | 'mau'

export interface WorkspaceSettingsInput {
  onboarded_at?: string | undefined
  pricing_model?: PricingModel | undefined
  legacy_api_key?: boolean | null | undefined
}

function parseOnboardedAt (value: string): number {
  const ms = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) throw new FakeBadRequest('body.onboarded_at: must be an ISO-8601 date (YYYY-MM-DD) or date-time')
  return ms
}

function settingsColumns (input: WorkspaceSettingsInput): Partial<Pick<WorkspaceRow, 'onboardedAt' | 'pricingModel' | 'legacyApiKey'>> {
  return {
    ...(input.onboarded_at !== undefined && { onboardedAt: parseOnboardedAt(input.onboarded_at) }),
    ...(input.pricing_model !== undefined && { pricingModel: input.pricing_model }),
    ...(input.legacy_api_key !== undefined && { legacyApiKey: input.legacy_api_key })
  }
}

export type WorkspaceService = ReturnType<typeof createWorkspaceService>

export function createWorkspaceService (deps: {
  workspaces: WorkspaceRepository
  stores: readonly WorkspaceScopedStore[]
  transaction: RunInTransaction
  clock: Clock
  defaultCluster: string
}) {
  const { workspaces, transaction, clock } = deps

  return {
    create (input: { id?: string | undefined, name?: string | undefined, cluster?: string | undefined } & WorkspaceSettingsInput, baseUrl: string): WorkspaceView {
      const cluster = input.cluster ?? deps.defaultCluster
      if (findCluster(cluster) === undefined) {
        throw new FakeBadRequest(`Unknown cluster '${cluster}'; expected one of ${CLUSTER_IDS.join(', ')}`)
      }
      return transaction(() => {
        const id = input.id ?? newKey()
        if (workspaces.findById(id) !== undefined) throw new FakeConflict(`Workspace ${id} already exists`)
        const now = clock.now()
        const row = workspaces.insert({
          id, name: input.name ?? `Workspace ${id.slice(0, 8)}`, cluster, createdAt: now,
          onboardedAt: null, pricingModel: 'data_points', legacyApiKey: null, ...settingsColumns(input)
        })
        return workspaceView(row, baseUrl)
      })
    },
    /** Control plane: changes a workspace's Braze-side settings (onboarding date, pricing model, legacy api_key). */
    updateSettings (id: string, input: WorkspaceSettingsInput, baseUrl: string): WorkspaceView {
      const columns = settingsColumns(input)
      return transaction(() => {
        const row = this.require(id)
        return workspaceView(Object.keys(columns).length === 0 ? row : workspaces.update(row.pk, columns), baseUrl)
      })
    },
    list (baseUrl: string): WorkspaceView[] {
      return workspaces.list().map((w) => workspaceView(w, baseUrl))
    },
    get (id: string, baseUrl: string): WorkspaceView {
      return workspaceView(this.require(id), baseUrl)
    },
    require (id: string): WorkspaceRow {
      const row = workspaces.findById(id)
      if (row === undefined) throw new FakeNotFound('Workspace', id)
      return row
    },
    delete (id: string): void {
      transaction(() => {
        const row = this.require(id)
        for (const store of deps.stores) store.deleteWorkspaceData(row.pk)
      })
    },
    reset (): void {
      transaction(() => { for (const store of deps.stores) store.clearAll() })
    }
  }
}

export function workspaceView (w: WorkspaceRow, baseUrl: string): WorkspaceView {
  const restHost = findCluster(w.cluster)?.restHost ?? w.cluster
  return {
    id: w.id,
    name: w.name,
    cluster: w.cluster,
    rest_host: `https://${restHost}`,
    rest_endpoint: `${baseUrl.replace(/\/$/, '')}/${restHost}`,
    created_at: toIso(w.createdAt),
    onboarded_at: toIso(onboardedAt(w)),
    pricing_model: w.pricingModel,
    legacy_api_key: w.legacyApiKey
  }
}

/** The onboarding date; a workspace created without one was onboarded when it was created. */
export function onboardedAt (w: Pick<WorkspaceRow, 'onboardedAt' | 'createdAt'>): number {
  return w.onboardedAt ?? w.createdAt
}
