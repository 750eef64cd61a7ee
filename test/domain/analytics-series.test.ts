import { test } from 'node:test'
import assert from 'node:assert/strict'
import { bucketTime, parseEndingAt, seriesBuckets } from '../../src/domain/shared/series-window.js'
import { trackAnalytics } from '../../src/domain/users/track/track-analytics.js'
import { canvasDailyStats, canvasVariant } from '../../src/domain/messaging/canvas-analytics.js'
import { parseLastEditAfter } from '../../src/domain/shared/list-filters.js'

const DAY = 86_400_000
const HOUR = 3_600_000
const T = Date.UTC(2026, 10, 28, 12, 30)

test('series window: `length` units back from ending_at, none before the object existed nor after now', () => {
  const days = (q: Partial<Parameters<typeof seriesBuckets>[0]>): string[] =>
    seriesBuckets({ endingAt: T, length: 3, since: 0, now: T, ...q }).map((b) => bucketTime(b))
  assert.deepEqual(days({}), ['2026-11-26', '2026-11-27', '2026-11-28'])
  assert.deepEqual(days({ since: T - DAY }), ['2026-11-27', '2026-11-28'])
  assert.deepEqual(days({ since: T + DAY }), [])
  assert.deepEqual(days({ endingAt: T + 5 * DAY }), [])
  assert.deepEqual(days({ endingAt: T + DAY }), ['2026-11-27', '2026-11-28'])
  const hours = seriesBuckets({ endingAt: T, length: 2, unit: 'hour', since: 0, now: T }).map((b) => bucketTime(b, 'hour'))
  assert.deepEqual(hours, ['2026-11-28T11:00:00Z', '2026-11-28T12:00:00Z'])
})

test('ending_at: any ISO-8601 offset, including the docs\' one-digit hour; garbage is Braze-style 400', () => {
  assert.equal(parseEndingAt('2018-06-27T23:59:59-5:00', 0), Date.UTC(2018, 5, 28, 4, 59, 59))
  assert.equal(parseEndingAt(undefined, 42), 42)
  assert.throws(() => parseEndingAt('yesterday', 0), { statusCode: 400, message: 'ending_at must be an ISO-8601 date-time' })
})

test('last_edit.time[gt]: a zone-less time is UTC; a non-time is a 400', () => {
  assert.equal(parseLastEditAfter('2026-01-01T00:00:00'), Date.UTC(2026, 0, 1))
  assert.equal(parseLastEditAfter(undefined), undefined)
  assert.throws(() => parseLastEditAfter('soon'), { statusCode: 400 })
})

test('one /users/track request adds each (hour, name, app) total once and each active (day, user) once', () => {
  const a = trackAnalytics()
  a.event('played', '', T, 1)
  a.event('played', '', T + 60_000, 2)
  a.event('played', 'ios', T, 1)
  a.event('played', '', T + HOUR, 1)
  a.purchase('gem', '', T, 3, 4.5, 1)
  a.purchase('gem', '', T, 1, 1.5, 2)
  a.active(T, 1)
  const hour = Math.floor(T / HOUR)
  assert.deepEqual(a.counts(), [
    ['event', 'played', '', hour, 2, 0],
    ['event', 'played', 'ios', hour, 1, 0],
    ['event', 'played', '', hour + 1, 1, 0],
    ['purchase', 'gem', '', hour, 4, 6]
  ])
  assert.deepEqual(a.activeDays(), [[Math.floor(T / DAY), 1], [Math.floor(T / DAY), 2]])
})

test('Canvas daily stats: step names, zeroed documented fields, variants and deleted steps only when asked', () => {
  const canvas = { id: 'cv', steps: [{ id: 's1', name: 'Welcome', type: 'message' as const, next: 's2', messages: [] }, { id: 's2', name: 'Later', type: 'message' as const, next: null, messages: [] }] }
  const day = Date.UTC(2026, 10, 28)
  const deliveries = [
    { day: '2026-11-28', channel: 'email', variationId: 'v1', stepId: 's1', sent: 3, users: 3 },
    { day: '2026-11-28', channel: 'email', variationId: 'v9', stepId: 'gone', sent: 1, users: 1 }
  ]
  const zeros = (): Record<string, number> => ({ opens: 0 })
  const [plain] = canvasDailyStats(canvas, [day], deliveries, { variants: false, steps: false, deletedSteps: false }, zeros)
  assert.deepEqual(plain, { time: '2026-11-28', total_stats: { revenue: 0, conversions: 0, conversions_by_entry_time: 0, entries: 3 } })
  const [full] = canvasDailyStats(canvas, [day], deliveries, { variants: true, steps: true, deletedSteps: false }, zeros)
  assert.deepEqual(full!.variant_stats, { [canvasVariant('cv').id]: { name: 'Variant 1', revenue: 0, conversions: 0, conversions_by_entry_time: 0, entries: 3 } })
  assert.deepEqual(full!.step_stats, {
    s1: { name: 'Welcome', revenue: 0, conversions: 0, conversions_by_entry_time: 0, messages: { email: [{ variation_api_id: 'v1', sent: 3, opens: 0 }] } },
    s2: { name: 'Later', revenue: 0, conversions: 0, conversions_by_entry_time: 0, messages: {} }
  })
  const [deleted] = canvasDailyStats(canvas, [day], deliveries, { variants: false, steps: true, deletedSteps: true }, zeros)
  assert.deepEqual(Object.keys(deleted!.step_stats as object), ['s1', 's2', 'gone'])
})
