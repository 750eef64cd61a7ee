import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { NOW, restKey, restSetup, type RestSetup } from '../../rest-factories.js'
import { call, control } from '../messaging/messaging-helpers.js'

const DAY = 86_400_000
const HOUR = 3_600_000
const iso = (ms: number): string => new Date(ms).toISOString()

async function ok (s: RestSetup, url: string): Promise<Array<Record<string, any>>> {
  const res = await call(s, url)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  const body = json(res)
  assert.equal(body.message, 'success')
  return body.data
}

/**
 * Day 0 (2026-11-28, when the workspace is created): u1 and u2 created; "played" ×2 by u1 at noon and ×1
 * by u2 at 11:00 (one with app_id ios); u1 buys 3 gems at 1.5. A "played" of u1 backfilled to 2026-11-26.
 * Day 1: u1 plays again; u3 is created by buying a coin at 2. Day 2: the series are read.
 */
async function history (t: Parameters<typeof restSetup>[0]): Promise<RestSetup> {
  const s = await restSetup(t)
  const day0 = await call(s, '/users/track', {
    attributes: [{ external_id: 'u1', first_name: 'Ann' }, { external_id: 'u2', first_name: 'Bob' }],
    events: [
      { external_id: 'u1', name: 'played', time: iso(NOW) },
      { external_id: 'u1', name: 'played', time: iso(NOW), app_id: 'ios' },
      { external_id: 'u2', name: 'played', time: iso(NOW - HOUR) },
      { external_id: 'u1', name: 'played', time: '2026-11-26T08:00:00Z' },
      { external_id: 'u2', name: 'other', time: iso(NOW) }
    ],
    purchases: [{ external_id: 'u1', product_id: 'gem', currency: 'USD', price: 1.5, quantity: 3, time: iso(NOW) }]
  })
  assert.equal(day0.statusCode, 201, day0.body)
  s.advance(DAY)
  const day1 = await call(s, '/users/track', {
    events: [{ external_id: 'u1', name: 'played', time: iso(NOW + DAY) }],
    purchases: [{ external_id: 'u3', product_id: 'coin', currency: 'USD', price: 2, time: iso(NOW + DAY) }]
  })
  assert.equal(day1.statusCode, 201, day1.body)
  s.advance(DAY)
  return s
}

const DAYS = ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30']

test('GET /events/data_series counts a custom event per day and hour from /users/track, filters by app_id, from the first record on', async (t) => {
  const s = await history(t)
  const days = await ok(s, '/events/data_series?event=played&length=10')
  assert.deepEqual(days, DAYS.map((time, i) => ({ time, count: [1, 0, 3, 1, 0][i] })))
  assert.deepEqual((await ok(s, '/events/data_series?event=played&length=2&ending_at=2026-11-29T05:00:00-05:00')).map((d) => d.count), [3, 1])
  const hours = await ok(s, '/events/data_series?event=played&length=3&unit=hour&ending_at=2026-11-28T12:30:00Z')
  assert.deepEqual(hours, [{ time: '2026-11-28T10:00:00Z', count: 0 }, { time: '2026-11-28T11:00:00Z', count: 1 }, { time: '2026-11-28T12:00:00Z', count: 2 }])
  assert.deepEqual((await ok(s, '/events/data_series?event=played&length=5&app_id=ios')).map((d) => d.count), [0, 0, 1, 0, 0])
  assert.deepEqual((await ok(s, '/events/data_series?event=never&length=2')).map((d) => d.count), [0, 0])
  // before anything existed, and after now: left out
  assert.deepEqual(await ok(s, '/events/data_series?event=played&length=3&ending_at=2026-11-20T00:00:00Z'), [])
  assert.deepEqual((await ok(s, '/events/data_series?event=played&length=3&ending_at=2027-01-01T00:00:00Z')), [])
  assert.equal((await ok(s, '/events/data_series?event=played&length=100&ending_at=2026-12-01T00:00:00Z')).length, 5)
})

test('KPIs: new users per day, DAU, 30-day MAU, uninstalls 0; sessions 0', async (t) => {
  const s = await history(t)
  assert.deepEqual(await ok(s, '/kpi/new_users/data_series?length=5'), DAYS.map((time, i) => ({ time, new_users: [0, 0, 2, 1, 0][i] })))
  assert.deepEqual(await ok(s, '/kpi/dau/data_series?length=5'), DAYS.map((time, i) => ({ time, dau: [1, 0, 2, 2, 0][i] })))
  assert.deepEqual(await ok(s, '/kpi/mau/data_series?length=5&app_id=any'), DAYS.map((time, i) => ({ time, mau: [1, 1, 2, 3, 3][i] })))
  assert.deepEqual(await ok(s, '/kpi/uninstalls/data_series?length=5'), DAYS.map((time) => ({ time, uninstalls: 0 })))
  assert.deepEqual(await ok(s, '/sessions/data_series?length=2'), [{ time: '2026-11-29', sessions: 0 }, { time: '2026-11-30', sessions: 0 }])
  assert.equal((await ok(s, '/sessions/data_series?length=3&unit=hour')).length, 3)
  // 30 days after the last activity, MAU is back to 0
  s.advance(40 * DAY)
  assert.deepEqual((await ok(s, '/kpi/mau/data_series?length=1')).map((d) => d.mau), [0])
})

test('purchases: quantity (a quantity of N counts N) and revenue per day, for a product or all', async (t) => {
  const s = await history(t)
  assert.deepEqual(await ok(s, '/purchases/quantity_series?length=5'), DAYS.map((time, i) => ({ time, purchase_quantity: [0, 0, 3, 1, 0][i] })))
  assert.deepEqual((await ok(s, '/purchases/quantity_series?length=5&product=gem')).map((d) => d.purchase_quantity), [0, 0, 3, 0, 0])
  assert.deepEqual(await ok(s, '/purchases/revenue_series?length=5'), DAYS.map((time, i) => ({ time, revenue: [0, 0, 4.5, 2, 0][i] })))
  assert.deepEqual((await ok(s, '/purchases/revenue_series?length=1&unit=hour&ending_at=2026-11-29T12:10:00Z&product=coin')), [{ time: '2026-11-29T12:00:00Z', revenue: 2 }])
  // a workspace's numbers are its own
  const other = await restKey(s.app, (json(await s.app.inject({ method: 'POST', url: '/_fake/workspaces', payload: { id: 'other' } }))).id)
  const res = await s.app.inject({ url: '/purchases/quantity_series?length=2', headers: { authorization: `Bearer ${other}` } })
  assert.deepEqual(json(res).data.map((d: any) => d.purchase_quantity), [0])
})

test('News Feed (deprecated): the list is empty, a card_id is unknown', async (t) => {
  const s = await restSetup(t)
  assert.deepEqual(json(await call(s, '/feed/list?page=1&include_archived=true&sort_direction=desc')), { message: 'success', cards: [] })
  for (const path of ['/feed/data_series?card_id=c1&length=7', '/feed/details?card_id=c1']) {
    const res = await call(s, path)
    assert.equal(res.statusCode, 400, res.body)
    assert.deepEqual(json(res), { message: 'Invalid Card ID' })
  }
  const missing = await call(s, '/feed/data_series?length=7')
  assert.equal(missing.statusCode, 400)
  assert.equal(json(missing).message, 'card_id is required: the Card API identifier')
})

test('each analytics endpoint needs its own permission: 403 Access Denied without it', async (t) => {
  const s = await restSetup(t, ['events.list'])
  const cases: Array<[string, string]> = [
    ['/events/data_series?event=e&length=1', 'events.data_series'],
    ['/kpi/new_users/data_series?length=1', 'kpi.new_users.data_series'],
    ['/kpi/dau/data_series?length=1', 'kpi.dau.data_series'],
    ['/kpi/mau/data_series?length=1', 'kpi.mau.data_series'],
    ['/kpi/uninstalls/data_series?length=1', 'kpi.uninstalls.data_series'],
    ['/sessions/data_series?length=1', 'sessions.data_series'],
    ['/purchases/quantity_series?length=1', 'purchases.quantity_series'],
    ['/purchases/revenue_series?length=1', 'purchases.revenue_series'],
    ['/feed/list', 'feed.list'],
    ['/feed/data_series?card_id=c&length=1', 'feed.data_series'],
    ['/feed/details?card_id=c', 'feed.details']
  ]
  for (const [url, permission] of cases) {
    const denied = await call(s, url)
    assert.equal(denied.statusCode, 403, url)
    assert.equal(json(denied).message, 'Access Denied')
    const key = await restKey(s.app, s.workspaceId, [permission])
    const allowed = await s.app.inject({ url, headers: { authorization: `Bearer ${key}` } })
    assert.notEqual(allowed.statusCode, 403, `${url} with ${permission}: ${allowed.body}`)
  }
})

test('bad parameters answer a Braze-style 400', async (t) => {
  const s = await restSetup(t)
  const cases: Array<[string, string]> = [
    ['/events/data_series?length=1', 'event is required: the name of the custom event'],
    ['/events/data_series?event=e', 'length is required and must be an integer between 1 and 100 (inclusive)'],
    ['/events/data_series?event=e&length=0', 'length is required and must be an integer between 1 and 100 (inclusive)'],
    ['/kpi/dau/data_series?length=101', 'length is required and must be an integer between 1 and 100 (inclusive)'],
    ['/kpi/mau/data_series?length=seven', 'length is required and must be an integer between 1 and 100 (inclusive)'],
    ['/sessions/data_series?length=1&unit=week', 'unit must be "day" or "hour"'],
    ['/purchases/quantity_series?length=1&ending_at=yesterday', 'ending_at must be an ISO-8601 date-time'],
    ['/feed/list?page=-1', 'page must be a non-negative integer (0 is the first page)'],
    ['/feed/list?sort_direction=up', 'sort_direction must be "asc" or "desc"'],
    ['/sessions/data_series?length=1&segment_id=nope', 'Invalid Segment ID'],
    ['/segments/list?last_edit.time[gt]=soon', 'last_edit.time[gt] must be a time (yyyy-MM-DDTHH:mm:ss)']
  ]
  for (const [url, message] of cases) {
    const res = await call(s, url)
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`)
    assert.deepEqual(json(res), { message }, url)
  }
  // segment-filtered event series are not kept: said so, not answered with wrong numbers
  await control(s, 'POST', '/segments', { id: 'vip', name: 'VIP', filter: { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: true } })
  const seg = await call(s, '/events/data_series?event=e&length=1&segment_id=vip')
  assert.equal(seg.statusCode, 400)
  assert.match(json(seg).message, /^segment_id: fake-braze does not keep per-segment event analytics/)
  assert.equal((await call(s, '/sessions/data_series?length=1&segment_id=vip')).statusCode, 200)
})
