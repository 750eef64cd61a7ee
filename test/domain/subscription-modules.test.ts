/**
 * The subscription service's modules one by one, without HTTP: each built on the shared core over
 * an in-memory database (the HTTP behaviour is in test/routes/subscriptions/).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createSubscriptionCore } from '../../src/domain/subscriptions/subscription-core.js'
import { createDeliverabilityEvents } from '../../src/domain/subscriptions/subscription-deliverability.js'
import { createEmailLists } from '../../src/domain/subscriptions/subscription-email-lists.js'
import { createSubscriptionGroups } from '../../src/domain/subscriptions/subscription-groups.js'
import { createInvalidPhones } from '../../src/domain/subscriptions/subscription-invalid-phones.js'
import { createReachabilityLoader } from '../../src/domain/subscriptions/subscription-reachability-loader.js'
import { createSubscriptionStatus } from '../../src/domain/subscriptions/subscription-status.js'
import { createTrackedSubscriptions } from '../../src/domain/subscriptions/subscription-tracking.js'
import { createSubscriptionRepository } from '../../src/repositories/subscriptions/subscription-repository.js'
import { createUserProfileRepository } from '../../src/repositories/users/user-profile-repository.js'
import { domainWorkspace } from './domain-workspace.js'

const EMAIL_GROUP = '11111111-1111-4111-8111-111111111111'
const SMS_GROUP = '22222222-2222-4222-8222-222222222222'

function setup (t: { after: (fn: () => void) => void }) {
  const { handle, clock, transaction, workspaceRepo, workspacePk, tick } = domainWorkspace(t)
  const ctx = { workspacePk }
  const core = createSubscriptionCore({ subs: createSubscriptionRepository(handle), workspaces: workspaceRepo, profiles: createUserProfileRepository(handle), transaction, clock })
  const groups = createSubscriptionGroups(core)
  groups.createGroup('w1', { id: EMAIL_GROUP, name: 'Newsletter', channel: 'email' })
  groups.createGroup('w1', { id: SMS_GROUP, name: 'Alerts', channel: 'sms' })
  return { core, ctx, groups, tick }
}

test('groups: ids are UUIDs unique per workspace; archiving keeps the group and stamps it; the lookup finds it by id', (t) => {
  const { ctx, groups, tick } = setup(t)
  assert.throws(() => groups.createGroup('w1', { id: 'not-a-uuid', name: 'x', channel: 'email' }), /UUID/)
  assert.throws(() => groups.createGroup('w1', { id: EMAIL_GROUP, name: 'again', channel: 'email' }), /already exists/)
  tick(1000)
  assert.equal(groups.archiveGroup('w1', SMS_GROUP).archived_at, '2026-11-28T12:00:01.000Z')
  assert.deepEqual(groups.listGroups('w1').map((g) => [g.id, g.archived_at !== undefined]), [[EMAIL_GROUP, false], [SMS_GROUP, true]])
  assert.equal(groups.groupLookup(ctx.workspacePk)(EMAIL_GROUP)?.channel, 'email')
})

test('status: an address on no profile gets one; emails refused for an SMS group; an archived group writes nothing', (t) => {
  const { core, ctx, groups } = setup(t)
  const status = createSubscriptionStatus(core)
  const set = status.setStatusV2(ctx, [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', emails: ['A@Example.com'] }])
  assert.deepEqual(set.groups[0], { id: EMAIL_GROUP, state: 'subscribed', users_changed: 1, users_unchanged: 0, users_created: 1, external_ids_not_found: 0 })
  assert.deepEqual(status.getStatus(ctx, { subscription_group_id: EMAIL_GROUP, email: 'a@example.com' }), { 'a@example.com': 'Subscribed' })
  assert.throws(() => status.setStatusV2(ctx, [{ subscription_group_id: SMS_GROUP, subscription_state: 'subscribed', emails: ['a@example.com'] }]), /email/)
  groups.archiveGroup('w1', EMAIL_GROUP)
  const archived = status.setStatusV2(ctx, [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'unsubscribed', emails: ['a@example.com'] }])
  assert.equal(archived.groups[0]?.archived, true)
  assert.deepEqual(status.getStatus(ctx, { subscription_group_id: EMAIL_GROUP, email: 'a@example.com' }), { 'a@example.com': 'Subscribed' })
})

test('email lists and reachability: a blocklisted address is unsubscribed and hard-bounced; removing the bounce clears the blocklist mark', (t) => {
  const { core, ctx } = setup(t)
  createSubscriptionStatus(core).setStatusV2(ctx, [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed', emails: ['b@example.com'] }])
  const lists = createEmailLists(core)
  const loader = createReachabilityLoader(core)
  assert.deepEqual(lists.blocklist(ctx, 'b@example.com'), { blocklisted: 1, users_changed: 1 })
  const query = { limit: 100, offset: 0, start_date: '2026-11-01', end_date: '2026-12-01' }
  assert.deepEqual(lists.unsubscribes(ctx, query), [{ email: 'b@example.com', unsubscribed_at: '2026-11-28T12:00:00.000Z' }])
  assert.deepEqual(lists.hardBounces(ctx, { ...query, email: 'b@example.com' }), [{ email: 'b@example.com', hard_bounced_at: '2026-11-28T12:00:00.000Z' }])
  const pk = [...core.deps.subs.usersByEmail(ctx.workspacePk, 'b@example.com')][0]!.pk
  const before = loader.reachabilityProfiles(ctx.workspacePk, [pk]).get(pk)!
  assert.deepEqual([before.email_subscribe, before.email_blocklisted, before.email_hard_bounced, before.groups], ['unsubscribed', true, true, { [EMAIL_GROUP]: 'subscribed' }])
  assert.deepEqual(lists.removeBounces(ctx, ['b@example.com']), { removed: 1 })
  const after = loader.reachabilityProfiles(ctx.workspacePk, [pk]).get(pk)!
  assert.deepEqual([after.email_blocklisted, after.email_hard_bounced], [false, false])
})

test('deliverability events and invalid phones: a reported number is listed with its reason until removed', (t) => {
  const { core, ctx } = setup(t)
  const phones = createInvalidPhones(core)
  const counts = createDeliverabilityEvents(core).deliverabilityEvents('w1', { invalid_phone_numbers: [{ phone: '+14155550100', reason: 'deactivated' }], spam_reports: ['c@example.com'] })
  assert.deepEqual(counts, { hard_bounces: 0, spam_reports: 1, invalid_phone_numbers: 1 })
  assert.deepEqual(phones.invalidPhones(ctx, { limit: 100, offset: 0, phone_numbers: ['+14155550100'] }), [{ phone: '+14155550100', invalid_detected_at: '2026-11-28T12:00:00.000Z', reason: 'deactivated' }])
  assert.deepEqual(phones.invalidPhones(ctx, { limit: 100, offset: 0, phone_numbers: ['+14155550100'], reason: 'provider_error' }), [])
  assert.deepEqual(phones.removeInvalidPhones(ctx, ['+14155550100']), { removed: 1 })
  assert.deepEqual(phones.invalidPhones(ctx, { limit: 100, offset: 0, phone_numbers: ['+14155550100'] }), [])
  assert.throws(() => phones.removeInvalidPhones(ctx, []))
})

test('tracking: a profile moving to an address /email/status unsubscribed inherits it (stamped); an email group change reaches every profile sharing the address; unknown and archived groups', (t) => {
  const { core, ctx, groups } = setup(t)
  const tracking = createTrackedSubscriptions(core)
  createEmailLists(core).emailStatus(ctx, { email: 'd@example.com', subscription_state: 'unsubscribed' })
  const next = { email: 'd@example.com', emailSubscribe: null, profile: {} as Record<string, unknown> }
  tracking.trackedEmailState(ctx.workspacePk, { pk: 0, email: 'old@example.com', emailSubscribe: null }, next, false, false, '2026-11-28T12:00:00.000Z')
  assert.deepEqual(next, { email: 'd@example.com', emailSubscribe: 'unsubscribed', profile: { email_unsubscribed_at: '2026-11-28T12:00:00.000Z' } })
  const explicit = { email: 'd@example.com', emailSubscribe: 'opted_in', profile: {} as Record<string, unknown> }
  tracking.trackedEmailState(ctx.workspacePk, { pk: 0, email: null, emailSubscribe: null }, explicit, true, false, '2026-11-28T12:00:00.000Z')
  assert.equal(explicit.emailSubscribe, 'opted_in', 'email_subscribe in the same object wins')

  const now = Date.parse('2026-11-28T12:00:00Z')
  const a = core.createProfile(ctx.workspacePk, 'e@example.com', null, now)
  const b = core.createProfile(ctx.workspacePk, 'e@example.com', null, now)
  const subscribe = { groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }] }
  assert.equal(tracking.unknownTrackedGroup(ctx.workspacePk, { groups: [{ subscription_group_id: 'nope', subscription_state: 'subscribed' }] }), 'nope')
  assert.equal(tracking.unknownTrackedGroup(ctx.workspacePk, subscribe), undefined)
  const after = { email: 'e@example.com', phone: null, emailSubscribe: null }
  assert.equal(tracking.afterTrackedSave(ctx.workspacePk, a.pk, { emailSubscribe: null }, after, subscribe, now), 2)
  assert.equal(tracking.afterTrackedSave(ctx.workspacePk, a.pk, { emailSubscribe: null }, after, subscribe, now), 0, 'repeating a state changes nothing')
  const groupsOf = (pk: number) => createReachabilityLoader(core).reachabilityProfiles(ctx.workspacePk, [pk]).get(pk)!.groups
  assert.deepEqual(groupsOf(b.pk), { [EMAIL_GROUP]: 'subscribed' })
  groups.archiveGroup('w1', EMAIL_GROUP)
  assert.equal(tracking.afterTrackedSave(ctx.workspacePk, a.pk, { emailSubscribe: null }, after, { groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'unsubscribed' }] }, now), 0)
  assert.deepEqual(groupsOf(b.pk), { [EMAIL_GROUP]: 'subscribed' })
})
