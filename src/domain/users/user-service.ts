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
  phone?: string
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
  email?: string
  phone?: string
  device_ids?: string[]
  aliases?: UserAlias[]
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
    /**
     * Creates every user or none: any identifier already taken (or repeated) is a 409. The checks
     * read the workspace once per kind of identifier (set-based), then walk the users in order
     * with what earlier users of the request take, so the first conflict and its message are the
     * ones a user-by-user insert would meet; the writes are multi-row inserts.
     */
    seed (workspaceId: string, input: readonly SeedUser[]): SeededUserView[] {
      return transaction(() => {
        const ws = deps.workspaces.findById(workspaceId)
        if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
        const now = clock.now()
        const taken = users.takenIdentifiers(ws.pk, askedIdentifiers(input))
        const rows: Array<Parameters<UserRepository['insertAll']>[0][number]> = []
        const devices: string[][] = []
        const aliasesOf: UserAlias[][] = []
        const emails: Array<string | undefined> = []
        const seenAliases = new Set<string>()
        let aliasIdx = 0
        input.forEach((u, i) => {
          const at = `users[${i}]`
          if (u.external_id !== undefined) {
            if (taken.externalIds.has(u.external_id)) throw new FakeConflict(`${at}.external_id '${u.external_id}' already belongs to a user of this workspace`)
          }
          if (u.braze_id !== undefined && taken.brazeIds.has(u.braze_id)) {
            throw new FakeConflict(`${at}.braze_id '${u.braze_id}' already belongs to a user of this workspace`)
          }
          const deviceIds = [...new Set(u.device_ids ?? [])]
          for (const d of deviceIds) {
            if (taken.deviceIds.has(d)) throw new FakeConflict(`${at}.device_ids: '${d}' already belongs to a user`)
          }
          const aliases = u.aliases ?? []
          const labels = new Set<string>()
          for (const a of aliases) {
            if (labels.has(a.alias_label)) throw new FakeConflict(`${at}.aliases: a user holds one alias per label ('${a.alias_label}' twice)`)
            labels.add(a.alias_label)
            const key = aliasKey(a)
            if (taken.aliases.has(aliasIdx++) || seenAliases.has(key)) throw new FakeConflict(`${at}.aliases: ${a.alias_label}/${a.alias_name} already belongs to a user`)
            seenAliases.add(key)
          }
          // From here on the user's identifiers are taken for the users after it, as its insert would make them.
          const brazeId = u.braze_id ?? newBrazeId(now)
          if (u.external_id !== undefined) taken.externalIds.add(u.external_id)
          taken.brazeIds.add(brazeId)
          for (const d of deviceIds) taken.deviceIds.add(d)
          const email = u.email?.trim().toLowerCase()
          rows.push({
            workspacePk: ws.pk, brazeId, externalId: u.external_id ?? null,
            email: email ?? null, phone: u.phone === undefined ? null : phoneKey(u.phone), profile: u.profile ?? {}, customAttributes: u.custom_attributes ?? {},
            emailSubscribe: u.email_subscribe ?? null, pushSubscribe: u.push_subscribe ?? null, randomBucket: randomBucket(),
            totalRevenue: u.total_revenue ?? 0, createdAt: now, updatedAt: now
          })
          devices.push(deviceIds)
          aliasesOf.push(aliases)
          emails.push(email)
        })
        const pks = users.insertAll(rows)
        users.addDevicesOf(ws.pk, pks.flatMap((userPk, i) => devices[i]!.map((deviceId) => ({ userPk, deviceId }))))
        users.addAliasesOf(ws.pk, pks.flatMap((userPk, i) => aliasesOf[i]!.map((alias) => ({ userPk, alias }))))
        const createdAt = toIso(now)
        return input.map((u, i) => {
          const pk = pks[i]!
          if (u.custom_events !== undefined) deps.identities.addEventSummaries(pk, u.custom_events.map(toSummaryInput))
          if (u.purchases !== undefined) deps.identities.addPurchaseSummaries(pk, u.purchases.map(toSummaryInput))
          // Fields in SeededUserSchema's order, so the answer serialises as the schema would write it.
          const view = { braze_id: rows[i]!.brazeId } as SeededUserView
          if (u.external_id !== undefined) view.external_id = u.external_id
          const email = emails[i]
          if (email !== undefined) view.email = email
          if (u.phone !== undefined) view.phone = phoneKey(u.phone)
          const deviceIds = devices[i]!
          if (deviceIds.length > 0) view.device_ids = deviceIds
          const aliases = aliasesOf[i]!
          if (aliases.length > 0) view.aliases = aliases.map((a) => ({ alias_name: a.alias_name, alias_label: a.alias_label }))
          if (u.profile !== undefined) view.profile = u.profile
          if (u.custom_attributes !== undefined) view.custom_attributes = u.custom_attributes
          view.created_at = createdAt
          return view
        })
      })
    }
  }
}

/** Every identifier the request names, for one set-based look-up per kind (aliases in request order). */
function askedIdentifiers (input: readonly SeedUser[]): { externalIds: string[], brazeIds: string[], deviceIds: string[], aliases: UserAlias[] } {
  const out = { externalIds: [] as string[], brazeIds: [] as string[], deviceIds: [] as string[], aliases: [] as UserAlias[] }
  for (const u of input) {
    if (u.external_id !== undefined) out.externalIds.push(u.external_id)
    if (u.braze_id !== undefined) out.brazeIds.push(u.braze_id)
    if (u.device_ids !== undefined) for (const d of u.device_ids) out.deviceIds.push(d)
    if (u.aliases !== undefined) for (const a of u.aliases) out.aliases.push(a)
  }
  return out
}

/** One string per alias (the label's length first, so no two aliases share one). */
function aliasKey (a: UserAlias): string {
  return `${a.alias_label.length}:${a.alias_label}${a.alias_name}`
}

function toSummaryInput (s: SeedSummary): SummaryInput {
  return { name: s.name, first: Date.parse(s.first), last: Date.parse(s.last), count: s.count }
}
