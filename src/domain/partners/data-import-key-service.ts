/**
 * Data import keys: what a customer generates under Partner Integrations → Technology Partners
 * → {Partner} (braze-docs cohort_import.md). Several may be active; invalidation is immediate.
 */
import { maskKey } from '../shared/secrets.js'
import { toIso, type Clock } from '../shared/clock.js'
import { FakeConflict, FakeNotFound } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { findPartner } from '../shared/partners.js'
import type { DataImportKeyRepository } from '../../repositories/partners/data-import-key-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { DataImportKeyRow, WorkspaceRow } from '../../db/schema/workspaces.js'

export interface DataImportKeyView {
  key: string
  partner: string
  status: 'active' | 'invalidated'
  created_at: string
  invalidated_at?: string
}

export type DataImportKeyService = ReturnType<typeof createDataImportKeyService>

export function createDataImportKeyService (deps: {
  keys: DataImportKeyRepository
  workspaces: WorkspaceRepository
  transaction: RunInTransaction
  clock: Clock
}) {
  const { keys, transaction, clock } = deps

  function scope (workspaceId: string, partner: string): WorkspaceRow {
    const ws = deps.workspaces.findById(workspaceId)
    if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
    if (findPartner(partner) === undefined) throw new FakeNotFound('Partner', partner)
    return ws
  }

  return {
    /** Issues a key; `key` lets seed files and CI pin a known value. */
    issue (workspaceId: string, partner: string, input: { key?: string | undefined }): DataImportKeyView {
      return transaction(() => {
        const ws = scope(workspaceId, partner)
        const key = input.key ?? newKey()
        if (keys.findByKey(key) !== undefined) throw new FakeConflict('That data import key is already in use')
        return keyView(keys.insert({ key, workspacePk: ws.pk, partner, status: 'active', createdAt: clock.now(), invalidatedAt: null }))
      })
    },
    /** Keys are masked (maskKey) unless `reveal`: a listing is where an exposed control plane would leak them. */
    list (workspaceId: string, partner: string, opts: { reveal?: boolean } = {}): DataImportKeyView[] {
      const views = keys.list(scope(workspaceId, partner).pk, partner).map(keyView)
      return opts.reveal === true ? views : views.map((v) => ({ ...v, key: maskKey(v.key) }))
    },
    invalidate (workspaceId: string, partner: string, key: string): DataImportKeyView {
      return transaction(() => {
        const ws = scope(workspaceId, partner)
        const found = keys.findByKey(key)
        if (found === undefined || found.workspace.pk !== ws.pk || found.key.partner !== partner) {
          throw new FakeNotFound('Data import key', '(redacted)')
        }
        // Invalidating twice is harmless and keeps the first invalidated_at.
        if (found.key.status === 'invalidated') return keyView(found.key)
        return keyView(keys.invalidate(found.key.pk, clock.now()))
      })
    }
  }
}

export function keyView (k: DataImportKeyRow): DataImportKeyView {
  return {
    key: k.key,
    partner: k.partner,
    status: k.status,
    created_at: toIso(k.createdAt),
    ...(k.invalidatedAt !== null && { invalidated_at: toIso(k.invalidatedAt) })
  }
}
