/**
 * Seeding and snapshots: loads whole workspaces (fixed ids and keys, users with profiles and
 * event / purchase summaries, cohorts with members and locks, segments with their size history,
 * data point totals) in one transaction, and writes a workspace back out in the same format, so
 * loading a snapshot into a fresh server reproduces the workspace exactly.
 */
import { toIso, type Clock } from '../../shared/clock.js'
import { CLUSTER_IDS, findCluster } from '../../shared/clusters.js'
import { FakeBadRequest, FakeConflict, FakeNotFound } from '../../shared/errors.js'
import { REST_PERMISSIONS, type RestPermission } from '../../shared/rest-permissions.js'
import { loadCohorts, snapshotCohorts } from './seed-cohorts.js'
import { filterError, loadSegments, snapshotSegments } from './seed-segments.js'
import { loadFrequencyCapping, loadMessaging, snapshotMessaging } from './seed-messaging.js'
import type { SeedFile, SeedScope, SeedWorkspace } from './seed-types.js'
import { loadUsers, snapshotUsers } from './seed-users.js'
import { groupLookup, loadGroups, loadGroupStates, loadLists, snapshotSubscriptions } from './seed-subscriptions.js'
import type { DataImportKeyRepository } from '../../../repositories/partners/data-import-key-repository.js'
import type { RestApiKeyRepository } from '../../../repositories/workspaces/rest-api-key-repository.js'
import type { SeedRepository } from '../../../repositories/toolkit/seed-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'
import type { WorkspaceRepository } from '../../../repositories/workspaces/workspace-repository.js'
import type { CatalogService } from '../../catalogs/catalog-service.js'

export type { SeedCohort, SeedEvent, SeedFile, SeedMember, SeedPurchase, SeedSegment, SeedUser, SeedWorkspace } from './seed-types.js'

export type SeedService = ReturnType<typeof createSeedService>

export function createSeedService (deps: {
  seeds: SeedRepository
  workspaces: WorkspaceRepository
  keys: DataImportKeyRepository
  restKeys: RestApiKeyRepository
  transaction: RunInTransaction
  clock: Clock
  /** catalogs load and snapshot through their service (the REST rules check seeded items) */
  catalogs: Pick<CatalogService, 'seed' | 'seedStorageLimit' | 'snapshot'>
}) {
  const { seeds, transaction, clock } = deps

  function loadWorkspace (w: SeedWorkspace, at: string, now: number): { id: string, users: number, cohorts: number } {
    const ms = (iso: string | undefined): number => (iso === undefined ? now : Date.parse(iso))
    const cluster = w.cluster ?? 'iad-01'
    if (findCluster(cluster) === undefined) throw new FakeBadRequest(`${at}.cluster: expected one of ${CLUSTER_IDS.join(', ')}`)
    if (deps.workspaces.findById(w.id) !== undefined) throw new FakeConflict(`${at}.id: workspace ${w.id} already exists`)
    const ws = deps.workspaces.insert({ id: w.id, name: w.name ?? `Workspace ${w.id.slice(0, 8)}`, cluster, createdAt: ms(w.created_at),
      onboardedAt: w.onboarded_at === undefined ? null : ms(w.onboarded_at), pricingModel: w.pricing_model ?? 'data_points', legacyApiKey: w.legacy_api_key ?? null
    })
    ;(w.data_import_keys ?? []).forEach((k, i) => {
      if (deps.keys.findByKey(k.key) !== undefined) throw new FakeConflict(`${at}.data_import_keys[${i}].key: already in use`)
      deps.keys.insert({ key: k.key, workspacePk: ws.pk, partner: k.partner, status: k.status ?? 'active', createdAt: ms(k.created_at), invalidatedAt: k.invalidated_at === undefined ? (k.status === 'invalidated' ? now : null) : ms(k.invalidated_at) })
    })
    ;(w.rest_api_keys ?? []).forEach((k, i) => {
      if (deps.restKeys.findByKey(k.key) !== undefined) throw new FakeConflict(`${at}.rest_api_keys[${i}].key: already in use`)
      deps.restKeys.insert({ key: k.key, workspacePk: ws.pk, name: k.name ?? 'fake-braze key', permissions: k.permissions ?? [...REST_PERMISSIONS], createdAt: ms(k.created_at), revokedAt: k.revoked_at === undefined ? null : ms(k.revoked_at) })
    })
    const scope: SeedScope = { workspacePk: ws.pk, at, ms }
    const groups = loadGroups(seeds, scope, w.subscription_groups ?? [])
    const users = loadUsers(seeds, scope, w.users ?? [])
    loadGroupStates(seeds, scope, w.users ?? [], users.pks, groups)
    loadLists(seeds, scope, w.email_addresses ?? [], w.invalid_phone_numbers ?? [])
    const cohorts = loadCohorts(seeds, scope, w.cohorts ?? [], users)
    loadSegments(seeds, scope, w.segments ?? [], cohorts, groupLookup(groups))
    loadMessaging(seeds, scope, w.campaigns ?? [], w.canvases ?? [], (filter) => filterError(filter, cohorts, groupLookup(groups)))
    loadFrequencyCapping(seeds, scope, w.frequency_capping?.rules ?? [])
    ;(w.catalogs ?? []).forEach((c, i) => deps.catalogs.seed(ws.pk, c, `${at}.catalogs[${i}]`))
    if (w.catalog_storage_limit_bytes !== undefined) deps.catalogs.seedStorageLimit(ws.pk, w.catalog_storage_limit_bytes)
    for (const [source, counts] of Object.entries(w.data_points ?? {})) seeds.dataPoints.add(ws.pk, source, counts)
    return { id: ws.id, users: w.users?.length ?? 0, cohorts: w.cohorts?.length ?? 0 }
  }

  return {
    /** Loads every workspace of the file, or none. */
    load (file: SeedFile): { workspaces: Array<{ id: string, users: number, cohorts: number }> } {
      return transaction(() => {
        const now = clock.now()
        return { workspaces: file.workspaces.map((w, i) => loadWorkspace(w, `workspaces[${i}]`, now)) }
      })
    },

    /** One workspace in the seed format, every field explicit, so a reload is identical. */
    snapshot (workspaceId: string): SeedFile {
      const ws = deps.workspaces.findById(workspaceId)
      if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
      const subscriptions = snapshotSubscriptions(seeds, ws.pk)
      return {
        version: 1,
        workspaces: [{
          id: ws.id,
          name: ws.name,
          cluster: ws.cluster,
          created_at: toIso(ws.createdAt),
          ...(ws.onboardedAt !== null && { onboarded_at: toIso(ws.onboardedAt) }),
          pricing_model: ws.pricingModel,
          legacy_api_key: ws.legacyApiKey,
          data_import_keys: deps.keys.list(ws.pk).map((k) => ({
            partner: k.partner, key: k.key, status: k.status, created_at: toIso(k.createdAt), ...(k.invalidatedAt !== null && { invalidated_at: toIso(k.invalidatedAt) })
          })),
          rest_api_keys: deps.restKeys.list(ws.pk).map((k) => ({
            key: k.key, name: k.name, permissions: k.permissions as RestPermission[], created_at: toIso(k.createdAt), ...(k.revokedAt !== null && { revoked_at: toIso(k.revokedAt) })
          })),
          subscription_groups: subscriptions.groups,
          email_addresses: subscriptions.emailAddresses,
          invalid_phone_numbers: subscriptions.invalidPhones,
          users: snapshotUsers(seeds, ws.pk, subscriptions.statesByUser),
          cohorts: snapshotCohorts(seeds, ws.pk),
          segments: snapshotSegments(seeds, ws.pk),
          ...snapshotMessaging(seeds, ws.pk),
          ...snapshotCatalogs(ws.pk),
          data_points: dataPoints(ws.pk)
        }]
      }
    }
  }

  function snapshotCatalogs (workspacePk: number): Pick<SeedWorkspace, 'catalogs' | 'catalog_storage_limit_bytes'> {
    const { catalogs, storageLimitBytes } = deps.catalogs.snapshot(workspacePk)
    return { catalogs, ...(storageLimitBytes !== undefined && { catalog_storage_limit_bytes: storageLimitBytes }) }
  }

  /** data_point_totals as source → kind → count, sorted so snapshots compare equal. */
  function dataPoints (workspacePk: number): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {}
    const rows = seeds.dataPoints.list(workspacePk).sort((a, b) => a.source.localeCompare(b.source) || a.kind.localeCompare(b.kind))
    for (const r of rows) (out[r.source] ??= {})[r.kind] = r.count
    return out
  }
}
