/**
 * Example: testing a Hightouch-style cohort sync with node:test against fake-braze.
 * Start a fake, provision a workspace, run the sync, assert on members and on the journal,
 * then make Braze answer 429 and assert the sync retried.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startFakeBraze, type FakeBraze, type ProvisionedWorkspace } from 'fake-braze'
import { syncCohort, type BrazeCohortTarget } from '../hightouch-sync.js'

let braze: FakeBraze
before(async () => { braze = await startFakeBraze() })
after(async () => { await braze.close() })

async function setUp (): Promise<{ ws: ProvisionedWorkspace, target: BrazeCohortTarget }> {
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  await braze.control.seedUsers(ws.id, ['alice', 'bob', 'carol'].map((external_id) => ({ external_id })))
  const target = { restEndpoint: ws.rest_endpoint, partner: 'hightouch', partnerApiKey: ws.partner_api_keys.hightouch!.current, clientSecret: ws.data_import_keys.hightouch! }
  return { ws, target }
}

test('the sync names the cohort and applies adds and removes', async () => {
  const { ws, target } = await setUp()
  await syncCohort(target, { cohortId: 'vip', name: 'VIP', createdAt: '2026-01-01T00:00:00Z', add: ['alice', 'bob', 'carol'], remove: [] })
  await syncCohort(target, { cohortId: 'vip', name: 'VIP customers', createdAt: '2026-01-01T00:00:00Z', add: [], remove: ['bob'] })

  const cohort = await braze.control.cohort(ws.id, 'hightouch', 'vip')
  assert.equal(cohort.name, 'VIP customers')
  const members = await braze.control.members(ws.id, 'hightouch', 'vip')
  assert.deepEqual(members.map((m) => m.external_id).sort(), ['alice', 'carol'])

  const journal = await braze.control.requests({ workspace_id: ws.id })
  assert.deepEqual(journal.map((e) => `${e.status} ${e.path}`), [
    '201 /partners/hightouch/cohorts', '201 /partners/hightouch/cohorts/users',
    '201 /partners/hightouch/cohorts', '201 /partners/hightouch/cohorts/users'
  ])
  assert.equal(journal[1]!.effects.added, 3)
  assert.equal(journal[3]!.effects.removed, 1)
  assert.equal(journal[1]!.request_body.client_secret, '[masked]')
})

test('a 429 with Retry-After is retried after the advertised wait and nothing is lost', async () => {
  const { ws, target } = await setUp()
  await braze.control.addFault({ workspace_id: ws.id, route: 'POST /partners/{partner}/cohorts/users', action: { status: 429, retry_after_s: 2 }, times: 1 })
  const waits: number[] = []
  const report = await syncCohort(target, { cohortId: 'vip', name: 'VIP', createdAt: '2026-01-01T00:00:00Z', add: ['alice'], remove: [] }, {
    sleep: async (ms) => { waits.push(ms) }
  })
  assert.equal(report.retries, 1)
  assert.deepEqual(waits, [2000])
  const journal = await braze.control.requests({ workspace_id: ws.id, path: '/partners/hightouch/cohorts/users' })
  assert.deepEqual(journal.map((e) => e.status), [429, 201])
  assert.equal(journal[0]!.fault?.action && 'status' in journal[0]!.fault.action ? journal[0]!.fault.action.status : 0, 429)
  assert.deepEqual((await braze.control.members(ws.id, 'hightouch', 'vip')).map((m) => m.external_id), ['alice'])
})

test('a 503 burst and a dropped connection are retried too', async () => {
  const { ws, target } = await setUp()
  await braze.control.addFault({ workspace_id: ws.id, route: 'POST /partners/{partner}/cohorts/users', action: { status: 503 }, times: 2 })
  const report = await syncCohort(target, { cohortId: 'c', name: 'C', createdAt: '2026-01-01T00:00:00Z', add: ['bob'], remove: [] }, { sleep: async () => {} })
  assert.equal(report.retries, 2)
  await braze.control.addFault({ workspace_id: ws.id, route: 'POST /partners/{partner}/cohorts', action: { drop_connection: true }, times: 1 })
  const second = await syncCohort(target, { cohortId: 'd', name: 'D', createdAt: '2026-01-01T00:00:00Z', add: ['carol'], remove: [] }, { sleep: async () => {} })
  assert.equal(second.retries, 1)
  assert.deepEqual((await braze.control.members(ws.id, 'hightouch', 'd')).map((m) => m.external_id), ['carol'])
})
