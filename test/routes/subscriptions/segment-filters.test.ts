/**
 * Segment filters on subscription state: group membership and channel reachability, combined with
 * the cohort filter in one SQL resolution. The reachable filter must agree with the reachability
 * function (domain/subscriptions/reachability.ts) user by user.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { provision } from '../../factories.js'
import { addToCohort, makeSegment, nameCohort, restKey, segmentMembers } from '../../segment-factories.js'
import { reachability, type MessageChannel, type SendTo } from '../../../src/domain/subscriptions/reachability.js'
import { EMAIL_GROUP, SMS_GROUP, brazePost, makeGroup } from './helpers.js'
import type { RestSetup } from '../../rest-factories.js'

async function world (t: Parameters<typeof buildTestApp>[0]) {
  const app = await buildTestApp(t)
  const p = await provision(app)
  const s: RestSetup = { app, workspaceId: p.workspaceId, key: await restKey(app, p.workspaceId), advance: () => {} }
  await makeGroup(s, EMAIL_GROUP, 'email', 'Newsletter')
  await makeGroup(s, SMS_GROUP, 'sms', 'Alerts')
  const res = await brazePost(s, '/users/track', {
    attributes: [
      { external_id: 'plain', email: 'plain@x.com' },
      { external_id: 'optin', email: 'optin@x.com', email_subscribe: 'opted_in', push_subscribe: 'opted_in', push_tokens: [{ app_id: 'a', token: 't1' }] },
      { external_id: 'unsub', email: 'unsub@x.com', email_subscribe: 'unsubscribed', push_subscribe: 'unsubscribed', push_tokens: [{ app_id: 'a', token: 't2' }] },
      { external_id: 'bounced', email: 'bounced@x.com' },
      { external_id: 'spam', email: 'spam@x.com' },
      { external_id: 'noaddr', push_tokens: [{ app_id: 'a', token: 't3' }] },
      { external_id: 'grp', email: 'grp@x.com', phone: '+12220000001', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }, { subscription_group_id: SMS_GROUP, subscription_state: 'subscribed' }] },
      { external_id: 'grpunsub', email: 'grpunsub@x.com', email_subscribe: 'unsubscribed', phone: '+12220000002', subscription_groups: [{ subscription_group_id: EMAIL_GROUP, subscription_state: 'subscribed' }, { subscription_group_id: SMS_GROUP, subscription_state: 'unsubscribed' }] },
      { external_id: 'badphone', phone: '+12220000003', subscription_groups: [{ subscription_group_id: SMS_GROUP, subscription_state: 'subscribed' }] }
    ]
  })
  assert.equal(res.statusCode, 201, res.body)
  await post(app, `/_fake/workspaces/${p.workspaceId}/deliverability-events`, { hard_bounces: ['bounced@x.com'], spam_reports: ['spam@x.com'], invalid_phone_numbers: [{ phone: '+12220000003' }] })
  await nameCohort(app, p, 'vip', 'VIP')
  await addToCohort(app, p, 'vip', ['plain', 'grp', 'grpunsub', 'badphone'])
  return { app, p, s }
}

async function reach (app: Awaited<ReturnType<typeof world>>['app'], workspaceId: string, filter: unknown): Promise<string[]> {
  const seg = await makeSegment(app, workspaceId, filter)
  return segmentMembers(app, workspaceId, seg.id)
}

describe('segment filters on subscription state', () => {
  test('subscribed to a group, and "Hightouch Cohorts includes A AND subscribed to G"', async (t) => {
    const { app, p } = await world(t)
    const inGroup = { filter: 'subscription_group', operator: 'includes_value', value: EMAIL_GROUP }
    assert.deepEqual(await reach(app, p.workspaceId, inGroup), ['grp', 'grpunsub'])
    assert.deepEqual(await reach(app, p.workspaceId, { and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }, { filter: 'subscription_group', operator: 'includes_value', value: SMS_GROUP }] }), ['badphone', 'grp'])
    assert.deepEqual(await reach(app, p.workspaceId, { and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }, { filter: 'subscription_group', operator: 'excludes_value', value: EMAIL_GROUP }] }), ['badphone', 'plain'])
    const seg = await makeSegment(app, p.workspaceId, inGroup)
    assert.equal(seg.filter_description, 'Subscription Group includes "Newsletter"')
  })

  test('item 148: the reachable filter agrees with reachability() for every channel and setting', async (t) => {
    const { app, p } = await world(t)
    const stored = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/user-profiles` })).users as Array<Record<string, any>>
    const cases: Array<{ channel: MessageChannel, send_to: SendTo, group?: string }> = [
      { channel: 'email', send_to: 'subscribed_or_opted_in' }, { channel: 'email', send_to: 'opted_in' }, { channel: 'email', send_to: 'all' },
      { channel: 'email', send_to: 'subscribed_or_opted_in', group: EMAIL_GROUP }, { channel: 'push', send_to: 'subscribed_or_opted_in' },
      { channel: 'push', send_to: 'all' }, { channel: 'push', send_to: 'opted_in' }, { channel: 'sms', send_to: 'all', group: SMS_GROUP }
    ]
    for (const c of cases) {
      const expected = stored.filter((u) => reachability({ ...u.subscriptions, email: u.email, phone: u.phone }, c.channel, { sendTo: c.send_to, ...(c.group !== undefined && { subscriptionGroupId: c.group }) }).reachable)
        .map((u) => u.external_id as string).sort()
      const filter = { filter: 'reachable', operator: 'is_reachable', channel: c.channel, send_to: c.send_to, ...(c.group !== undefined && { subscription_group_id: c.group }) }
      assert.deepEqual(await reach(app, p.workspaceId, filter), expected, JSON.stringify(c))
      assert.deepEqual(await reach(app, p.workspaceId, { and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }, filter] }),
        expected.filter((id) => ['plain', 'grp', 'grpunsub', 'badphone'].includes(id)), `cohort AND ${JSON.stringify(c)}`)
    }
    assert.deepEqual(await reach(app, p.workspaceId, { filter: 'reachable', operator: 'is_reachable', channel: 'email', send_to: 'subscribed_or_opted_in' }), ['grp', 'optin', 'plain'])
  })

  test('bad filters: unknown group, an SMS reachability without a group, an unknown channel → 400', async (t) => {
    const { app, p } = await world(t)
    const bad = async (filter: unknown) => json(await post(app, `/_fake/workspaces/${p.workspaceId}/segments`, { name: 'x', filter })).message
    assert.equal(await bad({ filter: 'subscription_group', operator: 'includes_value', value: 'nope' }), 'Invalid segment filter at filter.value: must be the id of a subscription group of this workspace')
    assert.equal(await bad({ filter: 'reachable', operator: 'is_reachable', channel: 'sms' }), 'Invalid segment filter at filter.subscription_group_id: an SMS send needs its subscription group')
    assert.equal(await bad({ filter: 'reachable', operator: 'is_reachable', channel: 'fax' }), 'Invalid segment filter at filter.channel: must be one of email, push, sms')
  })
})
