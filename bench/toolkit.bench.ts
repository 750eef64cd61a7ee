/**
 * Toolkit benchmark (issue 5): startFakeBraze() to a usable URL, one-call workspace provisioning,
 * clearing a workspace of 100,000 users and memberships, and the request journal's cost on a
 * cohort /cohorts/users load (journal on vs off). Talks only to 127.0.0.1; files under os.tmpdir().
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { startFakeBraze, type FakeBraze } from '../src/index.js'
import { median } from './lib/stats.js'

const ms = (x: number): string => `${x.toFixed(2)} ms`
const lines: string[] = ['## Toolkit (issue 5)', '']

// 1. startFakeBraze() → first answered request
const starts: number[] = []
for (let i = 0; i < 21; i++) {
  const t0 = performance.now()
  const braze = await startFakeBraze()
  await (await fetch(`${braze.url}/health`)).text()
  starts.push(performance.now() - t0)
  await braze.close()
}
starts.shift() // the first run pays module loading and JIT warm-up
lines.push(`| measure | result | target |`, `|---|---|---|`)
lines.push(`| startFakeBraze() to a usable URL (median of 20, first /health answered) | ${ms(median(starts))} | < 50 ms |`)

// 2. control.createWorkspace({ partners }) over HTTP
{
  const braze = await startFakeBraze()
  const times: number[] = []
  for (let i = 0; i < 220; i++) {
    const t0 = performance.now()
    await braze.control.createWorkspace({ partners: ['hightouch'] })
    times.push(performance.now() - t0)
  }
  lines.push(`| control.createWorkspace({ partners: ['hightouch'] }) over HTTP (median of 200) | ${ms(median(times.slice(20)))} | < 5 ms |`)
  await braze.close()
}

// 3. DELETE a workspace holding 100,000 users, each in a cohort: :memory: (startFakeBraze's default) and a WAL file
for (const kind of [':memory:', 'file'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-bench-'))
  const braze = await startFakeBraze({ db: kind === 'file' ? join(dir, 'bench.db') : ':memory:' })
  const times: number[] = []
  for (let rep = 0; rep < 5; rep++) {
    const id = `big-${rep}`
    const users = Array.from({ length: 100_000 }, (_, i) => ({ external_id: `u${i}`, device_ids: [`d${i}`] }))
    // bulk insert through the seed repository, in-process
    braze.app.services.seeds.load({ workspaces: [{ id, users, cohorts: [{ partner: 'hightouch', cohort_id: 'all', members: users.map((u) => u.external_id) }] }] })
    await braze.control.createWorkspace({ partners: ['hightouch'] }) // a neighbour that must survive
    const t0 = performance.now()
    await braze.control.deleteWorkspace(id)
    times.push(performance.now() - t0)
  }
  lines.push(`| DELETE /_fake/workspaces/{id} with 100,000 users + 100,000 device ids + 100,000 memberships (median of 5, ${kind === 'file' ? 'file DB, WAL' : ':memory:'}) | ${ms(median(times))} | < 200 ms |`)
  await braze.close()
  rmSync(dir, { recursive: true, force: true })
}

// 4. Journal overhead on /partners/{p}/cohorts/users: 10 connections, 100 identifiers per request
async function cohortLoad (journalCap: number, seconds: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-bench-'))
  const braze: FakeBraze = await startFakeBraze({ db: join(dir, 'bench.db'), journalCap })
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  await braze.control.seedUsers(ws.id, Array.from({ length: 10_000 }, (_, i) => ({ external_id: `u${i}` })))
  const bodies = Array.from({ length: 64 }, (_, b) => JSON.stringify({
    partner_api_key: ws.partner_api_keys.hightouch!.current, client_secret: ws.data_import_keys.hightouch, cohort_id: `c${b % 4}`,
    cohort_changes: [{ user_ids: Array.from({ length: 100 }, (_, i) => `u${(b * 137 + i * 97) % 10_000}`), ...(b % 3 === 0 && { should_remove: true }) }]
  }))
  let n = 0
  const result = await autocannon({
    url: `${ws.rest_endpoint}/partners/hightouch/cohorts/users`,
    method: 'POST',
    connections: 10,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: bodies[n++ % bodies.length] }) }]
  })
  await braze.close()
  rmSync(dir, { recursive: true, force: true })
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx responses`)
  return result.requests.average
}

const on: number[] = []
const off: number[] = []
for (let i = 0; i < 3; i++) {
  off.push(await cohortLoad(0, 4))
  on.push(await cohortLoad(10_000, 4))
}
const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
const cost = (1 - avg(on) / avg(off)) * 100
lines.push(`| cohort /cohorts/users load, journal off (10 connections, 100 ids/request) | ${avg(off).toFixed(0)} req/s | |`)
lines.push(`| same load, journal on (cap 10,000, bodies kept) | ${avg(on).toFixed(0)} req/s | |`)
lines.push(`| journal recording cost | ${cost.toFixed(1)} % of throughput | < 10 % |`)
lines.push('', `Runs: journal off ${off.map((x) => x.toFixed(0)).join(', ')}; on ${on.map((x) => x.toFixed(0)).join(', ')} req/s (alternated).`)
process.stdout.write(lines.join('\n') + '\n')
