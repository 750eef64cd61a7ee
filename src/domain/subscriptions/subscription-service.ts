/**
 * Subscription state (braze-reference-messaging §3): subscription groups, users' group states,
 * the global email / push states, Braze's email lists (unsubscribes, hard bounces, spam,
 * blocklist, by address) and the invalid phone list. Every writer — the subscription endpoints,
 * the email / SMS endpoints, /users/track (through trackHooks) and the control plane — goes
 * through this service, so they all follow the same rules. State changes cost no data points
 * [D DP]. Each call is one transaction: validation happens before the first write.
 */
import { toIso, type Clock } from '../shared/clock.js'
import {
  EmailAndPhone, FakeBadRequest, FakeConflict, FakeNotFound, SUBSCRIPTION_MESSAGES as M, SubscriptionBadRequest,
  UnknownSubscriptionGroup, WrongChannel
} from '../shared/errors.js'
import { newBrazeId, newKey, randomBucket } from '../shared/ids.js'
import type { ReachabilityProfile } from './reachability.js'
import {
  MAX_GROUPS, asList, checkCount, checkPhones, dateWindow, globalState, isUuid, normaliseEmails, stateForNewAddress, statusWord,
  type GlobalState, type GroupChannel, type GroupState
} from './subscription-rules.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { SubscriberRow, SubscriptionRepository } from '../../repositories/subscriptions/subscription-repository.js'
import type { EmailAddressRow, SubscriptionGroupRow } from '../../db/schema/subscriptions.js'
import type { UserProfileRepository } from '../../repositories/users/user-profile-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'

export { reachability, defaultReachabilityProfile } from './reachability.js'
export type { MessageChannel, SendTo, SubscriptionState, ReachabilityProfile, UnreachableReason, Reachability } from './reachability.js'
export { GROUP_CHANNELS, type GroupChannel } from './subscription-rules.js'

export interface RestScope { readonly workspacePk: number }

export interface SubscriptionGroupView { id: string, name: string, channel: GroupChannel, created_at: string, archived_at?: string }

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

export interface ListQueryInput {
  start_date?: string | undefined, end_date?: string | undefined, limit: number, offset: number, sort_direction?: 'asc' | 'desc' | undefined
}

/** A tracked attributes object's subscription changes, as /users/track hands them over. */
export interface TrackSubscriptionChanges { groups: Array<{ subscription_group_id: string, subscription_state: string }> }

export type SubscriptionService = ReturnType<typeof createSubscriptionService>

export function createSubscriptionService (deps: {
  subs: SubscriptionRepository
  workspaces: WorkspaceRepository
  profiles: UserProfileRepository
  transaction: RunInTransaction
  clock: Clock
}) {
  const { subs, transaction, clock } = deps

  function workspacePk (workspaceId: string): number {
    const ws = deps.workspaces.findById(workspaceId)
    if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return ws.pk
  }

  function view (g: SubscriptionGroupRow): SubscriptionGroupView {
    return { id: g.id, name: g.name, channel: g.channel as GroupChannel, created_at: toIso(g.createdAt), ...(g.archivedAt !== null && { archived_at: toIso(g.archivedAt) }) }
  }

  function group (workspacePk: number, id: string): SubscriptionGroupRow {
    const g = subs.findGroup(workspacePk, id)
    if (g === undefined) throw new UnknownSubscriptionGroup(id)
    return g
  }

  /**
   * Sets a user's state in a group; returns whether it changed (repeating a state is a no-op
   * success [I]). The profile's updated_at is left alone: the state lives with the group [inferred].
   */
  function setGroupState (g: SubscriptionGroupRow, userPk: number, state: GroupState, now: number): boolean {
    if (subs.groupState(g.pk, userPk)?.state === state) return false
    subs.setGroupState(g.pk, userPk, state, now)
    return true
  }

  function emptyAddress (workspacePk: number, email: string): EmailAddressRow {
    return { workspacePk, email, state: null, stateAt: null, unsubscribedAt: null, hardBouncedAt: null, spamAt: null, blocklistedAt: null }
  }

  function address (workspacePk: number, email: string): EmailAddressRow {
    return subs.address(workspacePk, email) ?? emptyAddress(workspacePk, email)
  }

  /**
   * The email lists follow every global state change of a profile with an address: an unsubscribe
   * puts the address on /email/unsubscribes, a resubscribe takes it off [inferred].
   */
  function noteEmailState (workspacePk: number, email: string | null, before: GlobalState, after: GlobalState, now: number): void {
    if (email === null || before === after) return
    const a = address(workspacePk, email)
    if (after === 'unsubscribed') a.unsubscribedAt = now
    else a.unsubscribedAt = null
    // The address's own state follows the latest profile change, so a later profile inherits it [inferred].
    if (a.state !== null) { a.state = after; a.stateAt = now }
    subs.saveAddress(a)
  }

  /** Sets the global email state of one profile (the email endpoints, the blocklist). */
  function setEmailState (workspacePk: number, u: SubscriberRow, state: GlobalState, now: number): boolean {
    const before = globalState(u.emailSubscribe)
    if (u.emailSubscribe === state) return false
    subs.setEmailSubscribe(u.pk, state, toIso(now), now)
    noteEmailState(workspacePk, u.email, before, state, now)
    return true
  }

  function createProfile (workspacePk: number, email: string | null, phone: string | null, now: number): SubscriberRow {
    const row = deps.profiles.create({ workspacePk, brazeId: newBrazeId(now), externalId: null, email, phone, randomBucket: randomBucket(), now })
    // A new profile with an address takes the state /email/status gave that address [D EM-ST].
    const inherited = email === null ? undefined : subs.address(workspacePk, email)?.state
    if (inherited != null && inherited !== 'subscribed') subs.setEmailSubscribe(row.pk, inherited, toIso(now), now)
    return { pk: row.pk, externalId: null, email, phone, emailSubscribe: inherited ?? null, pushSubscribe: null, updatedAt: now }
  }

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

  function listQuery (q: ListQueryInput, byIdentifier: boolean, needStart: boolean) {
    return { ...dateWindow(q, byIdentifier, needStart), limit: q.limit, offset: q.offset, desc: q.sort_direction !== 'asc' }
  }

  /** Email-list POSTs: `email` is a string or an array of at most 50 [D EM-*]. */
  function emailList (value: string | string[]): string[] {
    const list = asList(value, M.emails) ?? []
    if (list.length === 0) throw new SubscriptionBadRequest(M.emails)
    checkCount(list)
    return normaliseEmails(list)
  }

  return {
    // --- control plane: groups as the dashboard creates them -------------------------------------
    createGroup (workspaceId: string, input: { id?: string | undefined, name: string, channel: GroupChannel }): SubscriptionGroupView {
      return transaction(() => {
        const ws = workspacePk(workspaceId)
        const id = input.id ?? newKey()
        if (!isUuid(id)) throw new FakeBadRequest('body.id: a subscription group id is a UUID, as Braze generates them')
        if (subs.findGroup(ws, id) !== undefined) throw new FakeConflict(`Subscription group ${id} already exists`)
        if (subs.listGroups(ws).length >= MAX_GROUPS) throw new FakeBadRequest(`a workspace has at most ${MAX_GROUPS} subscription groups`)
        return view(subs.insertGroup({ workspacePk: ws, id, name: input.name, channel: input.channel, createdAt: clock.now(), archivedAt: null }))
      })
    },
    listGroups: (workspaceId: string): SubscriptionGroupView[] => subs.listGroups(workspacePk(workspaceId)).map(view),
    getGroup (workspaceId: string, id: string): SubscriptionGroupView {
      const g = subs.findGroup(workspacePk(workspaceId), id)
      if (g === undefined) throw new FakeNotFound('Subscription group', id)
      return view(g)
    },
    /** DELETE archives: members keep their states, changes are no longer processed [D UG-EM]. */
    archiveGroup (workspaceId: string, id: string): SubscriptionGroupView {
      return transaction(() => {
        const g = subs.findGroup(workspacePk(workspaceId), id)
        if (g === undefined) throw new FakeNotFound('Subscription group', id)
        if (g.archivedAt === null) { g.archivedAt = clock.now(); subs.setArchived(g.pk, g.archivedAt) }
        return view(g)
      })
    },
    /** Group lookup for segment filters: id → pk and channel. */
    groupLookup (workspacePk: number): (id: string) => { pk: number, name: string, channel: string } | undefined {
      const byId = new Map(subs.listGroups(workspacePk).map((g) => [g.id, { pk: g.pk, name: g.name, channel: g.channel }]))
      return (id) => byId.get(id)
    },

    /** Control plane: what a mail or SMS provider reports (hard bounces, spam complaints, invalid numbers). */
    deliverabilityEvents (workspaceId: string, input: {
      hard_bounces?: string[] | undefined, spam_reports?: string[] | undefined, invalid_phone_numbers?: Array<{ phone: string, reason?: 'provider_error' | 'deactivated' | undefined }> | undefined
    }): { hard_bounces: number, spam_reports: number, invalid_phone_numbers: number } {
      return transaction(() => {
        const ws = workspacePk(workspaceId)
        const now = clock.now()
        const bounces = normaliseEmails(input.hard_bounces ?? [])
        const spam = normaliseEmails(input.spam_reports ?? [])
        const phones = (input.invalid_phone_numbers ?? []).map((p) => ({ phone: checkPhones([p.phone])[0]!, reason: p.reason ?? 'provider_error' }))
        // A hard bounce marks the address invalid but does not unsubscribe it [D UG-EM].
        for (const e of bounces) { const a = address(ws, e); a.hardBouncedAt = now; subs.saveAddress(a) }
        // A spam complaint: only `all` sends reach the address [D UG-EM].
        for (const e of spam) { const a = address(ws, e); a.spamAt = now; subs.saveAddress(a) }
        for (const p of phones) subs.markPhoneInvalid(ws, p.phone, now, p.reason)
        return { hard_bounces: bounces.length, spam_reports: spam.length, invalid_phone_numbers: phones.length }
      })
    },

    // --- Braze: subscription groups ---------------------------------------------------------------
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
    },

    // --- Braze: email ------------------------------------------------------------------------------
    /** POST /email/status [D EM-ST]: every profile with the address; an address on no profile is remembered. */
    emailStatus (ctx: RestScope, body: { email: string | string[], subscription_state: GlobalState }) {
      const emails = emailList(body.email)
      return transaction(() => {
        const now = clock.now()
        let changed = 0
        let remembered = 0
        for (const email of emails) {
          const users = subs.usersByEmail(ctx.workspacePk, email)
          for (const u of users) if (setEmailState(ctx.workspacePk, u, body.subscription_state, now)) changed++
          const a = address(ctx.workspacePk, email)
          if (users.length === 0) remembered++
          a.state = body.subscription_state
          a.stateAt = now
          a.unsubscribedAt = body.subscription_state === 'unsubscribed' ? (a.unsubscribedAt ?? now) : null
          subs.saveAddress(a)
        }
        return { users_changed: changed, addresses_without_profile: remembered }
      })
    },
    /** GET /email/unsubscribes [D EM-UN] */
    unsubscribes (ctx: RestScope, q: ListQueryInput & { email?: string | undefined }) {
      const email = q.email === undefined ? undefined : normaliseEmails([q.email])[0]!
      const window = listQuery(q, false, email === undefined)
      if (email !== undefined) {
        const a = subs.address(ctx.workspacePk, email)
        const at = a?.unsubscribedAt ?? null
        const inWindow = at !== null && (window.startMs === undefined || at >= window.startMs) && (window.endMs === undefined || at < window.endMs)
        return (inWindow ? [{ email, unsubscribed_at: toIso(at) }] : []).slice(q.offset, q.offset + q.limit)
      }
      return subs.unsubscribes(ctx.workspacePk, window).map((r) => ({ email: r.email, unsubscribed_at: toIso(r.at) }))
    },
    /** GET /email/hard_bounces [D EM-HB]: `email` wins over dates. */
    hardBounces (ctx: RestScope, q: ListQueryInput & { email?: string | undefined }) {
      if (q.email !== undefined) {
        const email = normaliseEmails([q.email])[0]!
        dateWindow(q, true, false)
        const at = subs.address(ctx.workspacePk, email)?.hardBouncedAt ?? null
        return (at === null ? [] : [{ email, hard_bounced_at: toIso(at) }]).slice(q.offset, q.offset + q.limit)
      }
      return subs.hardBounces(ctx.workspacePk, listQuery({ ...q, sort_direction: 'desc' }, false, false)).map((r) => ({ email: r.email, hard_bounced_at: toIso(r.at) }))
    },
    /** POST /email/bounce/remove [D EM-BR]: the address becomes mailable again (a blocklist mark goes too [inferred]). */
    removeBounces (ctx: RestScope, email: string | string[]) {
      const emails = emailList(email)
      return transaction(() => {
        let removed = 0
        for (const e of emails) {
          const a = subs.address(ctx.workspacePk, e)
          if (a === undefined || (a.hardBouncedAt === null && a.blocklistedAt === null)) continue
          a.hardBouncedAt = null
          a.blocklistedAt = null
          subs.saveAddress(a)
          removed++
        }
        return { removed }
      })
    },
    /** POST /email/spam/remove [D EM-SR] */
    removeSpam (ctx: RestScope, email: string | string[]) {
      const emails = emailList(email)
      return transaction(() => {
        let removed = 0
        for (const e of emails) {
          const a = subs.address(ctx.workspacePk, e)
          if (a === undefined || a.spamAt === null) continue
          a.spamAt = null
          subs.saveAddress(a)
          removed++
        }
        return { removed }
      })
    },
    /** POST /email/blocklist (and /email/blacklist) [D EM-BL]: unsubscribed and marked hard-bounced. */
    blocklist (ctx: RestScope, email: string | string[]) {
      const emails = emailList(email)
      return transaction(() => {
        const now = clock.now()
        let changed = 0
        for (const e of emails) {
          for (const u of subs.usersByEmail(ctx.workspacePk, e)) if (setEmailState(ctx.workspacePk, u, 'unsubscribed', now)) changed++
          const a = address(ctx.workspacePk, e)
          a.state = 'unsubscribed'
          a.stateAt = now
          a.unsubscribedAt ??= now
          a.hardBouncedAt ??= now
          a.blocklistedAt ??= now
          subs.saveAddress(a)
        }
        return { blocklisted: emails.length, users_changed: changed }
      })
    },

    // --- Braze: SMS ----------------------------------------------------------------------------------
    /** GET /sms/invalid_phone_numbers [D SMS-Q]: `phone_numbers` wins over dates; newest first. */
    invalidPhones (ctx: RestScope, q: ListQueryInput & { phone_numbers?: string[] | undefined, reason?: 'provider_error' | 'deactivated' | undefined }) {
      const shown = (r: { phone: string, invalidAt: number, reason: string }) => ({ phone: r.phone, invalid_detected_at: toIso(r.invalidAt), reason: r.reason })
      if (q.phone_numbers !== undefined && q.phone_numbers.length > 0) {
        checkCount(q.phone_numbers)
        const phones = checkPhones(q.phone_numbers)
        dateWindow(q, true, false)
        return phones.flatMap((p) => {
          const r = subs.invalidPhone(ctx.workspacePk, p)
          return r === undefined || (q.reason !== undefined && r.reason !== q.reason) ? [] : [shown(r)]
        }).slice(q.offset, q.offset + q.limit)
      }
      return subs.invalidPhones(ctx.workspacePk, { ...listQuery({ ...q, sort_direction: 'desc' }, false, true), reason: q.reason }).map(shown)
    },
    /** POST /sms/invalid_phone_numbers/remove [D SMS-R] */
    removeInvalidPhones (ctx: RestScope, phoneNumbers: string[]) {
      checkCount(phoneNumbers)
      if (phoneNumbers.length === 0) throw new SubscriptionBadRequest(M.phoneNumbers)
      const phones = checkPhones(phoneNumbers)
      return transaction(() => ({ removed: phones.filter((p) => subs.removeInvalidPhone(ctx.workspacePk, p)).length }))
    },

    // --- /users/track --------------------------------------------------------------------------------
    /**
     * Checks a tracked object's subscription_groups against the workspace: an id that names no
     * group is the object's BAD_SUBSCRIPTION_GROUP_ID error [D Z:TRK]. Returns the bad id or undefined.
     */
    unknownTrackedGroup (workspacePk: number, changes: TrackSubscriptionChanges): string | undefined {
      return changes.groups.find((g) => subs.findGroup(workspacePk, g.subscription_group_id) === undefined)?.subscription_group_id
    },
    /**
     * The global email state a tracked profile ends with (before it is saved): a changed address
     * resets it or inherits the address's (item 153), unless the same object set email_subscribe.
     * Also stamps `email_<state>_at` in the profile when the state changes.
     */
    trackedEmailState (workspacePk: number, before: { pk: number, email: string | null, emailSubscribe: string | null },
      next: { email: string | null, emailSubscribe: string | null, profile: Record<string, unknown> }, explicit: boolean, isNew: boolean, nowIso: string): void {
      // A profile created by this request with its address (an email-identified object) also takes the address's state [D EM-ST].
      if (!explicit && next.email !== null && (next.email !== before.email || isNew)) {
        const others = subs.usersByEmail(workspacePk, next.email).filter((u) => u.pk !== before.pk).map((u) => u.emailSubscribe)
        const state = stateForNewAddress(subs.address(workspacePk, next.email)?.state, others)
        next.emailSubscribe = before.emailSubscribe === null && state === 'subscribed' ? null : state
      }
      if (next.emailSubscribe !== before.emailSubscribe && next.emailSubscribe !== null) next.profile[`email_${next.emailSubscribe}_at`] = nowIso
    },
    /** After a tracked profile is saved: the email lists, then its group changes (and those of profiles sharing its address [D TRK]). */
    afterTrackedSave (workspacePk: number, userPk: number, before: { emailSubscribe: string | null }, after: { email: string | null, phone: string | null, emailSubscribe: string | null },
      changes: TrackSubscriptionChanges, now: number): number {
      noteEmailState(workspacePk, after.email, globalState(before.emailSubscribe), globalState(after.emailSubscribe), now)
      let changed = 0
      for (const c of changes.groups) {
        const g = subs.findGroup(workspacePk, c.subscription_group_id)
        if (g === undefined || g.archivedAt !== null) continue
        const state = c.subscription_state as GroupState
        const pks = new Set([userPk])
        if (g.channel === 'email' && after.email !== null) for (const u of subs.usersByEmail(workspacePk, after.email)) pks.add(u.pk)
        for (const pk of pks) if (setGroupState(g, pk, state, now)) changed++
      }
      return changed
    },

    // --- reads for other surfaces --------------------------------------------------------------------
    /**
     * Set-at-a-time: what reachability() needs for each user (pks of other workspaces or deleted
     * users are absent). Three reads whatever the batch size: the users by rowid, the workspace's
     * marked addresses and invalid numbers (few), and the group states (bench/subscriptions.bench.ts).
     */
    reachabilityProfiles (workspacePk: number, userPks: readonly number[]): Map<number, ReachabilityProfile> {
      const out = new Map<number, ReachabilityProfile>()
      const rows = subs.reachabilityUsers(workspacePk, userPks)
      if (rows.length === 0) return out
      const marks = new Map(subs.markedAddresses(workspacePk).map((m) => [m[0], m]))
      const invalid = subs.invalidPhoneSet(workspacePk)
      const groups = new Map<number, Record<string, 'subscribed' | 'unsubscribed'>>()
      for (const [pk, id, state] of subs.groupStatesFor(workspacePk, userPks)) {
        let g = groups.get(pk)
        if (g === undefined) { g = {}; groups.set(pk, g) }
        g[id] = state as 'subscribed' | 'unsubscribed'
      }
      const none: Readonly<Record<string, 'subscribed' | 'unsubscribed'>> = Object.freeze({})
      for (const [pk, email, phone, emailState, pushState, tokens] of rows) {
        const m = email === null ? undefined : marks.get(email)
        out.set(pk, {
          email, phone, email_subscribe: globalState(emailState), push_subscribe: globalState(pushState), has_push_token: tokens === 1,
          email_hard_bounced: m?.[1] === 1, email_spam: m?.[2] === 1, email_blocklisted: m?.[3] === 1,
          phone_invalid: phone !== null && invalid.has(phone), groups: groups.get(pk) ?? none
        })
      }
      return out
    },
    /** The control plane's view of users' whole subscription state (GET /_fake/workspaces/{id}/user-profiles). */
    inspect (workspacePk: number, userPks: readonly number[]): Map<number, Record<string, unknown>> {
      const profiles = this.reachabilityProfiles(workspacePk, userPks)
      const out = new Map<number, Record<string, unknown>>()
      for (const [pk, p] of profiles) {
        out.set(pk, {
          email_subscribe: p.email_subscribe,
          push_subscribe: p.push_subscribe,
          email_hard_bounced: p.email_hard_bounced,
          email_spam: p.email_spam,
          email_blocklisted: p.email_blocklisted,
          phone_invalid: p.phone_invalid,
          has_push_token: p.has_push_token,
          groups: p.groups
        })
      }
      return out
    }
  }
}
