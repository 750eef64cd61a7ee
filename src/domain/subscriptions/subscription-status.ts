/**
 * Users' states in subscription groups: POST /subscription/status/set (v1), /v2/subscription/status/set,
 * GET /subscription/status/get and GET /subscription/user/status (braze-reference-messaging §3).
 * Validation happens before the first write; each set is one transaction.
 */
import { EmailAndPhone, SUBSCRIPTION_MESSAGES as M, SubscriptionBadRequest, WrongChannel } from '../shared/errors.js'
import { asList, checkCount, checkPhones, normaliseEmails, statusWord, type GroupChannel, type GroupState } from './subscription-rules.js'
import type { RestScope, SubscriptionCore } from './subscription-core.js'
import type { SubscriberRow } from '../../repositories/subscriptions/subscription-repository.js'

/** One group change: `/subscription/status/set` (v1) or one entry of v2's `subscription_groups`. */
export interface GroupStatusInput {
  subscription_group_id: string
  subscription_state: GroupState
  external_ids?: string[] | undefined
  emails?: string[] | undefined
  phones?: string[] | undefined
}

export interface SetEffects {
  groups: Array<{ id: string, state: GroupState, users_changed: number, users_unchanged: number, users_created: number, external_ids_not_found: number, archived?: true }>
}

export function createSubscriptionStatus (core: SubscriptionCore) {
  const { subs, transaction, clock } = core.deps
  const { group, createProfile } = core

  /** Validates one group change into its group and normalised identifiers (nothing written). */
  function planGroupChange (workspacePk: number, input: GroupStatusInput) {
    checkCount(input.external_ids, input.emails, input.phones)
    const none = (l: readonly string[] | undefined): boolean => l === undefined || l.length === 0
    if (none(input.external_ids) && none(input.emails) && none(input.phones)) throw new SubscriptionBadRequest(M.identifiers)
    const g = group(workspacePk, input.subscription_group_id)
    const channel = g.channel as GroupChannel
    if (!none(input.emails) && channel !== 'email') throw new WrongChannel('email', 'email', g.id, channel)
    if (!none(input.phones) && channel === 'email') throw new WrongChannel('phone', 'SMS and WhatsApp', g.id, channel)
    return {
      group: g,
      state: input.subscription_state,
      externalIds: input.external_ids ?? [],
      emails: normaliseEmails(input.emails ?? []),
      phones: checkPhones(input.phones ?? [])
    }
  }

  type GroupChange = ReturnType<typeof planGroupChange>

  function applyGroupChange (workspacePk: number, c: GroupChange, now: number): SetEffects['groups'][number] {
    const effect: SetEffects['groups'][number] = { id: c.group.id, state: c.state, users_changed: 0, users_unchanged: 0, users_created: 0, external_ids_not_found: 0 }
    // "Archived groups: no state changes are processed any more" [D UG-EM]: success, nothing written.
    if (c.group.archivedAt !== null) return { ...effect, archived: true }
    const users = new Map<number, SubscriberRow>()
    const known = subs.usersByExternalIds(workspacePk, c.externalIds)
    // An unknown external_id creates nothing [inferred].
    effect.external_ids_not_found = new Set(c.externalIds).size - known.length
    for (const u of known) users.set(u.pk, u)
    // An email or phone shared by several profiles updates all of them [D SUB-SET]; one on no
    // profile gets an email-only / phone-only profile carrying the state [I from D Z:SUB-GET].
    for (const email of c.emails) {
      const found = subs.usersByEmail(workspacePk, email)
      if (found.length === 0) { found.push(createProfile(workspacePk, email, null, now)); effect.users_created++ }
      for (const u of found) users.set(u.pk, u)
    }
    for (const phone of c.phones) {
      const found = subs.usersByPhone(workspacePk, phone)
      if (found.length === 0) { found.push(createProfile(workspacePk, null, phone, now)); effect.users_created++ }
      for (const u of found) users.set(u.pk, u)
    }
    const pks = [...users.keys()]
    const current = subs.groupStatesOf(c.group.pk, pks)
    const changed = pks.filter((pk) => current.get(pk) !== c.state)
    subs.setGroupStates(c.group.pk, changed, c.state, now)
    effect.users_changed = changed.length
    effect.users_unchanged = pks.length - changed.length
    return effect
  }

  function usersFor (workspacePk: number, q: { external_ids: string[], emails: string[], phones: string[] }): Array<{ key: string, users: SubscriberRow[] }> {
    // When external_id is present it alone drives the query [D SUB-GET].
    if (q.external_ids.length > 0) return q.external_ids.map((id) => ({ key: id, users: [subs.userByExternalId(workspacePk, id)].filter((u): u is SubscriberRow => u !== undefined) }))
    if (q.emails.length > 0) return q.emails.map((e) => ({ key: e, users: subs.usersByEmail(workspacePk, e) }))
    return q.phones.map((p) => ({ key: p, users: subs.usersByPhone(workspacePk, p) }))
  }

  function identifierQuery (q: { external_id?: unknown, email?: unknown, phone?: unknown }, max = 50) {
    const external_ids = asList(q.external_id, M.externalId) ?? []
    const emailsRaw = asList(q.email, M.email) ?? []
    const phonesRaw = asList(q.phone, M.phone) ?? []
    checkCount(external_ids.length > max ? external_ids : undefined, emailsRaw, phonesRaw)
    if (external_ids.length === 0 && emailsRaw.length > 0 && phonesRaw.length > 0) throw new EmailAndPhone()
    if (external_ids.length === 0 && emailsRaw.length === 0 && phonesRaw.length === 0) throw new SubscriptionBadRequest(M.identifiers)
    return { external_ids, emails: normaliseEmails(emailsRaw), phones: checkPhones(phonesRaw) }
  }

  return {
    /** POST /subscription/status/set (v1) [D SUB-SET] */
    setStatusV1 (ctx: RestScope, body: { subscription_group_id: string, subscription_state: GroupState, external_id?: string | string[] | undefined, email?: string | string[] | undefined, phone?: string | string[] | undefined }): SetEffects {
      const input: GroupStatusInput = {
        subscription_group_id: body.subscription_group_id,
        subscription_state: body.subscription_state,
        external_ids: asList(body.external_id, M.externalId),
        emails: asList(body.email, M.email),
        phones: asList(body.phone, M.phone)
      }
      if ((input.emails?.length ?? 0) > 0 && (input.phones?.length ?? 0) > 0) throw new EmailAndPhone()
      const change = planGroupChange(ctx.workspacePk, input)
      return transaction(() => ({ groups: [applyGroupChange(ctx.workspacePk, change, clock.now())] }))
    },
    /** POST /v2/subscription/status/set [D SUB-SET2]: several groups, applied whole or not at all. */
    setStatusV2 (ctx: RestScope, groups: GroupStatusInput[]): SetEffects {
      const anyEmails = groups.some((g) => (g.emails?.length ?? 0) > 0)
      const anyPhones = groups.some((g) => (g.phones?.length ?? 0) > 0)
      if (anyEmails && anyPhones) throw new EmailAndPhone()
      const changes = groups.map((g) => planGroupChange(ctx.workspacePk, g))
      return transaction(() => {
        const now = clock.now()
        return { groups: changes.map((c) => applyGroupChange(ctx.workspacePk, c, now)) }
      })
    },
    /** GET /subscription/status/get [D SUB-GET]: the stored group state, even when globally unsubscribed. */
    getStatus (ctx: RestScope, q: { subscription_group_id: string, external_id?: unknown, email?: unknown, phone?: unknown }): Record<string, 'Subscribed' | 'Unsubscribed' | 'Unknown'> {
      const ids = identifierQuery(q)
      const g = group(ctx.workspacePk, q.subscription_group_id)
      const status: Record<string, 'Subscribed' | 'Unsubscribed' | 'Unknown'> = {}
      for (const { key, users } of usersFor(ctx.workspacePk, ids)) {
        // Several profiles share an email or phone: the most recently updated one answers [inferred].
        const u = [...users].sort((a, b) => b.updatedAt - a.updatedAt || b.pk - a.pk)[0]
        status[key] = statusWord(u === undefined ? undefined : subs.groupState(g.pk, u.pk)?.state)
      }
      return status
    },
    /** GET /subscription/user/status [D Z:SUB-USR]: each user's groups with history. */
    userStatus (ctx: RestScope, q: { external_id?: unknown, email?: unknown, phone?: unknown, limit: number, offset: number }) {
      const ids = identifierQuery(q)
      const seen = new Set<number>()
      const all: SubscriberRow[] = []
      for (const { users } of usersFor(ctx.workspacePk, ids)) for (const u of users) if (!seen.has(u.pk)) { seen.add(u.pk); all.push(u) }
      const groups = new Map(subs.listGroups(ctx.workspacePk).map((g) => [g.pk, g]))
      const users = all.slice(q.offset, q.offset + q.limit).map((u) => ({
        ...(u.email !== null && { email: u.email }),
        ...(u.phone !== null && { phone: u.phone }),
        ...(u.externalId !== null && { external_id: u.externalId }),
        subscription_groups: subs.groupStatesOfUser(ctx.workspacePk, u.pk).flatMap((s) => {
          const g = groups.get(s.groupPk)
          return g === undefined ? [] : [{ id: g.id, name: g.name, channel: g.channel, status: statusWord(s.state) as 'Subscribed' | 'Unsubscribed' }]
        })
      }))
      return { users, total_count: all.length }
    }
  }
}
