/**
 * "May user U be messaged on channel C (and group G) now, and if not, why?" — the one function
 * every send goes through (braze-reference-messaging §2.16 step 5, §3.1, §3.9). Pure: the caller
 * loads a ReachabilityProfile (subscription-service `reachabilityProfiles`) and asks per channel.
 *
 * Rules, in the order they are checked (the first that fails is the reason):
 * - email [D UG-EM]: an address is needed; a blocklisted [D EM-BL] or hard-bounced address is never
 *   mailed, not even by `all` sends [bounce-with-`all` inferred]; a spam report lets only `all`
 *   (transactional) sends through; `all` ignores the global state; otherwise `unsubscribed` is never
 *   mailed and `opted_in` sends skip plain `subscribed` users. A group (subscriptionGroupId) must be
 *   `subscribed` [D]; the global `unsubscribed` supersedes every group state [D Z:SUB-GET], which the
 *   state check already enforces (a group named on an `all` send still has to be `subscribed` [inferred]).
 * - push [D UG-PUSH]: a foreground push token is needed; then the same state rules as email.
 * - sms [D UG-SMS]: a phone that is not on the invalid list [invalid-list exclusion inferred], and
 *   `subscribed` to the message's group — "never sent otherwise, whatever the targeting setting".
 * - webhook, content_card: no subscription gate [inferred].
 */
export type MessageChannel = 'email' | 'push' | 'sms' | 'webhook' | 'content_card'
export type SendTo = 'subscribed_or_opted_in' | 'opted_in' | 'all'
export type SubscriptionState = 'opted_in' | 'subscribed' | 'unsubscribed'
export interface ReachabilityProfile {
  email: string | null
  phone: string | null
  email_subscribe: SubscriptionState
  push_subscribe: SubscriptionState
  has_push_token: boolean
  email_hard_bounced: boolean
  email_spam: boolean
  email_blocklisted: boolean
  phone_invalid: boolean
  /** subscription group id → state; absent = no history */
  groups: Readonly<Record<string, 'subscribed' | 'unsubscribed'>>
}
export type UnreachableReason = 'no_address' | 'unsubscribed' | 'not_opted_in' | 'hard_bounced' | 'spam' | 'blocklisted' | 'invalid_phone' | 'not_in_group' | 'no_push_token'
export type Reachability = { reachable: true } | { reachable: false, reason: UnreachableReason }

const REACHABLE: Reachability = { reachable: true }
const no = (reason: UnreachableReason): Reachability => ({ reachable: false, reason })

/** The global-state rule shared by email and push. */
function stateAllows (state: SubscriptionState, sendTo: SendTo): Reachability {
  if (sendTo === 'all') return REACHABLE
  if (state === 'unsubscribed') return no('unsubscribed')
  if (sendTo === 'opted_in' && state !== 'opted_in') return no('not_opted_in')
  return REACHABLE
}

function inGroup (profile: ReachabilityProfile, groupId: string | undefined): boolean {
  return groupId === undefined || profile.groups[groupId] === 'subscribed'
}

export function reachability (profile: ReachabilityProfile, channel: MessageChannel, opts: { sendTo: SendTo, subscriptionGroupId?: string }): Reachability {
  switch (channel) {
    case 'email': {
      if (profile.email === null || profile.email === '') return no('no_address')
      if (profile.email_blocklisted) return no('blocklisted')
      if (profile.email_hard_bounced) return no('hard_bounced')
      if (profile.email_spam && opts.sendTo !== 'all') return no('spam')
      const state = stateAllows(profile.email_subscribe, opts.sendTo)
      if (!state.reachable) return state
      return inGroup(profile, opts.subscriptionGroupId) ? REACHABLE : no('not_in_group')
    }
    case 'push': {
      if (!profile.has_push_token) return no('no_push_token')
      const state = stateAllows(profile.push_subscribe, opts.sendTo)
      if (!state.reachable) return state
      return inGroup(profile, opts.subscriptionGroupId) ? REACHABLE : no('not_in_group')
    }
    case 'sms': {
      if (profile.phone === null || profile.phone === '') return no('no_address')
      if (profile.phone_invalid) return no('invalid_phone')
      const group = opts.subscriptionGroupId
      return group !== undefined && profile.groups[group] === 'subscribed' ? REACHABLE : no('not_in_group')
    }
    case 'webhook':
    case 'content_card':
      return REACHABLE
  }
}

/** A profile with Braze's defaults at creation (item 152): both states `subscribed`, no flags, no group history. */
export function defaultReachabilityProfile (over: Partial<ReachabilityProfile> = {}): ReachabilityProfile {
  return {
    email: null, phone: null, email_subscribe: 'subscribed', push_subscribe: 'subscribed', has_push_token: false,
    email_hard_bounced: false, email_spam: false, email_blocklisted: false, phone_invalid: false, groups: {}, ...over
  }
}
