import { test } from 'node:test'
import assert from 'node:assert/strict'
import { newBrazeId } from '../../src/domain/shared/ids.js'
import { newDispatchId } from '../../src/domain/messaging/messaging-types.js'
import { buildTestApp, json, post } from '../helper.js'
import { makeWorkspace } from '../factories.js'

test('a braze_id is 24 hex digits whose first 8 are the creation second', () => {
  const at = Date.parse('2030-01-02T03:04:05Z')
  const id = newBrazeId(at)
  assert.match(id, /^[0-9a-f]{24}$/)
  assert.equal(parseInt(id.slice(0, 8), 16), at / 1000)
})

test('braze_ids follow ObjectId: a per-process middle and a counter, so one process\'s ids are unique and sort in creation order', () => {
  const at = Date.parse('2030-01-02T03:04:05Z')
  const ids = Array.from({ length: 1000 }, () => newBrazeId(at))
  assert.equal(new Set(ids).size, 1000)
  assert.equal(new Set(ids.map((id) => id.slice(8, 18))).size, 1, 'bytes 5–9 are fixed per process')
  const counters = ids.map((id) => parseInt(id.slice(18), 16))
  // the counter starts at a random value and wraps at 2^24
  for (let i = 1; i < counters.length; i++) assert.equal(counters[i], (counters[i - 1]! + 1) % 0x1000000)
})

test('a dispatch_id is 32 hex digits: the time in milliseconds (12), then 80 random bits (COVERAGE.md)', () => {
  const before = Date.now()
  const ids = Array.from({ length: 1000 }, () => newDispatchId())
  const after = Date.now()
  for (const id of ids) {
    assert.match(id, /^[0-9a-f]{32}$/)
    const ms = parseInt(id.slice(0, 12), 16)
    assert.ok(ms >= before && ms <= after, `${id}: ${ms} outside ${before}–${after}`)
  }
  assert.equal(new Set(ids).size, 1000)
  assert.equal(new Set(ids.map((id) => id.slice(12))).size, 1000, 'the random part differs within one millisecond')
})

test('users created while the fake clock is set carry that time in their braze_id', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/clock', { set: '2030-01-02T03:04:05Z', freeze: true })
  const ws = await makeWorkspace(app)
  const [user] = json(await post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'u1' }] })).users
  assert.equal(parseInt(user.braze_id.slice(0, 8), 16), Date.parse('2030-01-02T03:04:05Z') / 1000)
})
