/**
 * Reads for other surfaces: each user's whole subscription state, loaded set-at-a-time for
 * reachability() (messaging) and for the control plane's user-profile view.
 */
import { globalState } from './subscription-rules.js'
import type { ReachabilityProfile } from './reachability.js'
import type { SubscriptionCore } from './subscription-core.js'

export function createReachabilityLoader (core: SubscriptionCore) {
  const { subs } = core.deps

  /**
   * Set-at-a-time: what reachability() needs for each user (pks of other workspaces or deleted
   * users are absent). Three reads whatever the batch size: the users by rowid, the workspace's
   * marked addresses and invalid numbers (few), and the group states (bench/subscriptions.bench.ts).
   */
  function reachabilityProfiles (workspacePk: number, userPks: readonly number[]): Map<number, ReachabilityProfile> {
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
  }
  /** The control plane's view of users' whole subscription state (GET /_fake/workspaces/{id}/user-profiles). */
  function inspect (workspacePk: number, userPks: readonly number[]): Map<number, Record<string, unknown>> {
    const profiles = reachabilityProfiles(workspacePk, userPks)
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

  return { reachabilityProfiles, inspect }
}
