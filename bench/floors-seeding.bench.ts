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
 *    request and one COMMIT per 2 requests, at 100,000 and at 1,000,000 users.
 *
 * Two bounds: 2,000,000 µs a second ÷ (1 + 2 + 3), what any design that uses both cores perfectly
 * could reach; and 1,000,000 µs ÷ (2 + 3), what any server that parses, stores and answers a
 * request on one thread could reach. The fake serves every request on Node's one event loop, and a
 * request is one SQLite transaction on its one connection.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/db/client.js'
import { runMigrations } from '../src/db/migrate.js'
import { newBrazeId, randomBucket } from '../src/domain/shared/ids.js'
import { createUserRepository, type AliasOf, type DeviceOf } from '../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'
import { cpuPer, httpFloor } from './lib/floors.js'
import { fmt, freePort, startProcess, stopProcess } from './lib/load.js'
import { seedUser } from './lib/seed-users.js'

const BATCH = 1_000
const IN_FLIGHT = 2
const TARGET = 100_000
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-floors-seeding-'))
const loads = (): string => loadavg().map((l) => fmt(l, 2)).join(' / ')

interface Seeded { external_id: string, email: string, profile: Record<string, unknown>, custom_attributes: Record<string, unknown>, email_subscribe: string, device_ids?: string[], aliases?: Array<{ alias_name: string, alias_label: string }> }

/** Storage alone: µs of CPU a user to store `requests` requests of BATCH users, after `prefill` users. */
let databases = 0
function storageUs (prefill: number, requests: number): number {
  const dbPath = join(dir, `seed-${databases++}.db`)
  const h = openDatabase(dbPath)
  try {
    runMigrations(h.db)
    const ws = createWorkspaceRepository(h).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
    const repo = createUserRepository(h)
    const s = h.sqlite
    const store = (users: readonly Seeded[]): void => {
      const now = Date.now()
      const pks = repo.insertAll(users.map((u) => ({
        workspacePk: ws.pk, brazeId: newBrazeId(now), externalId: u.external_id, email: u.email, phone: null, randomBucket: randomBucket(),
        profile: u.profile, customAttributes: u.custom_attributes, emailSubscribe: u.email_subscribe, pushSubscribe: null, totalRevenue: 0, createdAt: now, updatedAt: now
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
    const batches = (first: number, count: number): Seeded[][] => Array.from({ length: count }, (_, r) =>
      Array.from({ length: BATCH }, (_, k) => seedUser('floor', first + r * BATCH + k) as unknown as Seeded))
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
let bare
try {
  let next = 0
  const body = (): string => JSON.stringify({ users: Array.from({ length: BATCH }, () => seedUser('bare', next++)) })
  bare = await httpFloor(`${url}/_fake/workspaces/bench/users`, ceiling.pid!, IN_FLIGHT, body, BATCH)
} finally {
  await stopProcess(ceiling)
}
storageUs(0, 10) // warm-up: statement plans, JIT
const small = storageUs(0, 100)
const large = storageUs(900_000, 100)
rmSync(dir, { recursive: true, force: true })

const twoCores = (storage: number): number => 2_000_000 / (bare.generatorUs + bare.serverUs + storage)
const oneThread = (storage: number): number => 1_000_000 / (bare.serverUs + storage)
const verdict = (storage: number): string => oneThread(storage) >= TARGET ? 'reachable on one thread in principle' : '**out of reach on one thread**'
const row = (users: string, storage: number): string =>
  `| ${users} | ${fmt(bare.generatorUs, 1)} | ${fmt(bare.serverUs, 1)} | ${fmt(storage, 1)} | ${fmt(twoCores(storage))} | ${fmt(oneThread(storage))} | ${verdict(storage)} |`
process.stdout.write([
  '## Floor of control-plane seeding (issue 19, bench/floors-seeding.bench.ts)',
  '',
  `CPU a seeded user (µs; user + system), 1,000 users a request, measured in one run. Load average (1 / 5 / 15 min) ${loadAtStart} at the start, ${loads()} at the end. ` +
  `Load generator: this process (autocannon, a fresh body a request, ${IN_FLIGHT} connections) sending to bare Fastify; HTTP + JSON: that server parsing each body and answering with the users sent; ` +
  `storage alone: the fake's multi-row INSERTs of users, device ids and aliases on a file database, one COMMIT per ${IN_FLIGHT} requests. ` +
  'Two cores = 2,000,000 µs ÷ all three (both cores used perfectly); one thread = 1,000,000 µs ÷ (HTTP + JSON + storage), what a server that parses, stores and answers each request on one thread could reach with no check at all. Target ≥ 100,000 users/s.',
  '',
  '| users in the workspace | load generator | HTTP + JSON (bare Fastify) | storage alone | bound, two cores | bound, one thread | |',
  '|---|---|---|---|---|---|---|',
  row('100,000 (the timed 100,000 into an empty workspace)', small),
  row('1,000,000 (the last 100,000 after 900,000)', large),
  `| bare Fastify's own rate in this run | | ${fmt(bare.perSecond)} users/s | | | | |`,
  ''
].join('\n'))
