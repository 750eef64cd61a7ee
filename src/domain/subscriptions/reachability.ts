/**
 * Who a message may reach on a channel, from the user's subscription state
 * (braze-reference-messaging §2.16 step 5 and §3.9). Pure.
 * Placeholder of issue 11: issue 10 (subscription state) owns this file and replaces it at merge.
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

/** Does `state` pass the send-to setting? `subscribed_or_opted_in` (default) skips only unsubscribed users. */
function passes (state: SubscriptionState, sendTo: SendTo): Reachability {
  if (sendTo === 'all') return REACHABLE
  if (state === 'unsubscribed') return no('unsubscribed')
  if (sendTo === 'opted_in' && state !== 'opted_in') return no('not_opted_in')
  return REACHABLE
}

export function reachability (profile: ReachabilityProfile, channel: MessageChannel, opts: { sendTo: SendTo, subscriptionGroupId?: string }): Reachability {
  switch (channel) {
    case 'email': {
      // An address that is not hard-bounced; spam-marked users only get `all` (transactional) sends (UG-EM).
      if (profile.email === null || profile.email === '') return no('no_address')
      if (profile.email_blocklisted) return no('blocklisted')
      if (profile.email_hard_bounced) return no('hard_bounced')
      if (profile.email_spam && opts.sendTo !== 'all') return no('spam')
      const global = passes(profile.email_subscribe, opts.sendTo)
      if (!global.reachable) return global
      // A group filter on top of the global state; a global unsubscribe supersedes groups (above).
      if (opts.subscriptionGroupId !== undefined && opts.sendTo !== 'all' && profile.groups[opts.subscriptionGroupId] !== 'subscribed') return no('not_in_group')
      return REACHABLE
    }
    case 'push': {
      // A foreground push token and push state subscribed / opted in, unless `all` (UG-PUSH).
      if (!profile.has_push_token) return no('no_push_token')
      return passes(profile.push_subscribe, opts.sendTo)
    }
    case 'sms': {
      // Only users subscribed to the message's group, whatever the send-to setting (UG-SMS).
      if (profile.phone === null || profile.phone === '') return no('no_address')
      if (profile.phone_invalid) return no('invalid_phone')
      if (opts.subscriptionGroupId === undefined || profile.groups[opts.subscriptionGroupId] !== 'subscribed') return no('not_in_group')
      return REACHABLE
    }
    case 'webhook':
    case 'content_card':
      return REACHABLE // no subscription gate [inferred]
  }
}
