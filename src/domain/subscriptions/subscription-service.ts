/**
 * Subscription state (braze-reference-messaging §3): subscription groups, users' group states,
 * the global email / push states, Braze's email lists (unsubscribes, hard bounces, spam,
 * blocklist, by address) and the invalid phone list. Every writer — the subscription endpoints,
 * the email / SMS endpoints, /users/track (through trackHooks) and the control plane — goes
 * through this service, so they all follow the same rules. State changes cost no data points
 * [D DP]. Each call is one transaction: validation happens before the first write.
 *
 * Composed here from one module per concern, all sharing subscription-core.ts:
 * - subscription-groups.ts: group definitions (control plane) and the lookup for segment filters;
 * - subscription-status.ts: group states set and read (v1, v2, status/get, user/status);
 * - subscription-email-lists.ts: /email/status and the email lists;
 * - subscription-invalid-phones.ts: SMS invalid numbers;
 * - subscription-deliverability.ts: provider reports injected by the control plane;
 * - subscription-tracking.ts: /users/track's subscription side;
 * - subscription-reachability-loader.ts: reachability profiles loaded set-at-a-time.
 */
import { createSubscriptionCore, type SubscriptionDeps } from './subscription-core.js'
import { createDeliverabilityEvents } from './subscription-deliverability.js'
import { createEmailLists } from './subscription-email-lists.js'
import { createSubscriptionGroups } from './subscription-groups.js'
import { createInvalidPhones } from './subscription-invalid-phones.js'
import { createReachabilityLoader } from './subscription-reachability-loader.js'
import { createSubscriptionStatus } from './subscription-status.js'
import { createTrackedSubscriptions } from './subscription-tracking.js'

export { reachability, defaultReachabilityProfile } from './reachability.js'
export type { MessageChannel, SendTo, SubscriptionState, ReachabilityProfile, UnreachableReason, Reachability } from './reachability.js'
export { GROUP_CHANNELS, type GroupChannel } from './subscription-rules.js'
export type { ListQueryInput, RestScope, SubscriptionDeps, SubscriptionGroupView } from './subscription-core.js'
export type { GroupStatusInput, SetEffects } from './subscription-status.js'
export type { TrackSubscriptionChanges } from './subscription-tracking.js'

export type SubscriptionService = ReturnType<typeof createSubscriptionService>

export function createSubscriptionService (deps: SubscriptionDeps) {
  const core = createSubscriptionCore(deps)
  return {
    ...createSubscriptionGroups(core),
    ...createDeliverabilityEvents(core),
    ...createSubscriptionStatus(core),
    ...createEmailLists(core),
    ...createInvalidPhones(core),
    ...createTrackedSubscriptions(core),
    ...createReachabilityLoader(core)
  }
}
