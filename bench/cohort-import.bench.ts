/**
 * Issue 2's figures: partner cohort import on a file database holding 1,000,000 users, next to
 * the Fastify no-database ceiling measured in the same run, plus start-up times.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BENCH_PARTNER_KEY, BENCH_SECRET, seedBenchDatabase } from './lib/seed-db.js'
import { ROOT, fmt, freePort, load, median, startProcess, stopProcess, waitForHealth } from './lib/load.js'

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-bench-'))
const dbPath = join(dir, 'bench.db')
const SECRET = BENCH_SECRET
const PARTNER_KEY = BENCH_PARTNER_KEY

const seed = (): number => seedBenchDatabase(dbPath, USERS)

const randomUser = (): string => `user-${Math.floor(Math.random() * USERS)}`

function usersBody (cohort: string, n: number, remove = false): string {
  const ids = new Set<string>()
  while (ids.size < n) ids.add(randomUser())
  return JSON.stringify({
    partner_api_key: PARTNER_KEY,
    client_secret: SECRET,
    cohort_id: cohort,
    cohort_changes: [{ user_ids: [...ids], device_ids: [], aliases: [], ...(remove && { should_remove: true }) }]
  })
}

/**
 * What a sync sends: deltas. Each request adds 900 users not yet in its cohort and removes 100
 * that are in it. A cohort's members are a cyclic window [head, cursor) of the user space: adds
 * extend it at the cursor, removes take its oldest end, so no add is a no-op and no remove misses.
 * Cohorts take turns, so a cohort's next request leaves well after its previous one was answered.
 * When a window would cover half the users, requests swap to 100 adds and 900 removes until it
 * is back under a quarter.
 */
function freshDeltas (cohortIds: string[], users: number, perRequest = 1000): () => string {
  const state = cohortIds.map((_, k) => ({ head: Math.floor(k * users / cohortIds.length), size: 0, shrinking: false }))
  let turn = 0
  return () => {
    const k = turn++ % cohortIds.length
    const c = state[k]!
    if (c.size > users / 2) c.shrinking = true
    if (c.size < users / 4) c.shrinking = false
    const adds = c.shrinking ? perRequest / 10 : perRequest * 9 / 10
    const removes = Math.min(c.size, perRequest - adds)
    const addIds: string[] = []
    const removeIds: string[] = []
    for (let i = 0; i < adds; i++) addIds.push(`user-${(c.head + c.size + i) % users}`)
    for (let i = 0; i < removes; i++) removeIds.push(`user-${(c.head + i) % users}`)
    c.head = (c.head + removes) % users
    c.size += adds - removes
    return JSON.stringify({
      partner_api_key: PARTNER_KEY,
      client_secret: SECRET,
      cohort_id: cohortIds[k],
      cohort_changes: [{ user_ids: addIds }, ...(removeIds.length > 0 ? [{ user_ids: removeIds, should_remove: true }] : [])]
    })
  }
}

function pool (size: number, make: (i: number) => string): () => string {
  const bodies = Array.from({ length: size }, (_, i) => make(i))
  let i = 0
  return () => bodies[i++ % bodies.length]!
}

/** One fresh process of bench/lib/build-app-timer.ts: its median build (ms) and, bare, the routes it built. */
function timer (...args: string[]): { ms: number, routes: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/lib/build-app-timer.ts', ...args], { cwd: ROOT, encoding: 'utf8' })
  const [ms, routes] = run.stdout.trim().split(' ').map(Number)
  if (!Number.isFinite(ms) || run.status !== 0) throw new Error(`build-app-timer failed: ${run.stderr}`)
  return { ms: ms!, routes: routes ?? 0 }
}

async function startupTimes (): Promise<{ buildMedian: number, bareMedian: number, bareRoutes: number, processMedian: number }> {
  // buildApp and a bare Fastify app with its route table, in alternating fresh processes (machine load hits both alike)
  const builds: number[] = []
  const bares: number[] = []
  let bareRoutes = 0
  for (let i = 0; i < 3; i++) {
    builds.push(timer().ms)
    const b = timer('bare')
    bares.push(b.ms)
    bareRoutes = b.routes
  }
  const buildMedian = median(builds)
  const bareMedian = median(bares)
  if (!existsSync(join(ROOT, 'dist/cjs/cli.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  const starts: number[] = []
  for (let i = 0; i < 10; i++) {
    const port = await freePort()
    const t0 = performance.now()
    const child = spawn(process.execPath, [join(ROOT, 'dist/cjs/cli.js'), 'serve', '--port', String(port), '--db', ':memory:', '--log-level', 'silent'], { stdio: 'ignore' })
    await waitForHealth(`http://127.0.0.1:${port}`, 20000, 2)
    starts.push(performance.now() - t0)
    await stopProcess(child)
  }
  return { buildMedian, bareMedian, bareRoutes, processMedian: median(starts) }
}

function peakRss (pid: number | undefined): number {
  try { return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024 } catch { return 0 }
}

const seedMs = seed()
const fakePort = await freePort()
const fakeUrl = `http://127.0.0.1:${fakePort}`
const fake = await startProcess('src/cli.ts', ['serve', '--db', dbPath, '--port', String(fakePort), '--log-level', 'silent'], fakeUrl)
const cohorts = ['c0', 'c1', 'c2', 'c3', 'c4']
const bigBodies = pool(400, (i) => usersBody(cohorts[i % cohorts.length]!, 1000, i % 10 === 9))
const smallBodies = pool(2000, (i) => usersBody(`seg-${i % 50}`, 1 + (i % 10), i % 4 === 3))
const fresh = await load(`${fakeUrl}/partners/hightouch/cohorts/users`, { seconds: SECONDS, connections: 4, nextBody: freshDeltas(['f0', 'f1', 'f2', 'f3', 'f4'], USERS), warmupSeconds: 2 })
const big = await load(`${fakeUrl}/partners/hightouch/cohorts/users`, { seconds: SECONDS, connections: 4, nextBody: bigBodies, warmupSeconds: 2 })
const small = await load(`${fakeUrl}/partners/hightouch/cohorts/users`, { seconds: 10, connections: 16, nextBody: smallBodies, warmupSeconds: 2 })
const fakeRss = peakRss(fake.pid)
await stopProcess(fake)
const dbMb = statSync(dbPath).size / 2 ** 20

const ceilPort = await freePort()
const ceilUrl = `http://127.0.0.1:${ceilPort}`
const ceiling = await startProcess('bench/lib/ceiling-server.ts', [String(ceilPort)], ceilUrl)
const ceilBig = await load(`${ceilUrl}/partners/hightouch/cohorts/users`, { seconds: 10, connections: 4, nextBody: bigBodies, warmupSeconds: 2 })
const ceilSmall = await load(`${ceilUrl}/partners/hightouch/cohorts/users`, { seconds: 10, connections: 16, nextBody: smallBodies, warmupSeconds: 2 })
await stopProcess(ceiling)
// Calibration: the same ceiling spending a fixed CPU time per request, as any real handler must.
const calibration: Array<{ workUs: number, requestsPerSec: number }> = []
for (const workUs of [10, 25, 50]) {
  const port = await freePort()
  const server = await startProcess('bench/lib/ceiling-server.ts', [String(port), String(workUs)], `http://127.0.0.1:${port}`)
  const r = await load(`http://127.0.0.1:${port}/partners/hightouch/cohorts/users`, { seconds: 5, connections: 16, nextBody: smallBodies, warmupSeconds: 1 })
  calibration.push({ workUs, requestsPerSec: r.requestsPerSec })
  await stopProcess(server)
}
const startup = await startupTimes()
rmSync(dir, { recursive: true, force: true })

const idsPerSec = big.requestsPerSec * 1000
const lines = [
  '## Partner cohort import (issue 2)',
  '',
  `File database (WAL) with ${fmt(USERS)} users, seeded in ${fmt(seedMs / 1000, 1)} s; ${fmt(dbMb)} MiB after the run; fake server peak RSS ${fmt(fakeRss)} MiB.`,
  '',
  '| Measure | fake-braze | no-database ceiling | target |',
  '|---|---|---|---|',
  `| /cohorts/users, 1,000 identifiers per request, **fresh deltas** (900 adds of non-members + 100 removes of members, 5 cohorts), 4 connections | ${fmt(fresh.requestsPerSec, 1)} req/s = **${fmt(fresh.requestsPerSec * 1000)} identifiers/s**, p50 ${fresh.p50} ms, p99 ${fresh.p99} ms | ${fmt(ceilBig.requestsPerSec, 1)} req/s | ≥ 200,000 identifiers/s |`,
  `| same, **replays** (a pool of 400 random bodies, 90% add / 10% remove requests, most adds no-ops after the first pass) | ${fmt(big.requestsPerSec, 1)} req/s = **${fmt(idsPerSec)} identifiers/s**, p50 ${big.p50} ms, p99 ${big.p99} ms | ${fmt(ceilBig.requestsPerSec, 1)} req/s | (the old measure) |`,
  `| /cohorts/users, 1–10 identifiers (Segment-style), 16 connections | **${fmt(small.requestsPerSec)} req/s** (${fmt(100 * small.requestsPerSec / ceilSmall.requestsPerSec)} % of ceiling), p50 ${small.p50} ms, p99 ${small.p99} ms | ${fmt(ceilSmall.requestsPerSec)} req/s | ≥ 50 % of ceiling |`,
  `| buildApp + migrations on :memory: to ready (fresh process: median of builds 6–35; median of 3 processes) | **${fmt(startup.buildMedian, 1)} ms** | | < 20 ms (issue 19) |`,
  `| the floor: bare Fastify given the same ${startup.bareRoutes} routes (+ HEAD), no-op handlers, no schema, hook or database (same timer, processes alternating with the row above) | ${fmt(startup.bareMedian, 1)} ms | | |`,
  `| process start to first 2xx (\`npm start\`'s \`node dist/cjs/cli.js\`, median of 10, polled every 2 ms) | **${fmt(startup.processMedian)} ms** | | < 400 ms |`,
  '',
  'Calibration, 1–10-identifier bodies, 16 connections: the no-database ceiling when its handler also spins the CPU for a fixed time per request.',
  '',
  '| CPU work per request | req/s | % of ceiling |',
  '|---|---|---|',
  `| none (the ceiling) | ${fmt(ceilSmall.requestsPerSec)} | 100 % |`,
  ...calibration.map((c) => `| ${c.workUs} µs | ${fmt(c.requestsPerSec)} | ${fmt(100 * c.requestsPerSec / ceilSmall.requestsPerSec)} % |`),
  '',
  `Non-2xx answers during the loads: ${fresh.non2xx + big.non2xx + small.non2xx} (fake), ${ceilBig.non2xx + ceilSmall.non2xx} (ceiling); socket errors: ${big.errors + small.errors}.`
]
process.stdout.write(lines.join('\n') + '\n')
if (fresh.non2xx + big.non2xx + small.non2xx > 0) process.exitCode = 1
