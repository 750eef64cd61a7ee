/**
 * The /users/track benchmarks: the users they update, workspace "bench" (created by the server under
 * test), `users` users with a few attributes each as existing users have, written in transactions of
 * 100,000 rows on a second connection; then fresh request bodies (every object changes what the
 * user has: new values, an `inc`, a new array element, a later date) from the load generator.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { openDatabase } from '../../src/db/client.js'
import { newBrazeId, randomBucket } from '../../src/domain/shared/ids.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'
import { ROOT, fmt, processCpuSeconds } from './load.js'

export function seedTrackUsers (dbPath: string, users: number): void {
  const handle = openDatabase(dbPath)
  try {
    const ws = createWorkspaceRepository(handle).findById('bench')!
    const repo = createUserRepository(handle)
    const transaction = createTransactionRunner(handle)
    const now = Date.now()
    for (let start = 0; start < users; start += 100_000) {
      const rows: Parameters<typeof repo.insertMany>[0][number][] = []
      for (let i = start; i < Math.min(users, start + 100_000); i++) {
        rows.push({
          workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: null, phone: null, randomBucket: randomBucket(),
          profile: { first_name: `First${i % 1000}`, country: 'US' },
          customAttributes: { plan: 'free', visits: i % 50, tags: ['t0'], last_seen: '2026-11-01T00:00:00.000Z' },
          emailSubscribe: null, pushSubscribe: null, totalRevenue: 0, createdAt: now, updatedAt: now
        })
      }
      transaction(() => repo.insertMany(rows))
    }
  } finally {
    handle.close()
  }
}

/**
 * What each request carries:
 * - `attributes`: `objectsPerRequest` attribute objects (standard and custom attributes);
 * - `mixed`: Segment-style, the same total split into attribute, event and purchase objects
 *   (2 : 2 : 1), each array within /users/track's 75.
 */
export type TrackBodyKind = 'attributes' | 'mixed'

export interface TrackBenchOptions {
  /** `/users/track` or `/users/track/bulk` */
  endpoint: string
  permission: string
  users: number
  objectsPerRequest: number
  kind?: TrackBodyKind
  connections: number
  durationS: number
  /** objects/s goal, printed beside the figure */
  target: number
  /** p99 goal in ms, printed beside the figure */
  p99Target?: number
  /** the section's title; defaults to the endpoint and sizes */
  title?: string
}

export interface TrackBenchResult {
  users: number
  objectsPerSecond: number
  requestsPerSecond: number
  p50: number
  p99: number
  /** server CPU (user + system, all threads) per object, µs */
  cpuPerObjectUs: number
  /** the server's resident set at the end of the run, and its peak (MiB) */
  rssMiB: number
  peakRssMiB: number
  /** the end's RSS split: anonymous memory (heap, SQLite's page cache) and mapped files (code, the WAL index) */
  anonRssMiB: number
  fileRssMiB: number
  seedSeconds: number
  ok: number
  non2xx: number
  errors: number
}

/** The body generator: fresh values on every call (the counter moves through every user in a fixed permutation). */
export function trackBodies (users: number, objectsPerRequest: number, kind: TrackBodyKind = 'attributes'): () => string {
  let n = 0
  const day = Date.parse('2026-11-28T00:00:00Z')
  const attribute = (): Record<string, unknown> => {
    const k = n++
    const id = (k * 7919) % users
    return {
      external_id: `user-${id}`,
      first_name: `First${k % 100_003}`,
      country: k % 3 === 0 ? 'United States' : 'DE',
      email_subscribe: k % 2 === 0 ? 'subscribed' : 'opted_in',
      plan: `plan-${k % 7}`,
      visits: { inc: 1 },
      tags: { add: [`t${k % 97}`] },
      last_seen: new Date(day + (k % 86_400) * 1000).toISOString()
    }
  }
  const event = (): Record<string, unknown> => {
    const k = n++
    return { external_id: `user-${(k * 7919) % users}`, name: `event-${k % 20}`, time: new Date(day + (k % 86_400) * 1000).toISOString(), properties: { step: k % 11, source: 'bench' } }
  }
  const purchase = (): Record<string, unknown> => {
    const k = n++
    return { external_id: `user-${(k * 7919) % users}`, product_id: `sku-${k % 50}`, currency: 'USD', price: (k % 100) + 0.99, quantity: 1 + (k % 3), time: new Date(day + (k % 86_400) * 1000).toISOString() }
  }
  const many = (count: number, make: () => Record<string, unknown>): Array<Record<string, unknown>> => Array.from({ length: count }, make)
  if (kind === 'attributes') return () => JSON.stringify({ attributes: many(objectsPerRequest, attribute) })
  const purchases = Math.floor(objectsPerRequest / 5)
  const events = Math.floor((objectsPerRequest - purchases) / 2)
  const attributes = objectsPerRequest - purchases - events
  return () => JSON.stringify({ attributes: many(attributes, attribute), events: many(events, event), purchases: many(purchases, purchase) })
}

function rssMiB (pid: number): { rss: number, peak: number, anon: number, file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024, anon: kb('RssAnon') / 1024, file: kb('RssFile') / 1024 }
}

/** The built CLI (`npm run build`): the server runs as users run it, so its memory is theirs, not tsx's. */
export const CLI = join(ROOT, 'dist', 'cjs', 'cli.js')

/** Extra node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=…` to profile a run), from the environment of the benchmark. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '')

async function startCli (dbPath: string): Promise<{ url: string, pid: number, stop: () => Promise<void> }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm run bench does)`)
  const ready = `${dbPath}.ready`
  rmSync(ready, { force: true })
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, CLI, 'serve', '--db', dbPath, '--port', '0', '--log-level', 'silent', '--no-dashboard', '--ready-file', ready], { stdio: ['ignore', 'ignore', 'inherit'] })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  for (let i = 0; !existsSync(ready); i++) {
    if (child.exitCode !== null || i > 600) throw new Error('the server did not start')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { url: readFileSync(ready, 'utf8').trim(), pid: child.pid!, stop: async () => { child.kill('SIGTERM'); await exited } }
}

/**
 * One /users/track-style run: the built server in a child process (so the load generator never shares
 * its event loop; its defaults, dashboard off), `users` existing users seeded on a second connection, fresh bodies, autocannon.
 */
export async function measureTrack (o: TrackBenchOptions): Promise<TrackBenchResult> {
  const dbPath = join(tmpdir(), `fake-braze-bench-${o.endpoint.replace(/\W+/g, '-')}-${process.pid}-${o.users}.db`)
  const cleanup = (): void => { for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true }) }
  cleanup()
  const server = await startCli(dbPath)
  const url = server.url
  try {
    const json = async (path: string, body: unknown) => (await fetch(`${url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    })).json() as Promise<Record<string, any>>
    await json('/_fake/workspaces', { id: 'bench' })
    const { key } = await json('/_fake/workspaces/bench/rest-api-keys', { permissions: [o.permission] })

    const seedStart = performance.now()
    seedTrackUsers(dbPath, o.users)
    const seedSeconds = (performance.now() - seedStart) / 1000

    const nextBody = trackBodies(o.users, o.objectsPerRequest, o.kind)
    const run = async (duration: number) => autocannon({
      url: `${url}${o.endpoint}`,
      method: 'POST',
      connections: o.connections,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: nextBody() }) }]
    })
    await run(3) // warm-up: JIT and page cache
    const cpuBefore = processCpuSeconds(server.pid)
    const r = await run(o.durationS)
    const cpu = processCpuSeconds(server.pid) - cpuBefore
    const mem = rssMiB(server.pid)
    const ok = r['2xx']
    return {
      users: o.users,
      objectsPerSecond: Math.round((ok * o.objectsPerRequest) / r.duration),
      requestsPerSecond: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      cpuPerObjectUs: ok === 0 ? 0 : (cpu * 1e6) / (ok * o.objectsPerRequest),
      rssMiB: mem.rss,
      peakRssMiB: mem.peak,
      anonRssMiB: mem.anon,
      fileRssMiB: mem.file,
      seedSeconds,
      ok,
      non2xx: r.non2xx,
      errors: r.errors
    }
  } finally {
    await server.stop()
    cleanup()
  }
}

export function describeRun (o: TrackBenchOptions): string {
  const what = o.kind === 'mixed'
    ? 'attribute, event and purchase objects in the ratio 2 : 2 : 1 (Segment-style: identify calls become attributes, track calls events, order-completed calls purchases)'
    : 'attribute objects, each setting first_name, country, email_subscribe, a string, an `inc`, an array `add` and a date on an existing user'
  return `File database in os.tmpdir(), ${fmt(o.users)} users (two profile fields and four custom attributes each) seeded through the repository's bulk insert; ` +
    `autocannon from this process, the built server (\`fake-braze serve\`, defaults, dashboard off) in a child process, ${o.connections} connections, ${o.durationS} s after a 3 s warm-up; ` +
    `${fmt(o.objectsPerRequest)} ${what}. Every body is built fresh (new values for every object; the users are visited in a fixed permutation), never replayed. ` +
    `Server CPU is the child's user + system time over the measured run, per object. Load average at the start: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`
}

/** One benchmark file = one run printed as a markdown section. */
export async function runTrackBench (o: TrackBenchOptions): Promise<void> {
  const r = await measureTrack(o)
  process.stdout.write([
    `## ${o.title ?? `${o.endpoint} (${fmt(o.objectsPerRequest)} objects per request, ${fmt(o.users)} users)`}`,
    '',
    describeRun(o),
    '',
    '| metric | value |',
    '|---|---|',
    `| requests/s | ${fmt(r.requestsPerSecond)} |`,
    `| **objects/s** (target ≥ ${fmt(o.target)}) | **${fmt(r.objectsPerSecond)}** |`,
    `| latency p50 | ${r.p50} ms |`,
    `| latency p99${o.p99Target === undefined ? '' : ` (target < ${o.p99Target} ms)`} | ${r.p99} ms |`,
    `| server CPU per object | ${r.cpuPerObjectUs.toFixed(1)} µs |`,
    `| server RSS at the end / peak | ${fmt(r.rssMiB)} / ${fmt(r.peakRssMiB)} MiB (at the end: ${fmt(r.anonRssMiB)} anonymous, ${fmt(r.fileRssMiB)} mapped files) |`,
    `| seeding ${fmt(o.users)} users (bench setup) | ${r.seedSeconds.toFixed(1)} s |`,
    `| 2xx / non-2xx / errors | ${r.ok} / ${r.non2xx} / ${r.errors} |`,
    ''
  ].join('\n') + '\n')
  if (r.non2xx > 0 || r.errors > 0) process.exitCode = 1
}
