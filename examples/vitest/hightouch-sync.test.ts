/**
 * Example: the same Hightouch-style sync test with vitest (run by test/examples.test.ts, or
 * `npx vitest run --config examples/vitest/vitest.config.ts` after `npm run build`).
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startFakeBraze, type FakeBraze } from 'fake-braze'
import { syncCohort } from '../hightouch-sync.js'

let braze: FakeBraze
beforeAll(async () => { braze = await startFakeBraze() })
afterAll(async () => { await braze.close() })

test('syncs a cohort, retrying a 429 after Retry-After', async () => {
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  await braze.control.seedUsers(ws.id, [{ external_id: 'alice' }, { external_id: 'bob' }])
  await braze.control.addFault({ workspace_id: ws.id, route: 'POST /partners/{partner}/cohorts/users', action: { status: 429, retry_after_s: 1 }, times: 1 })
  const target = { restEndpoint: ws.rest_endpoint, partner: 'hightouch', partnerApiKey: ws.partner_api_keys.hightouch!.current, clientSecret: ws.data_import_keys.hightouch! }
  const waits: number[] = []

  const report = await syncCohort(target, { cohortId: 'vip', name: 'VIP', createdAt: '2026-01-01T00:00:00Z', add: ['alice', 'bob', 'ghost'], remove: [] }, {
    sleep: async (ms) => { waits.push(ms) }
  })

  expect(report.retries).toBe(1)
  expect(waits).toEqual([1000])
  const members = await braze.control.members(ws.id, 'hightouch', 'vip')
  expect(members.map((m) => m.external_id).sort()).toEqual(['alice', 'bob'])
  const journal = await braze.control.requests({ workspace_id: ws.id, path: '/partners/hightouch/cohorts/users' })
  expect(journal.map((e) => e.status)).toEqual([429, 201])
  expect(journal[1]!.effects.ignored.user_ids).toEqual(['ghost'])
})
