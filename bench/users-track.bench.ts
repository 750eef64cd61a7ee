/**
 * /users/track throughput on a file database holding 1,000,000 users: 75 attribute objects per
 * request (standard and custom attributes of existing users), over loopback HTTP with
 * autocannon. The server runs in a child process so the load generator does not share its
 * event loop. Prints a markdown section; the database lives in os.tmpdir() and is removed.
 */
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { loadConfig } from '../src/config.js'
import { startServer } from '../src/server.js'
import { seedTrackUsers } from './lib/track-users.js'

const USERS = 1_000_000
const OBJECTS = 75
const DURATION_S = 20
const CONNECTIONS = 8

if (process.argv[2] === '--serve') await serve(process.argv[3]!)
else await main()

/** Child process: serve the database, print the URL, close when stdin ends. */
async function serve (dbPath: string): Promise<void> {
  const server = await startServer(loadConfig({ FAKE_BRAZE_DB: dbPath, FAKE_BRAZE_PORT: '0', FAKE_BRAZE_LOG_LEVEL: 'silent' }))
  process.stdout.write(`${server.url}\n`)
  process.stdin.resume()
  process.stdin.once('end', () => { void server.close() })
}

async function main (): Promise<void> {
  const dbPath = join(tmpdir(), `fake-braze-bench-track-${process.pid}.db`)
  const cleanup = () => { for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true }) }
  cleanup()
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dbPath], { stdio: ['pipe', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve))
  try {
    const json = async (path: string, body: unknown) => (await fetch(`${url}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body)
    })).json() as Promise<Record<string, any>>
    await json('/_fake/workspaces', { id: 'bench' })
    const { key } = await json('/_fake/workspaces/bench/rest-api-keys', { permissions: ['users.track'] })

    const seedStart = performance.now()
    seedTrackUsers(dbPath, USERS)
    const seedSeconds = (performance.now() - seedStart) / 1000

    let n = 0
    const body = (): string => {
      const attributes = []
      for (let i = 0; i < OBJECTS; i++) {
        const id = (n++ * 7919) % USERS
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
    const bodies = Array.from({ length: 2000 }, body)
    let next = 0
    const run = async (duration: number) => autocannon({
      url: `${url}/users/track`,
      method: 'POST',
      connections: CONNECTIONS,
      duration,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length]! }) }]
    })
    await run(3) // warm-up: JIT and page cache
    const r = await run(DURATION_S)
    const ok = r['2xx']
    const objectsPerSecond = Math.round((ok * OBJECTS) / (r.duration))
    process.stdout.write([
      '## /users/track (75 attribute objects per request, 1,000,000 users)',
      '',
      `File database in os.tmpdir(), ${USERS.toLocaleString('en-US')} users (each with two profile fields and four custom attributes) seeded in ${seedSeconds.toFixed(1)} s through the repository's bulk insert; ` +
        `autocannon (2,000 distinct prebuilt bodies, 150,000 users), ${CONNECTIONS} connections, ${DURATION_S} s after a 3 s warm-up; each object sets first_name, country, email_subscribe, ` +
        'a string, an `inc`, an array `add` and a date on an existing user.',
      '',
      '| metric | value |',
      '|---|---|',
      `| requests/s | ${Math.round(r.requests.average)} |`,
      `| **objects/s** (target ≥ 20,000) | **${objectsPerSecond.toLocaleString('en-US')}** |`,
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
