/**
 * /users/track's subscription side: unknown group ids in tracked objects, the global email state
 * a tracked profile ends with, and the group and email-list changes after it is saved.
 */
import { globalState, stateForNewAddress, type GroupState } from './subscription-rules.js'
import type { SubscriptionCore } from './subscription-core.js'

/** A tracked attributes object's subscription changes, as /users/track hands them over. */
export interface TrackSubscriptionChanges { groups: Array<{ subscription_group_id: string, subscription_state: string }> }

export function createTrackedSubscriptions (core: SubscriptionCore) {
  const { subs } = core.deps
  const { setGroupState, noteEmailState } = core

  return {
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
    }
  }
}
