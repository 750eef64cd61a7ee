/**
 * Issue 13: fake-braze side by side with its peers in one run, on the same Segment-style workload
 * (POST /partners/hightouch/cohorts/users with 1–10 existing user ids, 16 connections):
 * - a bare Fastify ceiling (parses the JSON, answers 201),
 * - fake-braze on a file database of 100,000 users, commit-before-answer and the journal on (defaults),
 * - WireMock serving a canned stub of the endpoint (request journal and logging off),
 * - Prism mocking the same operation from fake-braze's OpenAPI document.
 * Rounds interleave the targets; each figure is the median of the rounds, and ratios are to the
 * ceiling of this run. Peers are installed on demand into .peers/ (see lib/peers.ts).
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fmt, freePort, load, median, startProcess, stopProcess, type LoadResult } from './lib/load.js'
import { ensurePeers, startPrism, startWiremock, waitUntil } from './lib/peers.js'
import { BENCH_PARTNER_KEY, BENCH_SECRET, seedBenchDatabase } from './lib/seed-db.js'

const USERS = Number(process.env.BENCH_PEER_USERS ?? 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** once per target before the rounds: lets the JVM's JIT (WireMock) and V8 settle */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const PATH = '/partners/hightouch/cohorts/users'

const { wiremockJar, prism } = ensurePeers()
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-peers-'))
const dbPath = join(dir, 'bench.db')
const seedMs = seedBenchDatabase(dbPath, USERS)

function smallBodies (): () => string {
  const bodies = Array.from({ length: 2000 }, (_, i) => {
    const ids = new Set<string>()
    while (ids.size < 1 + (i % 10)) ids.add(`user-${Math.floor(Math.random() * USERS)}`)
    return JSON.stringify({
      partner_api_key: BENCH_PARTNER_KEY, client_secret: BENCH_SECRET, cohort_id: `seg-${i % 50}`,
      cohort_changes: [{ user_ids: [...ids], ...(i % 4 === 3 && { should_remove: true }) }]
    })
  })
  let i = 0
  return () => bodies[i++ % bodies.length]!
}
const nextBody = smallBodies()
const accepts = (url: string) => async (): Promise<boolean> => (await fetch(`${url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nextBody() })).status === 201

/**
 * CPU seconds (user + system, all threads) the server process has used so far, from /proc. Per
 * request it is a measure of cost that holds up on a loaded machine, where req/s do not.
 */
function cpuSeconds (pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ = 100)
  } catch { return Number.NaN }
}

interface Target { name: string, url: string, child: ChildProcess, results: LoadResult[], cpuUs: number[] }
const targets: Target[] = []
async function add (name: string, start: (port: number) => Promise<ChildProcess> | ChildProcess, ready?: (url: string) => () => Promise<boolean>): Promise<void> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  process.stderr.write(`starting ${name} …\n`)
  const child = await start(port)
  targets.push({ name, url, child, results: [], cpuUs: [] })
  if (ready !== undefined) await waitUntil(ready(url), child)
}
try {
  await add('bare Fastify (ceiling)', async (port) => await startProcess('bench/lib/ceiling-server.ts', [String(port)], `http://127.0.0.1:${port}`))
  await add(`fake-braze (file DB, ${fmt(USERS)} users, commit-before-answer, journal on)`,
    async (port) => await startProcess('src/cli.ts', ['serve', '--db', dbPath, '--port', String(port), '--log-level', 'silent'], `http://127.0.0.1:${port}`))
  await add('WireMock 3.13.2 (canned stub, journal off)', (port) => startWiremock(wiremockJar, port, join(dir, 'wiremock')), accepts)
  await add('Prism 5.16.0 (mock of the same operation)', (port) => startPrism(prism, port), accepts)

  for (const t of targets) {
    process.stderr.write(`warming up ${t.name} for ${WARMUP} s\n`)
    await load(`${t.url}${PATH}`, { seconds: WARMUP, connections: 16, nextBody })
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      process.stderr.write(`round ${round + 1}: ${t.name}\n`)
      await load(`${t.url}${PATH}`, { seconds: 2, connections: 16, nextBody })
      const cpu0 = cpuSeconds(t.child.pid)
      const r = await load(`${t.url}${PATH}`, { seconds: SECONDS, connections: 16, nextBody })
      t.cpuUs.push((cpuSeconds(t.child.pid) - cpu0) * 1e6 / r.total)
      t.results.push(r)
    }
  }
} finally {
  for (const t of targets) await stopProcess(t.child)
  rmSync(dir, { recursive: true, force: true })
}

const summary = targets.map((t) => ({
  name: t.name,
  rps: median(t.results.map((r) => r.requestsPerSec)),
  p50: median(t.results.map((r) => r.p50)),
  p99: median(t.results.map((r) => r.p99)),
  non2xx: t.results.reduce((a, r) => a + r.non2xx + r.errors, 0),
  rounds: t.results.map((r) => fmt(r.requestsPerSec)).join(', '),
  cpuUs: median(t.cpuUs)
}))
const [ceiling, fake, wiremock] = summary as [typeof summary[0], typeof summary[0], typeof summary[0], typeof summary[0]]
const lines = [
  '## Peers, side by side (issue 13)',
  '',
  `Segment-style POST ${PATH} with 1–10 existing user ids (2,000 bodies, 50 cohorts, a quarter removes), 16 connections, ` +
  `${WARMUP} s of warm-up per target, then ${ROUNDS} interleaved rounds of ${SECONDS} s after 2 s of warm-up each; medians. fake-braze's file database holds ${fmt(USERS)} users (seeded in ${fmt(seedMs / 1000, 1)} s).`,
  '',
  '| Target | req/s (median) | × ceiling | p50 ms | p99 ms | rounds (req/s) | server CPU µs/request (median) | non-2xx + errors |',
  '|---|---|---|---|---|---|---|---|',
  ...summary.map((s) => `| ${s.name} | ${fmt(s.rps)} | ${fmt(s.rps / ceiling.rps, 2)}× | ${s.p50} | ${s.p99} | ${s.rounds} | ${fmt(s.cpuUs)} | ${s.non2xx} |`),
  '',
  `Goal: fake-braze ≥ 1.2× WireMock's throughput with a lower p99. Measured: ${fmt(fake.rps / wiremock.rps, 2)}× WireMock, p99 ${fake.p99} ms against ${wiremock.p99} ms: ` +
  `**${fake.rps >= 1.2 * wiremock.rps && fake.p99 < wiremock.p99 ? 'met' : 'not met'}**. ` +
  `Server CPU per request: fake-braze ${fmt(fake.cpuUs)} µs, WireMock ${fmt(wiremock.cpuUs)} µs (${fmt(wiremock.cpuUs / fake.cpuUs, 2)}×).`
]
process.stdout.write(lines.join('\n') + '\n')
