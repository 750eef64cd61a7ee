/**
 * Issue 13: fake-braze side by side with its peers in one run, on the same Segment-style workload
 * (POST /partners/hightouch/cohorts/users with 1–10 existing user ids, 16 connections):
 * - a bare Fastify ceiling (parses the JSON, answers 201),
 * - fake-braze on a file database of 100,000 users, commit-before-answer and the journal on (defaults),
 * - WireMock serving a canned stub of the endpoint (request journal and logging off),
 * - Prism mocking the same operation from fake-braze's OpenAPI document.
 * Every target is sent the same sequence of bodies (body i is a function of i alone, generated as
 * it is sent, so nothing is replayed) from its own counter. Rounds interleave the targets; each
 * figure is the median of the rounds, ratios are to the ceiling of this run, and the machine's
 * load average is printed beside them. Peers are installed on demand into .peers/ (see
 * lib/peers.ts); one that cannot run here (no Java, no registry) is reported as not run.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fmt, freePort, load, median, processCpuSeconds, startProcess, stopProcess, type LoadResult } from './lib/load.js'
import { ensurePeers, startPrism, startWiremock, waitUntil } from './lib/peers.js'
import { cohortBodySequence } from './lib/cohort-bodies.js'
import { seedBenchDatabase } from './lib/seed-db.js'

const USERS = Number(process.env.BENCH_PEER_USERS ?? 100_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
/** once per target before the rounds: lets the JVM's JIT (WireMock) and V8 settle */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10)
const CONNECTIONS = 16
const PATH = '/partners/hightouch/cohorts/users'

const peers = ensurePeers()
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-peers-'))
const dbPath = join(dir, 'bench.db')
const seedMs = seedBenchDatabase(dbPath, USERS)

const bodySequence = (): () => string => cohortBodySequence(USERS)
const probeBody = bodySequence()
const accepts = (url: string) => async (): Promise<boolean> => (await fetch(`${url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: probeBody() })).status === 201

const load1 = (): string => fmt(loadavg()[0]!, 1)
const loads = (): string => loadavg().map((l) => fmt(l, 2)).join(' / ')

interface Target { name: string, url: string, child: ChildProcess, nextBody: () => string, results: LoadResult[], cpuUs: number[], loads: string[] }
const targets: Target[] = []
const notRun: Array<{ name: string, reason: string }> = []
async function add (name: string, start: (port: number) => Promise<ChildProcess> | ChildProcess, ready?: (url: string) => () => Promise<boolean>): Promise<void> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  process.stderr.write(`starting ${name} …\n`)
  const child = await start(port)
  try {
    if (ready !== undefined) await waitUntil(ready(url), child)
  } catch (err) {
    await stopProcess(child).catch(() => {})
    notRun.push({ name, reason: `did not start: ${(err as Error).message}` })
    return
  }
  targets.push({ name, url, child, nextBody: bodySequence(), results: [], cpuUs: [], loads: [] })
}
/** A peer that is unavailable on this machine is listed with the reason instead of measured. */
async function addPeer (name: string, entry: string | { unavailable: string }, start: (entry: string, port: number) => ChildProcess): Promise<void> {
  if (typeof entry !== 'string') { notRun.push({ name, reason: entry.unavailable }); return }
  await add(name, (port) => start(entry, port), accepts)
}
const WIREMOCK = 'WireMock 3.13.2 (canned stub, journal off)'
const loadAtStart = loads()
try {
  await add('bare Fastify (ceiling)', async (port) => await startProcess('bench/lib/ceiling-server.ts', [String(port)], `http://127.0.0.1:${port}`))
  await add(`fake-braze (file DB, ${fmt(USERS)} users, commit-before-answer, journal on)`,
    async (port) => await startProcess('src/cli.ts', ['serve', '--db', dbPath, '--port', String(port), '--log-level', 'silent'], `http://127.0.0.1:${port}`))
  await addPeer(WIREMOCK, peers.wiremockJar, (jar, port) => startWiremock(jar, port, join(dir, 'wiremock')))
  await addPeer('Prism 5.16.0 (mock of the same operation)', peers.prism, (prism, port) => startPrism(prism, port))

  for (const t of targets) {
    process.stderr.write(`warming up ${t.name} for ${WARMUP} s\n`)
    await load(`${t.url}${PATH}`, { seconds: WARMUP, connections: CONNECTIONS, nextBody: t.nextBody })
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const t of targets) {
      process.stderr.write(`round ${round + 1}: ${t.name} (load average ${loads()})\n`)
      await load(`${t.url}${PATH}`, { seconds: 2, connections: CONNECTIONS, nextBody: t.nextBody })
      const cpu0 = processCpuSeconds(t.child.pid)
      const r = await load(`${t.url}${PATH}`, { seconds: SECONDS, connections: CONNECTIONS, nextBody: t.nextBody })
      t.cpuUs.push((processCpuSeconds(t.child.pid) - cpu0) * 1e6 / r.total)
      t.results.push(r)
      t.loads.push(load1())
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
  loads: t.loads.join(', '),
  cpuUs: median(t.cpuUs)
}))
const ceiling = summary[0]!
const fake = summary[1]!
const wiremock = summary.find((s) => s.name === WIREMOCK)
const wiremockMissing = notRun.find((n) => n.name === WIREMOCK)
const lines = [
  '## Peers, side by side (issue 13)',
  '',
  `Segment-style POST ${PATH} with 1–10 existing user ids (a quarter removes, 50 cohorts; every target gets the same sequence of bodies, none replayed), ${CONNECTIONS} connections, ` +
  `${WARMUP} s of warm-up per target, then ${ROUNDS} interleaved rounds of ${SECONDS} s after 2 s of warm-up each; medians. fake-braze's file database holds ${fmt(USERS)} users (seeded in ${fmt(seedMs / 1000, 1)} s).`,
  `Machine load average (1 / 5 / 15 min): ${loadAtStart} at the start, ${loads()} at the end; the last column is the 1-minute load average after each round.`,
  '',
  '| Target | req/s (median) | × ceiling | server CPU µs/request (median) | p50 ms | p99 ms | rounds (req/s) | non-2xx + errors | load average after each round |',
  '|---|---|---|---|---|---|---|---|---|',
  ...summary.map((s) => `| ${s.name} | ${fmt(s.rps)} | ${fmt(s.rps / ceiling.rps, 2)}× | ${fmt(s.cpuUs)} | ${s.p50} | ${s.p99} | ${s.rounds} | ${s.non2xx} | ${s.loads} |`),
  ...notRun.map((n) => `| ${n.name} | not run: ${n.reason} | | | | | | | |`),
  '',
  wiremock === undefined
    ? `Goal: fake-braze ≥ 1.2× WireMock's throughput with a lower p99. **Not judged: WireMock did not run (${wiremockMissing?.reason ?? 'unknown'})**. fake-braze: ${fmt(fake.rps)} req/s, ${fmt(fake.cpuUs)} µs of CPU per request, p99 ${fake.p99} ms.`
    : `Goal: fake-braze ≥ 1.2× WireMock's throughput with a lower p99. Measured: ${fmt(fake.rps / wiremock.rps, 2)}× WireMock, p99 ${fake.p99} ms against ${wiremock.p99} ms: ` +
      `**${fake.rps >= 1.2 * wiremock.rps && fake.p99 < wiremock.p99 ? 'met' : 'not met'}**. ` +
      `Server CPU per request: fake-braze ${fmt(fake.cpuUs)} µs, WireMock ${fmt(wiremock.cpuUs)} µs (${fmt(wiremock.cpuUs / fake.cpuUs, 2)}×).`
]
process.stdout.write(lines.join('\n') + '\n')
