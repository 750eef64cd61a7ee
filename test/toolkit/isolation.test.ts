import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startFakeBraze } from '../../src/index.js'

const SUITE = fileURLToPath(new URL('./fixtures/isolated-suite.ts', import.meta.url))

function runSuite (url: string): Promise<{ code: number | null, out: string }> {
  return new Promise((resolve) => {
    // The TAP reporter is named: Node 23+ defaults to spec even without a TTY, and the summary is read below.
    // NODE_TEST_CONTEXT would make the child report to this runner instead of running on its own.
    const { NODE_TEST_CONTEXT: _, ...env } = process.env
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', SUITE], { env: { ...env, FAKE_BRAZE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => { out += c })
    child.stderr.on('data', (c) => { out += c })
    child.on('close', (code) => resolve({ code, out }))
  })
}

test('test files running in parallel against one server, each with its own workspace, never see each other\'s state', async (t) => {
  const braze = await startFakeBraze()
  t.after(() => braze.close())
  const runs = await Promise.all([runSuite(braze.url), runSuite(braze.url), runSuite(braze.url)])
  for (const r of runs) {
    assert.equal(r.code, 0, r.out)
    assert.match(r.out, /^# pass 1$/m)
  }
  const workspaces = await braze.control.listWorkspaces()
  assert.equal(workspaces.length, 3)

  // Deleting one workspace leaves the others exactly as they were.
  const [gone, ...kept] = workspaces
  const before = await Promise.all(kept.map(async (w) => await braze.control.snapshot(w.id)))
  const journalBefore = await Promise.all(kept.map(async (w) => (await braze.control.requests({ workspace_id: w.id })).length))
  await braze.control.deleteWorkspace(gone!.id)
  assert.deepEqual(await Promise.all(kept.map(async (w) => await braze.control.snapshot(w.id))), before)
  assert.deepEqual(await Promise.all(kept.map(async (w) => (await braze.control.requests({ workspace_id: w.id })).length)), journalBefore)
  assert.deepEqual(await braze.control.requests({ workspace_id: gone!.id }), [], 'the deleted workspace\'s journal goes with it')
})

test('POST /_fake/reset clears workspaces, journal, faults and clock at once', async (t) => {
  const braze = await startFakeBraze()
  t.after(() => braze.close())
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  await fetch(`${ws.rest_endpoint}/partners/hightouch/cohorts/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  await braze.control.addFault({ action: { status: 500 } })
  await braze.control.setClock({ set: '2030-01-01T00:00:00Z', freeze: true })
  await braze.control.setRateLimits(ws.id, { enabled: true })
  await braze.control.reset()
  assert.deepEqual(await braze.control.listWorkspaces(), [])
  assert.deepEqual(await braze.control.requests(), [])
  assert.deepEqual(await braze.control.faults(), [])
  assert.equal((await braze.control.clock()).frozen, false)
})

test('concurrent tests in one process with their own workspaces and faults do not interfere', async (t) => {
  const braze = await startFakeBraze()
  t.after(() => braze.close())
  await Promise.all(Array.from({ length: 6 }, async (_, i) => {
    const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
    await braze.control.seedUsers(ws.id, [{ external_id: 'same-id' }])
    if (i % 2 === 0) await braze.control.addFault({ workspace_id: ws.id, action: { status: 429, retry_after_s: 1 }, times: 1 })
    const res = await fetch(`${ws.rest_endpoint}/partners/hightouch/cohorts/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner_api_key: ws.partner_api_keys.hightouch!.current, client_secret: ws.data_import_keys.hightouch, cohort_id: 'c', cohort_changes: [{ user_ids: ['same-id'] }] })
    })
    assert.equal(res.status, i % 2 === 0 ? 429 : 201)
    assert.equal((await braze.control.members(ws.id, 'hightouch', 'c').catch(() => [])).length, i % 2 === 0 ? 0 : 1)
  }))
})
