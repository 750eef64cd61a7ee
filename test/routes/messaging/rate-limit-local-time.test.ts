/** Local-time schedules (each user at the wall-clock time of their profile's time_zone) and rate-limited broadcasts, on the fake's clock. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { json } from '../../helper.js'
import { call, control, messagingSetup, outbox } from './messaging-helpers.js'

const MIN = 60_000
const HOUR = 3_600_000

test('in_local_time: each user gets the message when their own zone reaches the time (no zone: UTC)', async (t) => {
  const s = await messagingSetup(t) // the clock starts at 2026-11-28T12:00:00Z
  assert.equal((await call(s, '/users/track', { attributes: [{ external_id: 'u1', time_zone: 'Asia/Tokyo' }, { external_id: 'u4', time_zone: 'America/New_York' }] })).statusCode, 201)
  const res = await call(s, '/messages/schedule/create', {
    external_user_ids: ['u1', 'u2', 'u4'], messages: { webhook: { url: 'https://x', request_method: 'POST', body: 'morning' } }, schedule: { time: '2026-11-29T09:00:00', in_local_time: true }
  })
  assert.equal(res.statusCode, 201, res.body)
  const delivered = async () => (await outbox(s, { dispatch_id: json(res).dispatch_id, status: 'delivered' })).map((m) => [m.external_id, m.time])
  s.advance(12 * HOUR - MIN) // 2026-11-28T23:59Z: the schedule woke at 19:00Z (UTC+14's 09:00), nobody's 09:00 yet
  assert.deepEqual(await delivered(), [])
  s.advance(MIN) // 00:00Z = 09:00 in Tokyo
  assert.deepEqual(await delivered(), [['u1', '2026-11-29T00:00:00.000Z']])
  s.advance(9 * HOUR) // 09:00Z: u2 has no zone
  assert.deepEqual((await delivered()).slice(1), [['u2', '2026-11-29T09:00:00.000Z']])
  s.advance(5 * HOUR) // 14:00Z = 09:00 EST
  assert.deepEqual((await delivered()).slice(2), [['u4', '2026-11-29T14:00:00.000Z']])
})

test('a rate-limited campaign\'s dashboard send reaches its per-minute limit, the rest minute by minute as the clock moves', async (t) => {
  const s = await messagingSetup(t)
  const ids = Array.from({ length: 7 }, (_, i) => `r${i}`)
  assert.equal((await call(s, '/users/track', { attributes: ids.map((id) => ({ external_id: id, rl: true })) })).statusCode, 201)
  await control(s, 'POST', '/segments', { id: 'rl', name: 'RL', filter: { filter: 'custom_attribute', attribute: 'rl', operator: 'equals', value: true } })
  const created = await control(s, 'POST', '/campaigns', { id: 'slow', name: 'Slow', kind: 'scheduled', segment_id: 'rl', rate_limit_per_minute: 3, messages: [{ channel: 'webhook', url: 'https://x', request_method: 'POST', body: 'b' }] })
  assert.equal(created.statusCode, 201, created.body)
  const sent = await control(s, 'POST', '/campaigns/slow/send')
  assert.equal(sent.statusCode, 201, sent.body)
  assert.equal(json(sent).delivered, 3)
  const times = async () => (await outbox(s, { campaign_id: 'slow', status: 'delivered' })).map((m) => m.time)
  assert.equal((await times()).length, 3)
  s.advance(MIN - 1)
  assert.equal((await times()).length, 3)
  s.advance(1)
  assert.equal((await times()).length, 6)
  s.advance(5 * MIN)
  const all = await times()
  assert.deepEqual(all, [...Array(3).fill('2026-11-28T12:00:00.000Z'), ...Array(3).fill('2026-11-28T12:01:00.000Z'), '2026-11-28T12:02:00.000Z'])
  assert.equal(new Set((await outbox(s, { campaign_id: 'slow' })).map((m) => m.dispatch_id)).size, 1, 'one dispatch')
})
