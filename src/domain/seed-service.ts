/**
 * Seeding and snapshots: loads whole workspaces (fixed ids and keys, users with profiles,
 * cohorts with members) in one transaction, and writes a workspace back out in the same format,
 * so loading a snapshot into a fresh server reproduces the workspace exactly.
 */
import { toIso, type Clock } from './clock.js'
import { CLUSTER_IDS, findCluster } from './clusters.js'
import { FakeBadRequest, FakeConflict, FakeNotFound } from './errors.js'
import { newBrazeId, randomBucket } from './ids.js'
import { REST_PERMISSIONS, type RestPermission } from './rest-permissions.js'
import type { DataImportKeyRepository } from '../repositories/data-import-key-repository.js'
import type { RestApiKeyRepository } from '../repositories/rest-api-key-repository.js'
import type { SeedRepository } from '../repositories/seed-repository.js'
import type { RunInTransaction } from '../repositories/transaction.js'
import type { WorkspaceRepository } from '../repositories/workspace-repository.js'

type Subscription = 'opted_in' | 'subscribed' | 'unsubscribed'
export interface SeedUser {
  braze_id?: string | undefined, external_id?: string | undefined, email?: string | undefined, phone?: string | undefined
  device_ids?: string[] | undefined, aliases?: Array<{ alias_name: string, alias_label: string }> | undefined
  profile?: Record<string, unknown> | undefined, custom_attributes?: Record<string, unknown> | undefined
  email_subscribe?: Subscription | undefined, push_subscribe?: Subscription | undefined
  random_bucket?: number | undefined, total_revenue?: number | undefined, created_at?: string | undefined, updated_at?: string | undefined
}
export type SeedMember = string | { braze_id: string, added_at?: string | undefined }
export interface SeedCohort {
  partner: string, cohort_id: string, name?: string | undefined, partner_created_at?: string | null | undefined
  created_at?: string | undefined, updated_at?: string | undefined, members?: SeedMember[] | undefined
}
export interface SeedWorkspace {
  id: string, name?: string | undefined, cluster?: string | undefined, created_at?: string | undefined
  data_import_keys?: Array<{ partner: string, key: string, status?: 'active' | 'invalidated' | undefined, created_at?: string | undefined, invalidated_at?: string | undefined }> | undefined
  rest_api_keys?: Array<{ key: string, name?: string | undefined, permissions?: RestPermission[] | undefined, created_at?: string | undefined, revoked_at?: string | undefined }> | undefined
  users?: SeedUser[] | undefined
  cohorts?: SeedCohort[] | undefined
}
export interface SeedFile { version?: 1 | undefined, workspaces: SeedWorkspace[] }

export type SeedService = ReturnType<typeof createSeedService>

export function createSeedService (deps: {
  seeds: SeedRepository
  workspaces: WorkspaceRepository
  keys: DataImportKeyRepository
  restKeys: RestApiKeyRepository
  transaction: RunInTransaction
  clock: Clock
}) {
  const { seeds, transaction, clock } = deps

  function loadWorkspace (w: SeedWorkspace, at: string, now: number): { id: string, users: number, cohorts: number } {
    const ms = (iso: string | undefined): number => (iso === undefined ? now : Date.parse(iso))
    const cluster = w.cluster ?? 'iad-01'
    if (findCluster(cluster) === undefined) throw new FakeBadRequest(`${at}.cluster: expected one of ${CLUSTER_IDS.join(', ')}`)
    if (deps.workspaces.findById(w.id) !== undefined) throw new FakeConflict(`${at}.id: workspace ${w.id} already exists`)
    const ws = deps.workspaces.insert({ id: w.id, name: w.name ?? `Workspace ${w.id.slice(0, 8)}`, cluster, createdAt: ms(w.created_at) })
    ;(w.data_import_keys ?? []).forEach((k, i) => {
      if (deps.keys.findByKey(k.key) !== undefined) throw new FakeConflict(`${at}.data_import_keys[${i}].key: already in use`)
      deps.keys.insert({ key: k.key, workspacePk: ws.pk, partner: k.partner, status: k.status ?? 'active', createdAt: ms(k.created_at), invalidatedAt: k.invalidated_at === undefined ? (k.status === 'invalidated' ? now : null) : ms(k.invalidated_at) })
    })
    ;(w.rest_api_keys ?? []).forEach((k, i) => {
      if (deps.restKeys.findByKey(k.key) !== undefined) throw new FakeConflict(`${at}.rest_api_keys[${i}].key: already in use`)
      deps.restKeys.insert({ key: k.key, workspacePk: ws.pk, name: k.name ?? 'fake-braze key', permissions: k.permissions ?? [...REST_PERMISSIONS], createdAt: ms(k.created_at), revokedAt: k.revoked_at === undefined ? null : ms(k.revoked_at) })
    })
    const byExternal = new Map<string, number>()
    const byBrazeId = new Map<string, number>()
    const devices = new Set<string>()
    const aliases = new Set<string>()
    ;(w.users ?? []).forEach((u, i) => {
      const ua = `${at}.users[${i}]`
      const brazeId = u.braze_id ?? newBrazeId()
      if (byBrazeId.has(brazeId) || seeds.brazeIdTaken(brazeId)) throw new FakeConflict(`${ua}.braze_id: '${brazeId}' is already in use`)
      if (u.external_id !== undefined && byExternal.has(u.external_id)) throw new FakeConflict(`${ua}.external_id: '${u.external_id}' appears twice`)
      const pk = seeds.insertUser({
        workspacePk: ws.pk, brazeId, externalId: u.external_id ?? null, email: u.email?.trim().toLowerCase() ?? null, phone: u.phone ?? null,
        profile: u.profile ?? {}, customAttributes: u.custom_attributes ?? {}, emailSubscribe: u.email_subscribe ?? null, pushSubscribe: u.push_subscribe ?? null,
        randomBucket: u.random_bucket ?? randomBucket(), totalRevenue: u.total_revenue ?? 0, createdAt: ms(u.created_at), updatedAt: ms(u.updated_at ?? u.created_at)
      })
      byBrazeId.set(brazeId, pk)
      if (u.external_id !== undefined) byExternal.set(u.external_id, pk)
      for (const d of u.device_ids ?? []) {
        if (devices.has(d)) throw new FakeConflict(`${ua}.device_ids: '${d}' already belongs to a user`)
        devices.add(d)
        seeds.insertDevice(ws.pk, d, pk)
      }
      const labels = new Set<string>()
      for (const a of u.aliases ?? []) {
        const key = `${a.alias_label}\u0000${a.alias_name}`
        if (aliases.has(key) || labels.has(a.alias_label)) throw new FakeConflict(`${ua}.aliases: ${a.alias_label}/${a.alias_name} is taken or a second alias for its label`)
        aliases.add(key); labels.add(a.alias_label)
        seeds.insertAlias(ws.pk, a.alias_label, a.alias_name, pk)
      }
    })
    const cohortKeys = new Set<string>()
    ;(w.cohorts ?? []).forEach((c, i) => {
      const ca = `${at}.cohorts[${i}]`
      if (cohortKeys.has(`${c.partner}/${c.cohort_id}`)) throw new FakeConflict(`${ca}.cohort_id: '${c.cohort_id}' appears twice for ${c.partner}`)
      cohortKeys.add(`${c.partner}/${c.cohort_id}`)
      const createdAt = ms(c.created_at)
      const cohortPk = seeds.insertCohort({
        workspacePk: ws.pk, partner: c.partner, cohortId: c.cohort_id, name: c.name ?? c.cohort_id, named: c.name !== undefined,
        partnerCreatedAt: c.partner_created_at ?? null, memberCount: 0, lockedWrites: null, createdAt, updatedAt: ms(c.updated_at ?? c.created_at)
      })
      let count = 0
      ;(c.members ?? []).forEach((m, j) => {
        const userPk = typeof m === 'string' ? byExternal.get(m) : byBrazeId.get(m.braze_id)
        if (userPk === undefined) {
          throw new FakeBadRequest(`${ca}.members[${j}]: no user of this workspace has ${typeof m === 'string' ? `external_id '${m}'` : `braze_id '${m.braze_id}'`}`)
        }
        if (seeds.insertMember(cohortPk, userPk, typeof m === 'string' ? createdAt : ms(m.added_at ?? c.created_at))) count++
      })
      seeds.setMemberCount(cohortPk, count)
    })
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
      const devices = new Map<number, string[]>()
      for (const d of seeds.devices(ws.pk)) devices.set(d.userPk, [...(devices.get(d.userPk) ?? []), d.deviceId])
      const aliases = new Map<number, Array<{ alias_name: string, alias_label: string }>>()
      for (const a of seeds.aliases(ws.pk)) aliases.set(a.userPk, [...(aliases.get(a.userPk) ?? []), { alias_name: a.aliasName, alias_label: a.aliasLabel }])
      return {
        version: 1,
        workspaces: [{
          id: ws.id,
          name: ws.name,
          cluster: ws.cluster,
          created_at: toIso(ws.createdAt),
          data_import_keys: deps.keys.list(ws.pk).map((k) => ({
            partner: k.partner, key: k.key, status: k.status, created_at: toIso(k.createdAt), ...(k.invalidatedAt !== null && { invalidated_at: toIso(k.invalidatedAt) })
          })),
          rest_api_keys: deps.restKeys.list(ws.pk).map((k) => ({
            key: k.key, name: k.name, permissions: k.permissions as RestPermission[], created_at: toIso(k.createdAt), ...(k.revokedAt !== null && { revoked_at: toIso(k.revokedAt) })
          })),
          users: seeds.users(ws.pk).map((u) => ({
            braze_id: u.brazeId,
            ...(u.externalId !== null && { external_id: u.externalId }),
            ...(u.email !== null && { email: u.email }),
            ...(u.phone !== null && { phone: u.phone }),
            ...(devices.has(u.pk) && { device_ids: devices.get(u.pk) }),
            ...(aliases.has(u.pk) && { aliases: aliases.get(u.pk) }),
            profile: u.profile,
            custom_attributes: u.customAttributes,
            ...(u.emailSubscribe !== null && { email_subscribe: u.emailSubscribe as Subscription }),
            ...(u.pushSubscribe !== null && { push_subscribe: u.pushSubscribe as Subscription }),
            random_bucket: u.randomBucket,
            total_revenue: u.totalRevenue,
            created_at: toIso(u.createdAt),
            updated_at: toIso(u.updatedAt)
          })),
          cohorts: seeds.cohorts(ws.pk).map((c) => ({
            partner: c.partner,
            cohort_id: c.cohortId,
            ...(c.named && { name: c.name }),
            partner_created_at: c.partnerCreatedAt,
            created_at: toIso(c.createdAt),
            updated_at: toIso(c.updatedAt),
            members: seeds.members(c.pk).map((m) => ({ braze_id: m.brazeId, added_at: toIso(m.addedAt) }))
          }))
        }]
      }
    }
  }
}
