/**
 * Issue 19's seeding target (≥ 100,000 users/s) against the one redesign that could approach it on
 * 2 cores (bench/floors-seeding.bench.ts gives its bounds): storing on a second thread with its own
 * SQLite connection, so one request's HTTP, JSON and validation overlap the previous one's storing.
 * A prototype of it (bench/lib/seed-writer-server.ts: bare Fastify, the route's zod schema, the
 * fake's own seeding service on a worker thread, one transaction a request) and the fake itself
 * (the built CLI) take the same load in the same run: POST /_fake/workspaces/{id}/users, 1,000
 * fresh users a request, 2 in flight, bodies built before the clock starts, file database; the
 * 100,000 users timed into an empty workspace, then (after 800,000 more, untimed) the last 100,000
 * of 1,000,000. The prototype has none of the fake's hooks (auth, journal, faults, group commit)
 * and cannot serve a `:memory:` database: its figure is an upper bound for the redesign.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLI } from './lib/track-users.js'
import { fmt, freePort, processCpuSeconds, startProcess, stopProcess, waitForHealth } from './lib/load.js'
import { seedUser } from './lib/seed-users.js'

const BATCH = 1_000
const IN_FLIGHT = 2
const TIMED = 100_000
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-seeding-writer-'))
const loads = (): string => loadavg().map((l) => fmt(l, 2)).join(' / ')

async function post (url: string, body: string): Promise<void> {
  const res = await fetch(`${url}/_fake/workspaces/bench/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`${res.status} ${text.slice(0, 300)}`)
}

/** Sends users [first, first + count) in BATCH-user requests, IN_FLIGHT at a time: seconds, server and load-generator CPU seconds. */
async function send (url: string, pid: number | undefined, prefix: string, first: number, count: number): Promise<{ seconds: number, cpu: number, generatorCpu: number }> {
  const bodies: string[] = []
  for (let start = first; start < first + count; start += BATCH) bodies.push(JSON.stringify({ users: Array.from({ length: BATCH }, (_, k) => seedUser(prefix, start + k)) }))
  const cpu0 = processCpuSeconds(pid)
  const own0 = process.cpuUsage()
  const t0 = performance.now()
  let next = 0
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { while (next < bodies.length) await post(url, bodies[next++]!) }))
  const own = process.cpuUsage(own0)
  return { seconds: (performance.now() - t0) / 1000, cpu: processCpuSeconds(pid) - cpu0, generatorCpu: (own.user + own.system) / 1e6 }
}

const servers: Record<string, (port: number, db: string) => Promise<ReturnType<typeof spawn>>> = {
  'the fake (built CLI, group commit)': async (port, db) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--db', db, '--log-level', 'silent', '--no-dashboard'], { stdio: 'ignore' })
    await waitForHealth(`http://127.0.0.1:${port}`)
    // the CLI serves a workspace only once it exists; the prototype's writer creates its own
    const res = await fetch(`http://127.0.0.1:${port}/_fake/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'bench' }) })
    if (res.status !== 201) throw new Error(`workspace: ${res.status}`)
    return child
  },
  'prototype: storing on a second thread': async (port, db) => await startProcess('bench/lib/seed-writer-server.ts', [String(port), db], `http://127.0.0.1:${port}`)
}

const rows: string[] = []
for (let round = 0; round < 2; round++) {
  for (const [name, start] of Object.entries(servers)) {
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const db = join(dir, `${round}-${port}.db`)
    const child = await start(port, db)
    try {
      await send(url, child.pid, 'warm', 0, 10 * BATCH) // JIT and statement plans, not counted
      const before = loads()
      const small = await send(url, child.pid, 'seed', 0, TIMED)
      await send(url, child.pid, 'seed', TIMED, 800_000 - 10 * BATCH)
      const large = await send(url, child.pid, 'seed', 900_000, TIMED)
      const us = (cpu: number): string => fmt(cpu * 1e6 / TIMED, 1)
      rows.push(`| ${round + 1} | ${name} | **${fmt(TIMED / small.seconds)}** | ${us(small.cpu)} | ${us(small.generatorCpu)} | **${fmt(TIMED / large.seconds)}** | ${us(large.cpu)} | ${us(large.generatorCpu)} | ${before} → ${loads()} |`)
    } finally {
      await stopProcess(child)
    }
  }
}
rmSync(dir, { recursive: true, force: true })

process.stdout.write([
  '## Seeding with storing on a second thread: a prototype beside the fake (issue 19, bench/seeding-writer-thread.bench.ts)',
  '',
  'POST /_fake/workspaces/{id}/users, 1,000 fresh users a request, 2 in flight, file database, loopback, load generator in this process. ' +
  'The prototype: bare Fastify + the route\'s zod schema on the main thread, the fake\'s own seeding service on a worker thread with its own connection (one transaction a request), ' +
  'users handed over by postMessage and the answer\'s JSON handed back; none of the fake\'s hooks, so an upper bound for that redesign. ' +
  'CPU a user: the server\'s (all its threads, /proc) and the load generator\'s (this process). Two rounds, alternating. ' +
  'Target ≥ 100,000 users/s, which on 2 cores leaves 20 µs of CPU a user for the server and the load generator together.',
  '',
  '| round | server | users/s, 100,000 into an empty workspace | server CPU a user (µs) | load generator CPU a user (µs) | users/s, the last 100,000 of 1,000,000 | server CPU a user (µs) | load generator CPU a user (µs) | load average before → after |',
  '|---|---|---|---|---|---|---|---|---|',
  ...rows,
  ''
].join('\n'))
