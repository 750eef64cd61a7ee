import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { createActivityRepository } from '../../src/repositories/users/activity-repository.js'
import { createAnalyticsRepository } from '../../src/repositories/analytics/analytics-repository.js'

test('recorded totals add up per (hour, name, app); deleting a workspace deletes its history only', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  const activity = createActivityRepository(handle)
  const analytics = createAnalyticsRepository(handle)
  for (const ws of [1, 2]) {
    activity.recordAnalytics(ws, [['event', 'e', '', 10, 2, 0], ['event', 'e', 'ios', 10, 1, 0], ['purchase', 'p', '', 11, 3, 4.5]], [[0, 7], [0, 8]])
    activity.recordAnalytics(ws, [['event', 'e', '', 10, 1, 0], ['purchase', 'p', '', 11, 1, 1.5]], [[0, 7], [1, 7]])
  }
  assert.deepEqual(analytics.hourTotals(1, 'event', { name: 'e', fromHour: 0, toHour: 20 }), [{ hour: 10, count: 4, revenue: 0 }])
  assert.deepEqual(analytics.hourTotals(1, 'event', { name: 'e', appId: 'ios', fromHour: 0, toHour: 20 }), [{ hour: 10, count: 1, revenue: 0 }])
  assert.deepEqual(analytics.hourTotals(1, 'purchase', { fromHour: 0, toHour: 20 }), [{ hour: 11, count: 4, revenue: 6 }])
  assert.deepEqual(analytics.activeUsersPerDay(1, 0, 5), [{ day: 0, n: 2 }, { day: 1, n: 1 }])
  assert.deepEqual(analytics.activeUsersPer30Days(1, [1, 40]), [{ day: 1, n: 2 }, { day: 40, n: 0 }])
  assert.equal(analytics.since(1), 0) // the earliest record: day 0 of the active users (no workspace row here)
  assert.equal(analytics.since(3), undefined)
  analytics.deleteWorkspaceData(1)
  assert.deepEqual(analytics.hourTotals(1, 'event', { name: 'e', fromHour: 0, toHour: 20 }), [])
  assert.deepEqual(analytics.activeUsersPerDay(1, 0, 5), [])
  assert.deepEqual(analytics.hourTotals(2, 'event', { name: 'e', fromHour: 0, toHour: 20 }), [{ hour: 10, count: 4, revenue: 0 }])
})
