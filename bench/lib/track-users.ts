/**
 * The /users/track benchmarks: the users they update, workspace "bench" (created by the server under
 * test), `users` users with a few attributes each as existing users have, written in transactions of
 * 100,000 rows on a second connection.
 */
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { loadConfig } from '../../src/config.js'
import { startServer } from '../../src/server.js'
import { openDatabase } from '../../src/db/client.js'
import { newBrazeId, randomBucket } from '../../src/domain/shared/ids.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

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

export interface TrackBenchOptions {
  /** the benchmark file's import.meta.url: it is re-run as the server's child process */
  entry: string
  /** `/users/track` or `/users/track/bulk` */
  endpoint: string
  permission: string
  users: number
  objectsPerRequest: number
  /** distinct prebuilt bodies */
  bodies: number
  connections: number
  durationS: number
  /** objects/s goal, printed beside the figure */
  target: number
}

/**
 * One /users/track-style benchmark: the server in a child process (so the load generator never
 * shares its event loop), `users` existing users seeded on a second connection, prebuilt bodies of
 * attribute objects that update existing users, autocannon, and a markdown section on stdout.
 * Run from a benchmark file as `await runTrackBench({ entry: import.meta.url, … })`.
 */
export async function runTrackBench (o: TrackBenchOptions): Promise<void> {
  if (process.argv[2] === '--serve') {
    const server = await startServer(loadConfig({ FAKE_BRAZE_DB: process.argv[3]!, FAKE_BRAZE_PORT: '0', FAKE_BRAZE_LOG_LEVEL: 'silent' }))
    process.stdout.write(`${server.url}\n`)
    process.stdin.resume()
    process.stdin.once('end', () => { void server.close() })
    return
  }
  const dbPath = join(tmpdir(), `fake-braze-bench-${o.endpoint.replace(/\W+/g, '-')}-${process.pid}.db`)
  const cleanup = (): void => { for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true }) }
  cleanup()
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(o.entry), '--serve', dbPath], { stdio: ['pipe', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve))
  try {
    const json = async (path: string, body: unknown) => (await fetch(`${url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    })).json() as Promise<Record<string, any>>
    await json('/_fake/workspaces', { id: 'bench' })
    const { key } = await json('/_fake/workspaces/bench/rest-api-keys', { permissions: [o.permission] })

    const seedStart = performance.now()
    seedTrackUsers(dbPath, o.users)
    const seedSeconds = (performance.now() - seedStart) / 1000

    let n = 0
    const body = (): string => {
      const attributes = []
      for (let i = 0; i < o.objectsPerRequest; i++) {
        const id = (n++ * 7919) % o.users
        attributes.push({
          external_id: `user-${id}`,
          first_name: `First${id % 1000}`,
          country: i % 3 === 0 ? 'United States' : 'DE',
          email_subscribe: 'subscribed',
          plan: i % 2 === 0 ? 'pro' : 'free',
          visits: { inc: 1 },
          tags: { add: [`t${i % 5}`] },
          last_seen: '2026-11-28T12:00:00Z'
        })
      }
      return JSON.stringify({ attributes })
    }
    // Bodies are built before the run so the load generator spends its CPU on sending them.
    const bodies = Array.from({ length: o.bodies }, body)
    let next = 0
    const run = async (duration: number) => autocannon({
      url: `${url}${o.endpoint}`,
      method: 'POST',
      connections: o.connections,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }) }]
    })
    await run(3) // warm-up: JIT and page cache
    const r = await run(o.durationS)
    const ok = r['2xx']
    const objectsPerSecond = Math.round((ok * o.objectsPerRequest) / (r.duration))
    const fmt = (x: number): string => x.toLocaleString('en-US')
    process.stdout.write([
      `## ${o.endpoint} (${fmt(o.objectsPerRequest)} attribute objects per request, ${fmt(o.users)} users)`,
      '',
      `File database in os.tmpdir(), ${fmt(o.users)} users (each with two profile fields and four custom attributes) seeded in ${seedSeconds.toFixed(1)} s through the repository's bulk insert; ` +
        `autocannon (${fmt(o.bodies)} distinct prebuilt bodies, ${fmt(o.bodies * o.objectsPerRequest)} objects), ${o.connections} connections, ${o.durationS} s after a 3 s warm-up; each object sets first_name, country, email_subscribe, ` +
        'a string, an `inc`, an array `add` and a date on an existing user.',
      '',
      '| metric | value |',
      '|---|---|',
      `| requests/s | ${Math.round(r.requests.average)} |`,
      `| **objects/s** (target ≥ ${fmt(o.target)}) | **${fmt(objectsPerSecond)}** |`,
      `| latency p50 | ${r.latency.p50} ms |`,
      `| latency p99 | ${r.latency.p99} ms |`,
      `| 2xx / non-2xx / errors | ${ok} / ${r.non2xx} / ${r.errors} |`,
      ''
    ].join('\n') + '\n')
    if (r.non2xx > 0 || r.errors > 0) process.exitCode = 1
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.stdin.end()
    await exited
    cleanup()
  }
}
