import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatCreatedAt, recentActivity, toUserExportObject, type ExportableUser } from '../../src/domain/users/export/user-export-object.js'

const bare: ExportableUser = {
  brazeId: '5fbd99bac125ca40511f2cb1', externalId: null, email: null, phone: null, profile: {}, customAttributes: {},
  emailSubscribe: null, pushSubscribe: null, randomBucket: 2365, totalRevenue: 0, createdAt: Date.parse('2020-07-10T15:00:00Z')
}
const none = { aliases: [], deviceIds: [] }
const quiet = { events: [], purchases: [] }

test('a user with nothing set exports created_at, braze_id, random_bucket and the default subscription states (item 152)', () => {
  assert.deepEqual(toUserExportObject(bare, none, quiet), {
    created_at: '2020-07-10 15:00:00.000 UTC', braze_id: '5fbd99bac125ca40511f2cb1', random_bucket: 2365, push_subscribe: 'subscribed', email_subscribe: 'subscribed'
  })
})

test('the time of an opted_in or unsubscribed state rides along (email_unsubscribed_at, push_opted_in_at)', () => {
  const user = { ...bare, emailSubscribe: 'unsubscribed', pushSubscribe: 'opted_in', profile: { email_unsubscribed_at: '2026-01-01T00:00:00.000Z', push_opted_in_at: '2026-01-02T00:00:00.000Z', email_opted_in_at: '2025-01-01T00:00:00.000Z' } }
  const out = toUserExportObject(user, none, quiet, new Set(['email_subscribe', 'push_subscribe']))
  assert.deepEqual(out, { push_subscribe: 'opted_in', push_opted_in_at: '2026-01-02T00:00:00.000Z', email_subscribe: 'unsubscribed', email_unsubscribed_at: '2026-01-01T00:00:00.000Z' })
})

test('created_at uses the doc sample format "YYYY-MM-DD HH:mm:ss.SSS UTC"', () => {
  assert.equal(formatCreatedAt(Date.parse('2026-01-02T03:04:05.006Z')), '2026-01-02 03:04:05.006 UTC')
})

test('fields limit the keys; null profile values and empty collections are left out', () => {
  const user = { ...bare, externalId: 'e1', email: 'A@B.COM', profile: { first_name: 'Ann', last_name: null, gender: 'F' }, customAttributes: { a: 1 } }
  const all = toUserExportObject(user, { aliases: [], deviceIds: [] }, quiet)
  assert.equal('last_name' in all, false)
  assert.equal('user_aliases' in all, false)
  assert.equal('custom_events' in all, false)
  assert.equal(all.email, 'a@b.com')
  assert.deepEqual(toUserExportObject(user, none, quiet, new Set(['email', 'gender', 'purchases', 'apps'])), { email: 'a@b.com', gender: 'F' })
})

test('push_opted_in_at rides with push_subscribe; total_revenue only when non-zero', () => {
  const user = { ...bare, pushSubscribe: 'opted_in', totalRevenue: 12.5, profile: { push_opted_in_at: '2020-01-26T22:45:53.953Z' } }
  assert.deepEqual(toUserExportObject(user, none, quiet, new Set(['push_subscribe', 'total_revenue'])), {
    total_revenue: 12.5, push_subscribe: 'opted_in', push_opted_in_at: '2020-01-26T22:45:53.953Z'
  })
  assert.deepEqual(toUserExportObject(bare, none, quiet, new Set(['total_revenue'])), {})
})

test('summaries become {name, first, last, count} with ISO times; recentActivity keeps the last 90 days', () => {
  const now = Date.parse('2026-11-28T00:00:00Z')
  const day = 24 * 3600 * 1000
  const events = [{ name: 'old', first: now - 200 * day, last: now - 91 * day, count: 2 }, { name: 'new', first: now - 200 * day, last: now - 90 * day, count: 5 }]
  const recent = recentActivity({ events, purchases: [] }, now)
  assert.deepEqual(toUserExportObject(bare, none, recent, new Set(['custom_events'])), {
    custom_events: [{ name: 'new', first: '2026-05-12T00:00:00.000Z', last: '2026-08-30T00:00:00.000Z', count: 5 }]
  })
})
