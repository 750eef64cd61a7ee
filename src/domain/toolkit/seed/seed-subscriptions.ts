/**
 * The subscription sections of a seed file: the workspace's subscription groups (loaded before
 * users, whose `subscription_groups` name them), Braze's email lists by address and the invalid
 * phone list; and each user's group states. Written back by the snapshot.
 */
import { toIso } from '../../shared/clock.js'
import { FakeBadRequest, FakeConflict } from '../../shared/errors.js'
import { newKey } from '../../shared/ids.js'
import type { GroupLookup } from '../../segments/segment-filter.js'
import type { SeedEmailAddress, SeedInvalidPhone, SeedScope, SeedSubscriptionGroup, SeedUser } from './seed-types.js'
import type { SeedRepository } from '../../../repositories/toolkit/seed-repository.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type LoadedGroups = Map<string, { pk: number, name: string, channel: string }>

export function groupLookup (groups: LoadedGroups): GroupLookup {
  return (id) => groups.get(id)
}

export function loadGroups (seeds: SeedRepository, scope: SeedScope, groups: SeedSubscriptionGroup[]): LoadedGroups {
  const out: LoadedGroups = new Map()
  groups.forEach((g, i) => {
    const id = g.id === '' ? newKey() : g.id
    if (!UUID.test(id)) throw new FakeBadRequest(`${scope.at}.subscription_groups[${i}].id: a subscription group id is a UUID`)
    if (out.has(id)) throw new FakeConflict(`${scope.at}.subscription_groups[${i}].id: '${id}' appears twice`)
    const row = seeds.subscriptions.insertGroup({
      workspacePk: scope.workspacePk, id, name: g.name, channel: g.channel, createdAt: scope.ms(g.created_at), archivedAt: g.archived_at === undefined ? null : scope.ms(g.archived_at)
    })
    out.set(id, { pk: row.pk, name: row.name, channel: row.channel })
  })
  return out
}

export function loadGroupStates (seeds: SeedRepository, scope: SeedScope, users: SeedUser[], pks: readonly number[], groups: LoadedGroups): void {
  users.forEach((u, i) => {
    for (const [id, state] of Object.entries(u.subscription_groups ?? {})) {
      const g = groups.get(id)
      if (g === undefined) throw new FakeBadRequest(`${scope.at}.users[${i}].subscription_groups.${id}: no such subscription group in this workspace`)
      seeds.subscriptions.setGroupState(g.pk, pks[i]!, state, scope.ms(u.updated_at ?? u.created_at))
    }
  })
}

export function loadLists (seeds: SeedRepository, scope: SeedScope, emails: SeedEmailAddress[], phones: SeedInvalidPhone[]): void {
  const at = (iso: string | undefined): number | null => (iso === undefined ? null : scope.ms(iso))
  for (const e of emails) {
    seeds.subscriptions.saveAddress({
      workspacePk: scope.workspacePk, email: e.email.trim().toLowerCase(), state: e.state ?? null, stateAt: at(e.state_at),
      unsubscribedAt: at(e.unsubscribed_at), hardBouncedAt: at(e.hard_bounced_at), spamAt: at(e.spam_at), blocklistedAt: at(e.blocklisted_at)
    })
  }
  for (const p of phones) seeds.subscriptions.markPhoneInvalid(scope.workspacePk, p.phone, scope.ms(p.invalid_at), p.reason ?? 'provider_error')
}

export function snapshotSubscriptions (seeds: SeedRepository, workspacePk: number) {
  const iso = (ms: number | null): string | undefined => (ms === null ? undefined : toIso(ms))
  const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T
  const statesByUser = new Map<number, Record<string, 'subscribed' | 'unsubscribed'>>()
  for (const s of seeds.subscriptions.workspaceGroupStates(workspacePk)) {
    const m = statesByUser.get(s.userPk) ?? {}
    m[s.id] = s.state as 'subscribed' | 'unsubscribed'
    statesByUser.set(s.userPk, m)
  }
  return {
    groups: seeds.subscriptions.listGroups(workspacePk).map((g): SeedSubscriptionGroup => defined({
      id: g.id, name: g.name, channel: g.channel as SeedSubscriptionGroup['channel'], created_at: toIso(g.createdAt), archived_at: iso(g.archivedAt)
    })),
    emailAddresses: seeds.subscriptions.addresses(workspacePk).map((a): SeedEmailAddress => defined({
      email: a.email, state: (a.state ?? undefined) as SeedEmailAddress['state'], state_at: iso(a.stateAt), unsubscribed_at: iso(a.unsubscribedAt),
      hard_bounced_at: iso(a.hardBouncedAt), spam_at: iso(a.spamAt), blocklisted_at: iso(a.blocklistedAt)
    })),
    invalidPhones: seeds.subscriptions.allInvalidPhones(workspacePk).map((p): SeedInvalidPhone => ({ phone: p.phone, invalid_at: toIso(p.invalidAt), reason: p.reason as SeedInvalidPhone['reason'] })),
    statesByUser
  }
}
