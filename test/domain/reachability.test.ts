/** Every rule of the reachability function (braze-reference-messaging §2.16 step 5, §3.9), one test each. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { defaultReachabilityProfile as profile, reachability } from '../../src/domain/subscriptions/reachability.js'

const G = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'
const ok = { reachable: true }
const no = (reason: string) => ({ reachable: false, reason })
const dflt = { sendTo: 'subscribed_or_opted_in' as const }

describe('reachability: email', () => {
  const mail = profile({ email: 'a@x.com' })
  test('item 152/116: a new profile (subscribed) with an address is reachable by the default send', () => {
    assert.deepEqual(reachability(mail, 'email', dflt), ok)
  })
  test('no address → no_address, whatever the setting', () => {
    assert.deepEqual(reachability(profile(), 'email', { sendTo: 'all' }), no('no_address'))
  })
  test('item 116: unsubscribed → unsubscribed for the default send', () => {
    assert.deepEqual(reachability({ ...mail, email_subscribe: 'unsubscribed' }, 'email', dflt), no('unsubscribed'))
  })
  test('item 117: opted_in sends skip plain subscribed users, reach opted_in ones', () => {
    assert.deepEqual(reachability(mail, 'email', { sendTo: 'opted_in' }), no('not_opted_in'))
    assert.deepEqual(reachability({ ...mail, email_subscribe: 'opted_in' }, 'email', { sendTo: 'opted_in' }), ok)
  })
  test('item 118: all reaches unsubscribed users but never a hard-bounced address', () => {
    assert.deepEqual(reachability({ ...mail, email_subscribe: 'unsubscribed' }, 'email', { sendTo: 'all' }), ok)
    assert.deepEqual(reachability({ ...mail, email_hard_bounced: true }, 'email', { sendTo: 'all' }), no('hard_bounced'))
  })
  test('item 121: a hard bounce blocks even a subscribed user (the state is not changed by the bounce)', () => {
    assert.deepEqual(reachability({ ...mail, email_hard_bounced: true, email_subscribe: 'opted_in' }, 'email', dflt), no('hard_bounced'))
  })
  test('item 121: spam blocks non-all sends; all (transactional) still goes out', () => {
    assert.deepEqual(reachability({ ...mail, email_spam: true }, 'email', dflt), no('spam'))
    assert.deepEqual(reachability({ ...mail, email_spam: true }, 'email', { sendTo: 'all' }), ok)
  })
  test('item 155: a blocklisted address is never mailed', () => {
    assert.deepEqual(reachability({ ...mail, email_blocklisted: true }, 'email', { sendTo: 'all' }), no('blocklisted'))
  })
  test('a group send needs the group subscribed; no history is not subscribed', () => {
    assert.deepEqual(reachability(mail, 'email', { ...dflt, subscriptionGroupId: G }), no('not_in_group'))
    assert.deepEqual(reachability({ ...mail, groups: { [G]: 'unsubscribed' } }, 'email', { ...dflt, subscriptionGroupId: G }), no('not_in_group'))
    assert.deepEqual(reachability({ ...mail, groups: { [G]: 'subscribed' } }, 'email', { ...dflt, subscriptionGroupId: G }), ok)
  })
  test('item 148: a global unsubscribe supersedes a subscribed group', () => {
    assert.deepEqual(reachability({ ...mail, email_subscribe: 'unsubscribed', groups: { [G]: 'subscribed' } }, 'email', { ...dflt, subscriptionGroupId: G }), no('unsubscribed'))
  })
})

describe('reachability: push', () => {
  const device = profile({ has_push_token: true })
  test('item 120: no foreground token → no_push_token', () => {
    assert.deepEqual(reachability(profile(), 'push', { sendTo: 'all' }), no('no_push_token'))
  })
  test('item 120: push_subscribe unsubscribed → unsubscribed; all ignores it', () => {
    assert.deepEqual(reachability({ ...device, push_subscribe: 'unsubscribed' }, 'push', dflt), no('unsubscribed'))
    assert.deepEqual(reachability({ ...device, push_subscribe: 'unsubscribed' }, 'push', { sendTo: 'all' }), ok)
  })
  test('subscribed and opted_in both reach the default push; opted_in sends need opted_in', () => {
    assert.deepEqual(reachability(device, 'push', dflt), ok)
    assert.deepEqual(reachability(device, 'push', { sendTo: 'opted_in' }), no('not_opted_in'))
    assert.deepEqual(reachability({ ...device, push_subscribe: 'opted_in' }, 'push', { sendTo: 'opted_in' }), ok)
  })
})

describe('reachability: sms', () => {
  const phone = profile({ phone: '+12223334444', groups: { [G]: 'subscribed' } })
  test('item 119: subscribed to the message\'s group → reachable', () => {
    assert.deepEqual(reachability(phone, 'sms', { ...dflt, subscriptionGroupId: G }), ok)
  })
  test('item 119: not subscribed to the group → never sent, even with all', () => {
    assert.deepEqual(reachability({ ...phone, groups: { [G]: 'unsubscribed' } }, 'sms', { sendTo: 'all', subscriptionGroupId: G }), no('not_in_group'))
    assert.deepEqual(reachability({ ...phone, groups: {} }, 'sms', { sendTo: 'all', subscriptionGroupId: G }), no('not_in_group'))
  })
  test('an sms without a group reaches nobody', () => {
    assert.deepEqual(reachability(phone, 'sms', { sendTo: 'all' }), no('not_in_group'))
  })
  test('the global email/push states do not matter to sms', () => {
    assert.deepEqual(reachability({ ...phone, email_subscribe: 'unsubscribed', push_subscribe: 'unsubscribed' }, 'sms', { ...dflt, subscriptionGroupId: G }), ok)
  })
  test('no phone → no_address; a phone on the invalid list → invalid_phone', () => {
    assert.deepEqual(reachability({ ...phone, phone: null }, 'sms', { ...dflt, subscriptionGroupId: G }), no('no_address'))
    assert.deepEqual(reachability({ ...phone, phone_invalid: true }, 'sms', { ...dflt, subscriptionGroupId: G }), no('invalid_phone'))
  })
})

describe('reachability: ungated channels', () => {
  test('webhook and content cards have no subscription gate', () => {
    const p = profile({ email_subscribe: 'unsubscribed', push_subscribe: 'unsubscribed' })
    assert.deepEqual(reachability(p, 'webhook', dflt), ok)
    assert.deepEqual(reachability(p, 'content_card', { sendTo: 'opted_in' }), ok)
  })
})
