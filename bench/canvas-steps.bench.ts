/**
 * Issue 21's figures: advancing the fake's clock over a Canvas with N users waiting on a delay
 * (goal: < 2 s to deliver the next step to all of them), and what variants plus frequency
 * capping add to a broadcast (goal: < 10 %). Users are loaded through the repositories; the
 * rest goes through HTTP (inject). `npx tsx bench/canvas-steps.bench.ts 100000 300000` runs
 * 100,000 Canvas users and a 300,000-user broadcast (the defaults); smaller numbers run faster.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { runMigrations } from '../src/db/migrate.js'
import { newBrazeId } from '../src/domain/shared/ids.js'
import { createTransactionRunner } from '../src/repositories/shared/transaction.js'
import { createUserRepository } from '../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'

const CANVAS_USERS = Number(process.argv[2] ?? 100_000)
const BROADCAST_USERS = Number(process.argv[3] ?? 300_000)
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-canvas-bench-'))

function load (dbPath: string, id: string, n: number): void {
  const handle = openDatabase(dbPath)
  runMigrations(handle.db)
  const tx = createTransactionRunner(handle)
  const ws = createWorkspaceRepository(handle).insert({ id, name: id, cluster: 'iad-01', createdAt: Date.now() })
  const users = createUserRepository(handle)
  const now = Date.now()
  for (let start = 0; start < n; start += 100_000) {
    const rows: Parameters<typeof users.insertMany>[0][number][] = []
    for (let i = start; i < Math.min(n, start + 100_000); i++) {
      rows.push({
        workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: `user-${i}@example.com`, phone: null, profile: { first_name: `First${i}` },
        customAttributes: {}, emailSubscribe: null, pushSubscribe: null, randomBucket: i % 10000, totalRevenue: 0, createdAt: now, updatedAt: now
      })
    }
    tx(() => users.insertMany(rows))
  }
  handle.close()
}

const dbPath = join(dir, 'bench.db')
load(dbPath, 'canvas', CANVAS_USERS)
load(dbPath, 'broadcast', BROADCAST_USERS)
const app = await buildApp(testConfig({ FAKE_BRAZE_DB: dbPath }), { docs: false })
await app.ready()
const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, key?: string) => {
  const res = await app.inject({ method, url, ...(payload !== undefined && { payload: payload as object }), ...(key !== undefined && { headers: { authorization: `Bearer ${key}` } }) })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.body}`)
  return res
}
await inject('POST', '/_fake/clock', { freeze: true })
const key = (await inject('POST', '/_fake/workspaces/canvas/rest-api-keys', {})).json().key as string

// 1. N users enter a Canvas and wait a day; then the clock passes the delay
await inject('POST', '/_fake/workspaces/canvas/canvases', {
  id: 'c', name: 'C', steps: [{ id: 'wait', name: 'Wait', type: 'delay', delay_s: 86_400 }, { id: 'next', name: 'Next', messages: [{ channel: 'webhook', url: 'https://hook.example/next', request_method: 'POST', body: 'next' }] }]
})
const e0 = performance.now()
await inject('POST', '/canvas/trigger/send', { canvas_id: 'c', broadcast: true }, key)
const enterMs = performance.now() - e0
await inject('POST', '/_fake/clock', { advance_ms: 86_400_000 })
const a0 = performance.now()
const progress = (await inject('GET', '/_fake/workspaces/canvas/canvases/c/progress')).json() as { steps: Array<{ id: string, waiting: number, delivered: number }> }
const advanceMs = performance.now() - a0
const moved = progress.steps.find((s) => s.id === 'next')?.delivered ?? 0

// 2. a broadcast without and with variants + capping
const email = (id: string, percent?: number) => ({ id, channel: 'email', from: 'Shop <shop@example.com>', subject: 'Hi {{${first_name}}}', body: '<p>{{${first_name}}}</p>', ...(percent !== undefined && { percent }) })
await inject('POST', '/_fake/workspaces/broadcast/campaigns', { id: 'plain', name: 'Plain', kind: 'scheduled', messages: [email('p')] })
await inject('POST', '/_fake/workspaces/broadcast/campaigns', { id: 'plain2', name: 'Plain 2', kind: 'scheduled', messages: [email('p2')] })
await inject('POST', '/_fake/workspaces/broadcast/campaigns', { id: 'ab', name: 'AB', kind: 'scheduled', control_percent: 20, messages: [email('a', 50), email('b', 30)] })
const cpu: Record<string, number> = {}
const timed = async (id: string): Promise<number> => {
  const s = performance.now()
  const c0 = process.cpuUsage()
  await inject('POST', `/_fake/workspaces/broadcast/campaigns/${id}/send`, {})
  const c = process.cpuUsage(c0)
  // CPU time of this process (server and load generator share it; the bench is idle during one inject)
  cpu[id] = (c.user + c.system) / 1000
  return performance.now() - s
}
const plainMs = await timed('plain')
await inject('PUT', '/_fake/workspaces/broadcast/frequency-capping', { rules: [{ channel: 'email', max: 3, period_s: 86_400 }] })
const abMs = await timed('ab')
await inject('PUT', '/_fake/workspaces/broadcast/frequency-capping', { rules: [] })
const plain2Ms = await timed('plain2')

await app.close()
rmSync(dir, { recursive: true, force: true })
const f = (n: number): string => `${n.toFixed(0)} ms`
const base = (plainMs + plain2Ms) / 2
const baseCpu = (cpu.plain! + cpu.plain2!) / 2
console.log([
  `## Canvas steps, variants and capping (${CANVAS_USERS.toLocaleString('en')} Canvas users, ${BROADCAST_USERS.toLocaleString('en')}-user broadcast)`,
  '',
  '| measure | figure | goal |',
  '|---|---|---|',
  `| ${CANVAS_USERS.toLocaleString('en')} users enter a Canvas and wait on a delay (POST /canvas/trigger/send, broadcast) | ${f(enterMs)} | — |`,
  `| clock passes the delay: the next step delivered to ${moved.toLocaleString('en')} users (first request after POST /_fake/clock) | ${f(advanceMs)} | < 2 s |`,
  `| broadcast, one email variation (mean of two runs) | ${f(base)} (CPU ${f(baseCpu)}) | — |`,
  `| broadcast, 50/30 variants + 20 % control + an email cap rule (history read) | ${f(abMs)} (${(((abMs - base) / base) * 100).toFixed(1)} %; CPU ${f(cpu.ab!)}, ${(((cpu.ab! - baseCpu) / baseCpu) * 100).toFixed(1)} %) | < +10 % |`
].join('\n'))
