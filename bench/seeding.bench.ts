/**
 * Control-plane seeding throughput (issue 19: ≥ 100,000 users/s), two ways:
 * - `POST /_fake/workspaces/{id}/users` over loopback HTTP in batches of 1,000 users (what a test
 *   harness sends; 10,000, the schema's maximum, would not fit the default 1 MiB body limit),
 *   2 requests in flight, fresh users in every request;
 * - a seed file (`fake-braze seed FILE` does exactly this: POST the file to /_fake/seed).
 * Each at 100,000 users on an empty database and at 1,000,000 users. The 1,000,000-user HTTP
 * figure times the last 100,000 users into a workspace already holding 900,000 (written on a
 * second connection), so the load stays short and shows how the cost grows with the workspace.
 * The server runs in a child process (file database in os.tmpdir(), body limit raised for the
 * seed files); the load generator in this one. Prints a markdown section and stops by itself.
 * `BENCH_SEED_SCALES=100000` runs only the 100,000-user figures; `BENCH_SEED_HTTP_USERS` times fewer
 * users over HTTP (for slow baselines: the load stays short); `BENCH_SERVER_NODE_ARGS` adds node flags
 * to the server (e.g. `--cpu-prof --cpu-prof-dir=DIR`).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { loadConfig } from '../src/config.js'
import { startServer } from '../src/server.js'
import { openDatabase } from '../src/db/client.js'
import { newBrazeId, randomBucket } from '../src/domain/shared/ids.js'
import { createTransactionRunner } from '../src/repositories/shared/transaction.js'
import { createUserRepository } from '../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'
import { seedUser } from './lib/seed-users.js'

const BATCH = 1_000
const IN_FLIGHT = 2
const PREFILL_STEP = 100_000

if (process.argv[2] === '--serve') {
  const server = await startServer(loadConfig({ FAKE_BRAZE_DB: process.argv[3]!, FAKE_BRAZE_PORT: '0', FAKE_BRAZE_LOG_LEVEL: 'silent', FAKE_BRAZE_BODY_LIMIT: String(2 ** 30) }))
  process.stdout.write(`${server.url}\n`)
  process.stdin.resume()
  process.stdin.once('end', () => { void server.close() })
} else {
  await main()
}

/** Writes `count` users into workspace `id` on a second connection (the 1,000,000-user figure's starting point). */
function prefill (dbPath: string, id: string, count: number): void {
  const handle = openDatabase(dbPath)
  try {
    const ws = createWorkspaceRepository(handle).findById(id)!
    const repo = createUserRepository(handle)
    const transaction = createTransactionRunner(handle)
    const now = Date.now()
    for (let start = 0; start < count; start += PREFILL_STEP) {
      const rows: Parameters<typeof repo.insertMany>[0][number][] = []
      for (let i = start; i < Math.min(count, start + PREFILL_STEP); i++) {
        rows.push({
          workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `pre-${i}`, email: `pre-${i}@example.com`, phone: null, randomBucket: randomBucket(),
          profile: { first_name: `First${i % 1000}` }, customAttributes: { plan: 'free' }, emailSubscribe: 'subscribed', pushSubscribe: null, totalRevenue: 0, createdAt: now, updatedAt: now
        })
      }
      transaction(() => repo.insertMany(rows))
    }
  } finally {
    handle.close()
  }
}

async function main (): Promise<void> {
  const scales = (process.env.BENCH_SEED_SCALES ?? '100000,1000000').split(',').map(Number)
  const dbPath = join(tmpdir(), `fake-braze-bench-seeding-${process.pid}.db`)
  const seedPath = join(tmpdir(), `fake-braze-bench-seeding-${process.pid}.json`)
  const cleanup = (): void => { for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, seedPath]) rmSync(f, { force: true }) }
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US')
  const rows: string[] = []
  const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' / ')

  for (const scale of scales) {
    // HTTP batches: a fresh server and database per scale
    cleanup()
    let server = await serve(dbPath)
    try {
      await post(server.url, '/_fake/workspaces', { id: 'bench' })
      const measured = Math.min(scale, Number(process.env.BENCH_SEED_HTTP_USERS ?? 100_000))
      const prefillStart = performance.now()
      if (scale > measured) prefill(dbPath, 'bench', scale - measured)
      const prefillS = (performance.now() - prefillStart) / 1000
      // Bodies are built before the clock starts (fresh users in each), so the load generator spends its CPU on sending.
      const bodies: string[] = []
      for (let start = 0; start < measured; start += BATCH) {
        bodies.push(JSON.stringify({ users: Array.from({ length: Math.min(BATCH, measured - start) }, (_, k) => seedUser('seed', scale - measured + start + k)) }))
      }
      // warm-up: 10 batches of other users (JIT), not counted
      for (let w = 0; w < 10; w++) await post(server.url, '/_fake/workspaces/bench/users', { users: Array.from({ length: BATCH }, (_, k) => seedUser('warm', w * BATCH + k)) }, 201)
      const before = load()
      const cpu0 = server.cpuMs()
      const t0 = performance.now()
      let next = 0
      await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
        while (next < bodies.length) await postRaw(server.url, '/_fake/workspaces/bench/users', bodies[next++]!, 201)
      }))
      const seconds = (performance.now() - t0) / 1000
      const cpuS = (server.cpuMs() - cpu0) / 1000
      rows.push(`| HTTP, ${fmt(BATCH)} users a request, ${IN_FLIGHT} in flight | ${fmt(scale)}${scale > measured ? ` (last ${fmt(measured)} timed; ${fmt(scale - measured)} prefilled in ${prefillS.toFixed(1)} s)` : ''} | ${seconds.toFixed(2)} s | **${fmt(measured / seconds)}** | ${fmt(measured / cpuS)} | ${before} → ${load()} |`)
    } finally {
      await server.stop()
    }

    // Seed file: one workspace of `scale` users, POSTed to /_fake/seed of a fresh server
    cleanup()
    server = await serve(dbPath)
    try {
      writeFileSync(seedPath, JSON.stringify({ version: 1, workspaces: [{ id: 'seeded', users: Array.from({ length: scale }, (_, i) => seedUser('file', i)) }] }))
      const payload = readFileSync(seedPath, 'utf8')
      const before = load()
      const cpu0 = server.cpuMs()
      const t0 = performance.now()
      const answer = await postRaw(server.url, '/_fake/seed', payload, 201)
      const seconds = (performance.now() - t0) / 1000
      const cpuS = (server.cpuMs() - cpu0) / 1000
      if ((JSON.parse(answer) as { workspaces: Array<{ users: number }> }).workspaces[0]!.users !== scale) throw new Error(`seed file: ${answer}`)
      rows.push(`| seed file (POST /_fake/seed, ${(payload.length / 2 ** 20).toFixed(0)} MiB) | ${fmt(scale)} | ${seconds.toFixed(2)} s | **${fmt(scale / seconds)}** | ${fmt(scale / cpuS)} | ${before} → ${load()} |`)
    } finally {
      await server.stop()
      cleanup()
    }
  }

  process.stdout.write([
    '## Control-plane seeding (POST /_fake/workspaces/{id}/users, seed files)',
    '',
    `Server in a child process, file database in os.tmpdir(), loopback HTTP. Each user has an external_id, an email, two profile fields, two custom attributes and email_subscribe; ` +
      'every 4th a device id, every 5th an alias. HTTP: bodies prebuilt (distinct users, never replayed), 10 warm-up requests of other users first. ' +
      'CPU: the server process\'s user + system time over the timed part (/proc), steadier than wall time on a shared machine. Target ≥ 100,000 users/s.',
    '',
    '| path | users | time | users/s | users per server CPU-second | load average (1/5/15 min) before → after |',
    '|---|---|---|---|---|---|',
    ...rows,
    ''
  ].join('\n') + '\n')
}

interface Served { url: string, stop: () => Promise<void>, /** the server process's CPU time so far (user + system), ms; NaN off Linux */ cpuMs: () => number }

/** utime + stime of a process from /proc (clock ticks of 10 ms): CPU per user is far steadier than wall time on a shared machine. */
function processCpuMs (pid: number): number {
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return Number.NaN
  const fields = readFileSync(stat, 'utf8').replace(/^.*\) /, '').split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

async function serve (dbPath: string): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''), '--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dbPath], { stdio: ['pipe', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))
  return {
    url,
    cpuMs: () => processCpuMs(child.pid!),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.stdin!.end()
      await exited
    }
  }
}

async function postRaw (url: string, path: string, body: string, expect = 201): Promise<string> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
  const text = await res.text()
  if (res.status !== expect) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`)
  return text
}

async function post (url: string, path: string, body: unknown, expect = 201): Promise<string> {
  return await postRaw(url, path, JSON.stringify(body), expect)
}
