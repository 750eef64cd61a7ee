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
    create (input: { id?: string | undefined, name?: string | undefined, cluster?: string | undefined }, baseUrl: string): WorkspaceView {
      const cluster = input.cluster ?? deps.defaultCluster
      if (findCluster(cluster) === undefined) {
        throw new FakeBadRequest(`Unknown cluster '${cluster}'; expected one of ${CLUSTER_IDS.join(', ')}`)
      }
      return transaction(() => {
        const id = input.id ?? newKey()
        if (workspaces.findById(id) !== undefined) throw new FakeConflict(`Workspace ${id} already exists`)
        const row = workspaces.insert({ id, name: input.name ?? `Workspace ${id.slice(0, 8)}`, cluster, createdAt: clock.now() })
        return workspaceView(row, baseUrl)
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
    created_at: toIso(w.createdAt)
  }
}
