/**
 * /users/export/ids on a file database of 1,000,000 users: bulk-loaded through the profile
 * repository in large transactions (not HTTP), then a short loopback load of requests for 50
 * random external ids with 6 fields_to_export. Target (issue 3): p99 < 20 ms. Prints markdown.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../src/db/client.js'
import { runMigrations } from '../src/db/migrate.js'
import { testConfig } from '../src/config.js'
import { systemClock } from '../src/domain/shared/clock.js'
import { newBrazeId } from '../src/domain/shared/ids.js'
import { createServices } from '../src/plugins/services.js'
import { createTransactionRunner } from '../src/repositories/shared/transaction.js'
import { createUserRepository } from '../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'
import { startServer } from '../src/server.js'

const USERS = 1_000_000
const BATCH = 50_000
const KEY = 'bench-export-key'
const FIELDS = ['external_id', 'email', 'first_name', 'custom_attributes', 'created_at', 'user_aliases']

const dir = mkdtempSync(join(tmpdir(), 'fake-braze-export-bench-'))
const dbPath = join(dir, 'bench.db')
const config = testConfig({ FAKE_BRAZE_DB: dbPath })

const t0 = performance.now()
const handle = openDatabase(dbPath)
runMigrations(handle.db)
const services = createServices(handle, config, systemClock)
services.workspaces.create({ id: 'bench' }, 'http://127.0.0.1')
services.restApiKeys.issue('bench', { key: KEY, permissions: ['users.export.ids'] })
const workspacePk = createWorkspaceRepository(handle).findById('bench')!.pk
const users = createUserRepository(handle)
const transaction = createTransactionRunner(handle)
const now = Date.now()
for (let start = 0; start < USERS; start += BATCH) {
  const rows = Array.from({ length: BATCH }, (_, j) => {
    const i = start + j
    return {
      workspacePk, brazeId: newBrazeId(), externalId: `user-${i}`, email: `user-${i}@example.com`, phone: null,
      profile: { first_name: `First${i}`, country: 'US' },
      customAttributes: { plan: i % 3 === 0 ? 'gold' : 'free', points: i % 1000, vip: i % 7 === 0, tags: ['a', `t${i % 10}`] },
      emailSubscribe: null, pushSubscribe: null, randomBucket: i % 10000, totalRevenue: 0, createdAt: now, updatedAt: now
    }
  })
  transaction(() => users.insertMany(rows))
}
handle.close()
const loadSeconds = (performance.now() - t0) / 1000

const server = await startServer(config)
/**
 * The load generator runs in a child process so it does not share the server's event loop
 * (autocannon inside a worker thread returns raw histograms, so a process it is).
 */
function load (connections: number, duration: number): Promise<{ rps: number, p50: number, p99: number, errors: number, non2xx: number }> {
  const code = `
    const autocannon = require('autocannon')
    const { url, key, users, fields, connections, duration } = JSON.parse(process.argv[1])
    const body = () => JSON.stringify({ external_ids: Array.from({ length: 50 }, () => 'user-' + Math.floor(Math.random() * users)), fields_to_export: fields })
    autocannon({
      url: url + '/users/export/ids', connections, duration, method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }]
    }, (err, r) => process.stdout.write(JSON.stringify(err ? { error: String(err) } : { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx })))
  `
  const args = JSON.stringify({ url: server.url, key: KEY, users: USERS, fields: FIELDS, connections, duration })
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', code, args], { cwd: fileURLToPath(new URL('..', import.meta.url)) }, (err, stdout) => {
      if (err !== null) return reject(err)
      const m = JSON.parse(stdout) as { error?: string, rps: number, p50: number, p99: number, errors: number, non2xx: number }
      if (m.error !== undefined) reject(new Error(m.error))
      else resolve(m)
    })
  })
}

try {
  await load(2, 4) // warm-up: page cache and JIT
  const single = await load(1, 8)
  const loaded = await load(8, 8)
  const lines = [
    '## /users/export/ids (bench/users-export.bench.ts)',
    '',
    `File database with ${USERS.toLocaleString('en-US')} users (4 custom attributes each), bulk-loaded in ${loadSeconds.toFixed(1)} s.`,
    `Each request: 50 random external ids, fields_to_export = ${FIELDS.join(', ')}. Loopback HTTP, autocannon in a separate process.`,
    '',
    '| connections | requests/s | p50 latency | p99 latency | errors / non-2xx |',
    '|---|---|---|---|---|',
    ...([[1, single], [8, loaded]] as const).map(([c, r]) => `| ${c} | ${Math.round(r.rps)} | ${r.p50} ms | ${r.p99} ms | ${r.errors} / ${r.non2xx} |`),
    '',
    `Target p99 < 20 ms: ${single.p99 < 20 ? 'met' : 'NOT met'} (1 connection).`,
    ''
  ]
  process.stdout.write(lines.join('\n') + '\n')
  if (single.errors + single.non2xx + loaded.errors + loaded.non2xx > 0) process.exitCode = 1
} finally {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
}
