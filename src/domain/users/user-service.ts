/**
 * Users seeded through the control plane, in the same store that cohort import matches and
 * the REST user-data endpoints write. A user without external_id is anonymous.
 */
import { phoneKey } from '../shared/phone.js'
import { toIso, type Clock } from '../shared/clock.js'
import { FakeConflict, FakeNotFound } from '../shared/errors.js'
import { newBrazeId, randomBucket } from '../shared/ids.js'
import type { UserAlias } from '../shared/user-alias.js'
import type { UserRepository } from '../../repositories/users/user-repository.js'
import type { UserIdentityRepository, SummaryInput } from '../../repositories/users/user-identity-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'

export interface SeedUser {
  braze_id?: string | undefined
  external_id?: string | undefined
  device_ids?: string[] | undefined
  aliases?: UserAlias[] | undefined
  email?: string | undefined
  phone?: string | undefined
  profile?: Record<string, unknown> | undefined
  custom_attributes?: Record<string, unknown> | undefined
  custom_events?: SeedSummary[] | undefined
  purchases?: SeedSummary[] | undefined
  email_subscribe?: string | undefined
  push_subscribe?: string | undefined
  total_revenue?: number | undefined
}

/** An activity summary as the export shows it; times are ISO-8601 strings. */
export interface SeedSummary { name: string, first: string, last: string, count: number }

export interface SeededUserView {
  braze_id: string
  external_id?: string
  device_ids?: string[]
  aliases?: UserAlias[]
  email?: string
  phone?: string
  profile?: Record<string, unknown>
  custom_attributes?: Record<string, unknown>
  created_at: string
}

export type UserService = ReturnType<typeof createUserService>

export function createUserService (deps: {
  users: UserRepository
  identities: UserIdentityRepository
  workspaces: WorkspaceRepository
  transaction: RunInTransaction
  clock: Clock
}) {
  const { users, transaction, clock } = deps

  return {
    /** Creates every user or none: any identifier already taken (or repeated) is a 409. */
    seed (workspaceId: string, input: readonly SeedUser[]): SeededUserView[] {
      return transaction(() => {
        const ws = deps.workspaces.findById(workspaceId)
        if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
        const now = clock.now()
        return input.map((u, i) => {
          const at = `users[${i}]`
          if (u.external_id !== undefined && users.findByExternalId(ws.pk, u.external_id) !== undefined) {
            throw new FakeConflict(`${at}.external_id '${u.external_id}' already belongs to a user of this workspace`)
          }
          if (u.braze_id !== undefined && users.findByBrazeId(ws.pk, u.braze_id) !== undefined) {
            throw new FakeConflict(`${at}.braze_id '${u.braze_id}' already belongs to a user of this workspace`)
          }
          const deviceIds = [...new Set(u.device_ids ?? [])]
          for (const d of deviceIds) {
            if (users.findDeviceOwner(ws.pk, d) !== undefined) throw new FakeConflict(`${at}.device_ids: '${d}' already belongs to a user`)
          }
          const aliases = u.aliases ?? []
          const labels = new Set<string>()
          for (const a of aliases) {
            if (labels.has(a.alias_label)) throw new FakeConflict(`${at}.aliases: a user holds one alias per label ('${a.alias_label}' twice)`)
            labels.add(a.alias_label)
            if (users.findAliasOwner(ws.pk, a) !== undefined) throw new FakeConflict(`${at}.aliases: ${a.alias_label}/${a.alias_name} already belongs to a user`)
          }
          const email = u.email?.trim().toLowerCase()
          const row = users.insert({
            workspacePk: ws.pk, brazeId: u.braze_id ?? newBrazeId(now), externalId: u.external_id ?? null,
            email: email ?? null, phone: u.phone === undefined ? null : phoneKey(u.phone), profile: u.profile ?? {}, customAttributes: u.custom_attributes ?? {},
            emailSubscribe: u.email_subscribe ?? null, pushSubscribe: u.push_subscribe ?? null, randomBucket: randomBucket(),
            totalRevenue: u.total_revenue ?? 0, createdAt: now, updatedAt: now
          })
          users.addDevices(ws.pk, row.pk, deviceIds)
          users.addAliases(ws.pk, row.pk, aliases)
          deps.identities.addEventSummaries(row.pk, (u.custom_events ?? []).map(toSummaryInput))
          deps.identities.addPurchaseSummaries(row.pk, (u.purchases ?? []).map(toSummaryInput))
          return {
            braze_id: row.brazeId,
            ...(row.externalId !== null && { external_id: row.externalId }),
            ...(deviceIds.length > 0 && { device_ids: deviceIds }),
            ...(aliases.length > 0 && { aliases: aliases.map((a) => ({ alias_name: a.alias_name, alias_label: a.alias_label })) }),
            ...(email !== undefined && { email }),
            ...(u.phone !== undefined && { phone: phoneKey(u.phone) }),
            ...(u.profile !== undefined && { profile: u.profile }),
            ...(u.custom_attributes !== undefined && { custom_attributes: u.custom_attributes }),
            created_at: toIso(row.createdAt)
          }
        })
      })
    }
  }
}

function toSummaryInput (s: SeedSummary): SummaryInput {
  return { name: s.name, first: Date.parse(s.first), last: Date.parse(s.last), count: s.count }
}
