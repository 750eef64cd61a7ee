/**
 * The REST calls integrations make over and over prepare no SQL statement once warm: every
 * statement they run is prepared once per app (lazyStatements / lazyQuery). A query built with
 * drizzle's builder inside a repository method is prepared again on every call (~0.1 ms each,
 * BENCHMARKS.md, Issue 19, fourth pass), and this test names the statement that does it.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import { buildTestApp, json, post } from '../helper.js'

const GROUP = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'

test('warm /users/*, /campaigns/trigger/send, /messages/send, subscription, cohort and seeding calls prepare no statement', async (t) => {
  const prepared: string[] = []
  let counting = false
  const original = Database.prototype.prepare
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    if (counting) prepared.push(source.replace(/\s+/g, ' ').slice(0, 160))
    return original.call(this, source)
  } as typeof original
  t.after(() => { Database.prototype.prepare = original })

  const app = await buildTestApp(t)
  const setUp = async (url: string, body: unknown): Promise<Record<string, any>> => {
    const res = await post(app, url, body)
    assert.ok(res.statusCode < 300, `${url}: ${res.body}`)
    return json(res)
  }
  await setUp('/_fake/workspaces', { id: 'w' })
  const key = (await setUp('/_fake/workspaces/w/rest-api-keys', {})).key as string
  const secret = (await setUp('/_fake/workspaces/w/partners/hightouch/data-import-keys', {})).key as string
  await setUp('/_fake/workspaces/w/subscription-groups', { id: GROUP, name: 'Newsletter', channel: 'email' })
  await setUp('/_fake/workspaces/w/campaigns', { id: 'camp', name: 'C', kind: 'api_triggered', messages: [{ id: 'e', channel: 'email', from: 'a@example.com', subject: 'Hi {{${first_name}}}', body: 'b' }] })
  const partner = { partner_api_key: 'fake-hightouch-us-partner-api-key', client_secret: secret }
  await setUp('/partners/hightouch/cohorts', { ...partner, cohort_id: 'c1', name: 'C1', created_at: '2026-01-01T00:00:00Z' })

  let n = 0
  const user = (back = 0): string => `u${n - back}`
  const calls: Record<string, () => [string, unknown]> = {
    track: () => ['/users/track', {
      attributes: [{ external_id: user(), email: `${user()}@example.com`, first_name: 'Ann', plan: 'gold' }],
      events: [{ external_id: user(), name: 'viewed', time: '2026-01-01T00:00:00Z' }],
      purchases: [{ external_id: user(), product_id: 'p', currency: 'USD', price: 1, time: '2026-01-01T00:00:00Z' }]
    }],
    'track/bulk': () => ['/users/track/bulk', { attributes: [{ external_id: `bulk-${n}`, plan: 'silver' }] }],
    'export/ids': () => ['/users/export/ids', { external_ids: [user(1), user(2)], fields_to_export: ['external_id', 'email', 'custom_events', 'purchases', 'user_aliases', 'devices'] }],
    identify: () => ['/users/identify', { aliases_to_identify: [{ external_id: user(1), user_alias: { alias_name: `a-${n}`, alias_label: 'crm' } }] }],
    'alias/new': () => ['/users/alias/new', { user_aliases: [{ external_id: user(1), alias_name: `b-${n}`, alias_label: 'shop' }] }],
    'subscription/status/set': () => ['/v2/subscription/status/set', { subscription_groups: [{ subscription_group_id: GROUP, subscription_state: 'subscribed', external_ids: [user(1)] }] }],
    'email/status': () => ['/email/status', { email: `${user(1)}@example.com`, subscription_state: 'opted_in' }],
    'campaigns/trigger/send': () => ['/campaigns/trigger/send', { campaign_id: 'camp', recipients: [{ external_user_id: user(1) }] }],
    'messages/send': () => ['/messages/send', { external_user_ids: [user(1)], messages: { email: { app_id: 'app', from: 'a@example.com', subject: 'hi', body: 'b' } } }],
    'users/delete': () => ['/users/delete', { external_ids: [user(3)] }],
    cohorts: () => ['/partners/hightouch/cohorts', { ...partner, cohort_id: `c${n % 2}`, name: `Cohort ${n}`, created_at: '2026-01-01T00:00:00Z' }],
    'control plane: seed users': () => ['/_fake/workspaces/w/users', { users: [{ external_id: `seeded-${n}`, email: `seeded-${n}@example.com`, profile: { first_name: 'Bo' }, custom_attributes: { tier: 1 } }] }],
    'cohorts/users': () => ['/partners/hightouch/cohorts/users', { ...partner, cohort_id: 'c1', cohort_changes: [{ user_ids: [user(1)] }] }]
  }
  for (const [name, call] of Object.entries(calls)) {
    const run = async (): Promise<void> => {
      n++
      const [url, body] = call()
      const res = await post(app, url, body, url.startsWith('/partners/') || url.startsWith('/_fake/') ? {} : { headers: { authorization: `Bearer ${key}` } })
      assert.ok(res.statusCode < 300, `${name}: ${res.statusCode} ${res.body}`)
    }
    for (let i = 0; i < 3; i++) await run()
    prepared.length = 0
    counting = true
    for (let i = 0; i < 3; i++) await run()
    counting = false
    assert.deepEqual(prepared, [], `${name} prepared statements on warm calls`)
  }
})
