/**
 * What every part of the subscription service shares (braze-reference-messaging §3): the
 * repositories, the workspace and group lookups, and the writes that keep the global email state
 * and Braze's email lists in step, so every writer (subscription, email and SMS endpoints,
 * /users/track, the control plane) follows the same rules.
 */
import { toIso, type Clock } from '../shared/clock.js'
import { FakeNotFound, SUBSCRIPTION_MESSAGES as M, SubscriptionBadRequest, UnknownSubscriptionGroup } from '../shared/errors.js'
import { newBrazeId, randomBucket } from '../shared/ids.js'
import { asList, checkCount, dateWindow, globalState, normaliseEmails, type GlobalState, type GroupChannel, type GroupState } from './subscription-rules.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { SubscriberRow, SubscriptionRepository } from '../../repositories/subscriptions/subscription-repository.js'
import type { EmailAddressRow, SubscriptionGroupRow } from '../../db/schema/subscriptions.js'
import type { UserProfileRepository } from '../../repositories/users/user-profile-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'

export interface SubscriptionDeps {
  subs: SubscriptionRepository
  workspaces: WorkspaceRepository
  profiles: UserProfileRepository
  transaction: RunInTransaction
  clock: Clock
}

export interface RestScope { readonly workspacePk: number }

export interface SubscriptionGroupView { id: string, name: string, channel: GroupChannel, created_at: string, archived_at?: string }

export interface ListQueryInput {
  start_date?: string | undefined, end_date?: string | undefined, limit: number, offset: number, sort_direction?: 'asc' | 'desc' | undefined
}

export type SubscriptionCore = ReturnType<typeof createSubscriptionCore>

export function createSubscriptionCore (deps: SubscriptionDeps) {
  const { subs } = deps

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

  return { deps, workspacePk, view, group, setGroupState, address, noteEmailState, setEmailState, createProfile }
}

export function emptyAddress (workspacePk: number, email: string): EmailAddressRow {
  return { workspacePk, email, state: null, stateAt: null, unsubscribedAt: null, hardBouncedAt: null, spamAt: null, blocklistedAt: null }
}

export function listQuery (q: ListQueryInput, byIdentifier: boolean, needStart: boolean) {
  return { ...dateWindow(q, byIdentifier, needStart), limit: q.limit, offset: q.offset, desc: q.sort_direction !== 'asc' }
}

/** Email-list POSTs: `email` is a string or an array of at most 50 [D EM-*]. */
export function emailList (value: string | string[]): string[] {
  const list = asList(value, M.emails) ?? []
  if (list.length === 0) throw new SubscriptionBadRequest(M.emails)
  checkCount(list)
  return normaliseEmails(list)
}
