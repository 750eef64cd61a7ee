/**
 * Issue 19's floor for control-plane seeding (≥ 100,000 users/s), measured as bench/floors.bench.ts
 * measures the others, all in one run, CPU per seeded user:
 *
 * 1. The load generator: this process (autocannon and a fresh 1,000-user body a request) sending
 *    to a bare Fastify app, 2 connections (the seeding benchmark's requests in flight).
 * 2. HTTP and JSON: that bare Fastify app's CPU to parse each body and answer 201 with the users it
 *    was sent (the fake's answer lists every seeded user, with braze_id and created_at besides).
 * 3. Storage alone, in this process, no HTTP and none of the fake's checks: the fake's own multi-row
 *    INSERTs (users, device ids, aliases, 200 rows a statement) on a file database, a savepoint a
 *    request and one COMMIT per 2 requests, at 100,000 and at 1,000,000 users; and the same with
 *    the fake's own seeding service in its place (identifier checks, ids, rows, INSERTs, answer).
 * 4. Hand-over: storing on a second thread means posting the parsed users to it, which is V8's
 *    structured clone: v8.serialize on the sending thread, v8.deserialize on the other.
 * 5. Validation: the route's own body schema (SeedUsersRequestSchema, zod) over the parsed body,
 *    the one check no design can drop (every bad input is a Braze-shaped 400).
 *
 * Three bounds, for storage alone with no check, with the validation added, and for the fake's
 * service with the validation:
 * - one thread: 1,000,000 µs a second ÷ (2 + 5 + 3), what a server that parses, checks, stores and
 *   answers a request on one thread could reach. The fake serves every request on Node's one event
 *   loop, and a request is one SQLite transaction on its one connection.
 * - two threads, pipelined: one connection's writes are serial, so storage and the deserialize
 *   have one core (1,000,000 ÷ (3 + deserialize)) while HTTP, JSON, validation, the serialize and
 *   the load generator share the other (1,000,000 ÷ (1 + 2 + 5 + serialize)); the smaller bounds.
 * - two cores shared perfectly: 2,000,000 µs ÷ (1 + 2 + 3 + 4 + 5), which no design beats.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { openDatabase } from '../src/db/client.js'
import { runMigrations } from '../src/db/migrate.js'
import { newBrazeId, randomBucket } from '../src/domain/shared/ids.js'
import { createUserRepository, type AliasOf, type DeviceOf } from '../src/repositories/users/user-repository.js'
import type { SeedUser } from '../src/domain/users/user-service.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'
import { createServices } from '../src/plugins/services.js'
import { testConfig } from '../src/config.js'
import { createControllableClock } from '../src/domain/shared/clock.js'
import { SeedUsersRequestSchema } from '../src/schemas/users/control/users.js'
import { cpuPer, httpFloor, type HttpFloor } from './lib/floors.js'
import { fmt, freePort, startProcess, stopProcess } from './lib/load.js'
import { seedUser } from './lib/seed-users.js'

const BATCH = 1_000
const IN_FLIGHT = 2
const TARGET = 100_000
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-floors-seeding-'))
const loads = (): string => loadavg().map((l) => fmt(l, 2)).join(' / ')

/**
 * µs of CPU a user to store `requests` requests of BATCH users, after `prefill` users: storage alone,
 * or the fake's own seeding service (its identifier checks, ids, rows, the same INSERTs and the
 * answer's objects; the route adds only the validation and the answer's JSON).
 */
let databases = 0
function storageUs (prefill: number, requests: number, by: 'storage' | 'service' = 'storage'): number {
  const dbPath = join(dir, `seed-${databases++}.db`)
  const h = openDatabase(dbPath, { commitMode: 'per-request' }) // this loop groups the COMMITs itself
  try {
    runMigrations(h.db)
    const ws = createWorkspaceRepository(h).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
    const repo = createUserRepository(h)
    const s = h.sqlite
    const service = createServices(h, testConfig(), createControllableClock()).users
    const store = by === 'service' ? (users: readonly SeedUser[]) => { service.seed('bench', users) } : (users: readonly SeedUser[]): void => {
      const now = Date.now()
      const pks = repo.insertAll(users.map((u) => ({
        workspacePk: ws.pk, brazeId: newBrazeId(now), externalId: u.external_id ?? null, email: u.email ?? null, phone: null, randomBucket: randomBucket(),
        profile: u.profile ?? {}, customAttributes: u.custom_attributes ?? {}, emailSubscribe: u.email_subscribe ?? null, pushSubscribe: null, totalRevenue: 0, createdAt: now, updatedAt: now
      })))
      const devices: DeviceOf[] = []
      const aliases: AliasOf[] = []
      users.forEach((u, i) => {
        for (const deviceId of u.device_ids ?? []) devices.push({ userPk: pks[i]!, deviceId })
        for (const alias of u.aliases ?? []) aliases.push({ userPk: pks[i]!, alias })
      })
      repo.addDevicesOf(ws.pk, devices)
      repo.addAliasesOf(ws.pk, aliases)
    }
    const batches = (first: number, count: number): SeedUser[][] => Array.from({ length: count }, (_, r) =>
      Array.from({ length: BATCH }, (_, k) => seedUser('floor', first + r * BATCH + k)))
    for (let start = 0; start < prefill; start += 100 * BATCH) {
      s.exec('BEGIN')
      for (const b of batches(start, Math.min(100, (prefill - start) / BATCH))) store(b)
      s.exec('COMMIT')
    }
    const timed = batches(prefill, requests)
    return cpuPer(requests * BATCH, () => {
      timed.forEach((users, r) => {
        if (r % IN_FLIGHT === 0) s.exec('BEGIN')
        s.exec('SAVEPOINT r')
        store(users)
        s.exec('RELEASE r')
        if (r % IN_FLIGHT === IN_FLIGHT - 1 || r === requests - 1) s.exec('COMMIT')
      })
    })
  } finally {
    h.close()
  }
}

const loadAtStart = loads()
const port = await freePort()
const url = `http://127.0.0.1:${port}`
const ceiling = await startProcess('bench/lib/ceiling-server.ts', [String(port)], url)
let bare: HttpFloor
try {
  let next = 0
  const body = (): string => JSON.stringify({ users: Array.from({ length: BATCH }, () => seedUser('bare', next++)) })
  bare = await httpFloor(`${url}/_fake/workspaces/bench/users`, ceiling.pid!, IN_FLIGHT, body, BATCH)
} finally {
  await stopProcess(ceiling)
}
storageUs(0, 100) // warm-up: statement plans, JIT (10 requests left the first measure ~30 % high)
const small = storageUs(0, 100)
const large = storageUs(900_000, 100)
storageUs(0, 100, 'service') // warm-up
const smallService = storageUs(0, 100, 'service')
const largeService = storageUs(900_000, 100, 'service')
rmSync(dir, { recursive: true, force: true })

/** The hand-over of parsed users to a second thread: µs a user to serialize and to deserialize them. */
function handOverUs (): { serialize: number, deserialize: number } {
  const batches = Array.from({ length: 100 }, (_, r) => Array.from({ length: BATCH }, (_, k) => seedUser('clone', r * BATCH + k)))
  for (const b of batches.slice(0, 20)) deserialize(serialize(b)) // warm-up
  const buffers: Buffer[] = []
  const ser = cpuPer(batches.length * BATCH, () => { for (const b of batches) buffers.push(serialize(b)) })
  const de = cpuPer(batches.length * BATCH, () => { for (const b of buffers) deserialize(b) })
  return { serialize: ser, deserialize: de }
}
const hand = handOverUs()

/** The route's body schema over parsed 1,000-user bodies: µs a user. */
function validationUs (): number {
  const bodies = Array.from({ length: 100 }, (_, r) => JSON.parse(JSON.stringify({ users: Array.from({ length: BATCH }, (_, k) => seedUser('valid', r * BATCH + k)) })) as unknown)
  for (const b of bodies.slice(0, 20)) SeedUsersRequestSchema.parse(b) // warm-up
  return cpuPer(bodies.length * BATCH, () => { for (const b of bodies) SeedUsersRequestSchema.parse(b) })
}
const validation = validationUs()

interface Bounds { oneThread: number, pipelined: number, twoCores: number }
/** The three bounds for a storage cost, plus `checks` µs a user on the HTTP side. */
function bounds (storage: number, checks: number): Bounds {
  const http = bare.serverUs + checks
  return {
    oneThread: 1_000_000 / (http + storage),
    pipelined: Math.min(1_000_000 / (storage + hand.deserialize), 1_000_000 / (bare.generatorUs + http + hand.serialize)),
    twoCores: 2_000_000 / (bare.generatorUs + http + storage + hand.serialize + hand.deserialize)
  }
}
const verdict = (b: Bounds): string => b.oneThread >= TARGET
  ? 'reachable on one thread in principle'
  : Math.max(b.pipelined, b.twoCores) >= TARGET ? 'out of reach on one thread; two threads could pass' : '**out of reach on 2 cores**'
const row = (users: string, what: string, storage: number, checks: number): string => {
  const b = bounds(storage, checks)
  return `| ${users} | ${what} | ${fmt(bare.generatorUs, 1)} | ${fmt(bare.serverUs, 1)} | ${fmt(storage, 1)} | ${fmt(hand.serialize, 1)} / ${fmt(hand.deserialize, 1)} | ${checks === 0 ? '—' : fmt(checks, 1)} | ${fmt(b.oneThread)} | ${fmt(b.pipelined)} | ${fmt(b.twoCores)} | ${verdict(b)} |`
}
const rows = (users: string, storage: number, service: number): string[] => [
  row(users, 'storage alone, no check', storage, 0),
  row(users, 'storage alone + the body schema', storage, validation),
  row(users, "the fake's seeding service + the body schema", service, validation)
]
process.stdout.write([
  '## Floor of control-plane seeding (issue 19, bench/floors-seeding.bench.ts)',
  '',
  `CPU a seeded user (µs; user + system), 1,000 users a request, measured in one run. Load average (1 / 5 / 15 min) ${loadAtStart} at the start, ${loads()} at the end. ` +
  `Load generator: this process (autocannon, a fresh body a request, ${IN_FLIGHT} connections) sending to bare Fastify; HTTP + JSON: that server parsing each body and answering with the users sent; ` +
  `storage alone: the fake's multi-row INSERTs of users, device ids and aliases on a file database, one COMMIT per ${IN_FLIGHT} requests. ` +
  'Hand-over: v8.serialize / v8.deserialize of the parsed users (what posting them to a second thread costs). Validation: the route\'s zod body schema over the parsed body. ' +
  'Bounds: one thread = 1,000,000 µs ÷ (HTTP + JSON + validation + storage), a server that parses, checks, stores and answers each request on one thread (the fake); ' +
  'two threads pipelined = the smaller of 1,000,000 ÷ (storage + deserialize) (one connection\'s writes are serial) and 1,000,000 ÷ (load generator + HTTP + JSON + validation + serialize) on the other core; ' +
  'two cores = 2,000,000 µs ÷ all of them, both cores shared perfectly. Target ≥ 100,000 users/s.',
  '',
  '| users in the workspace | work | load generator | HTTP + JSON (bare Fastify) | storage | hand-over (serialize / deserialize) | validation | bound, one thread | bound, two threads pipelined | bound, two cores shared perfectly | |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...rows('100,000 (the timed 100,000 into an empty workspace)', small, smallService),
  ...rows('1,000,000 (the last 100,000 after 900,000)', large, largeService),
  `| bare Fastify's own rate in this run | | | ${fmt(bare.perSecond)} users/s | | | | | | | |`,
  ''
].join('\n'))
