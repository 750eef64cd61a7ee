/**
 * The active-users bitmaps (analytics_active_days) against a plain model: sets of user pks per day.
 * Counts per day and distinct users over 30-day windows must match the sets exactly, for pks spread
 * over several chunks, chunk edges included.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BITMAP_BYTES, CHUNK_USERS, activeOverWindow, activePerDay, chunkOf, countUsers, markUser, type ActiveDayRow } from '../../src/repositories/shared/active-day-bitmaps.js'

test('markUser sets one bit, least significant first, and says whether it was new', () => {
  const bits = new Uint8Array(BITMAP_BYTES)
  assert.equal(markUser(bits, 9), true)
  assert.equal(bits[1], 0b10)
  assert.equal(markUser(bits, 9), false)
  assert.equal(markUser(bits, CHUNK_USERS + 9), false) // same bit of the next chunk's bitmap
  assert.equal(markUser(bits, CHUNK_USERS - 1), true)
  assert.equal(bits[BITMAP_BYTES - 1], 0b1000_0000)
  assert.equal(countUsers(bits), 2)
  assert.equal(chunkOf(CHUNK_USERS - 1), 0)
  assert.equal(chunkOf(CHUNK_USERS), 1)
})

test('daily and 30-day counts equal the distinct users of a set model', () => {
  let seed = 42
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n }
  const model = new Map<number, Set<number>>()
  const rows = new Map<string, ActiveDayRow>()
  const edges = [0, 1, CHUNK_USERS - 1, CHUNK_USERS, 3 * CHUNK_USERS + 7]
  for (let i = 0; i < 5000; i++) {
    const day = 100 + rand(70)
    const pk = i < edges.length ? edges[i]! : rand(4 * CHUNK_USERS)
    if (!model.has(day)) model.set(day, new Set())
    model.get(day)!.add(pk)
    const key = `${day}:${chunkOf(pk)}`
    if (!rows.has(key)) rows.set(key, { day, chunk: chunkOf(pk), bits: new Uint8Array(BITMAP_BYTES) })
    markUser(rows.get(key)!.bits, pk)
  }
  const expectedDaily = [...model].sort((a, b) => a[0] - b[0]).map(([day, users]) => ({ day, n: users.size }))
  assert.deepEqual(activePerDay([...rows.values()]), expectedDaily)
  const days = [90, 100, 120, 129, 130, 169, 170, 199, 200]
  const expected = days.map((day) => {
    const users = new Set<number>()
    for (const [d, s] of model) if (d > day - 30 && d <= day) for (const u of s) users.add(u)
    return { day, n: users.size }
  })
  assert.deepEqual(activeOverWindow([...rows.values()], days, 30), expected)
})
