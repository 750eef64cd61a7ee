/**
 * Issue 10's figures, on a file database under os.tmpdir() holding 1,000,000 users:
 * - POST /v2/subscription/status/set with 50 external ids, over HTTP on 127.0.0.1 (p50 / p99 of
 *   sequential requests, each flipping 50 users' state so every request writes);
 * - "Hightouch Cohorts includes A AND subscribed to group G" with 300,000 members in each;
 * - the batch loader issue 11 sends through: reachabilityProfiles for 300,000 users.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { openBenchWorkspace } from './lib/bench-workspace.js'
import { systemClock } from '../src/domain/shared/clock.js'
import { resolveFilter } from '../src/domain/segments/segment-filter.js'
import { createSubscriptionService } from '../src/domain/subscriptions/subscription-service.js'
import { createCohortRepository } from '../src/repositories/partners/cohort-repository.js'
import { compileUserSet, createSegmentQueryRepository } from '../src/repositories/segments/segment-query.js'
import { createTransactionRunner } from '../src/repositories/shared/transaction.js'
import { createSubscriptionRepository } from '../src/repositories/subscriptions/subscription-repository.js'
import { createUserProfileRepository } from '../src/repositories/users/user-profile-repository.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'
import { median } from './lib/stats.js'

const USERS = Number(process.argv[2] ?? 1_000_000)
const MEMBERS = Math.round(USERS * 0.3)
const GROUP = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'
const SECONDS = Number(process.argv[3] ?? 8)
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-subscriptions-bench-'))
const dbPath = join(dir, 'bench.db')
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`

/** Deterministic spreads: the cohort and the group overlap on about 30 % of each. */
function spread (stride: number, offset: number, size: number): number[] {
  const out = new Set<number>()
  for (let i = 0; out.size < size; i++) out.add(((i * stride + offset) % USERS) + 1)
  return [...out].sort((a, b) => a - b)
}

function load (): string {
  const t0 = performance.now()
  const bench = openBenchWorkspace(dbPath)
  const { handle, tx, ws, now } = bench
  const subs = createSubscriptionRepository(handle)
  bench.insertUsers(USERS, (i) => ({ emailSubscribe: i % 7 === 0 ? 'unsubscribed' : null }))
  bench.insertCohort('a', spread(7919, 0, MEMBERS))
  tx(() => {
    const g = subs.insertGroup({ workspacePk: ws.pk, id: GROUP, name: 'Newsletter', channel: 'email', createdAt: now, archivedAt: null })
    for (const pk of spread(104729, 3, MEMBERS)) subs.setGroupState(g.pk, pk, 'subscribed', now)
  })
  handle.close()
  return ms(t0)
}

function v2Load (url: string, key: string, connections: number, duration: number): Promise<{ rps: number, p50: number, p99: number, errors: number, non2xx: number }> {
  const code = `
    const autocannon = require('autocannon')
    const { url, key, users, group, connections, duration } = JSON.parse(process.argv[1])
    const body = () => JSON.stringify({ subscription_groups: [{ subscription_group_id: group, subscription_state: Math.random() < 0.5 ? 'subscribed' : 'unsubscribed',
      external_ids: Array.from({ length: 50 }, () => 'user-' + Math.floor(Math.random() * users)) }] })
    autocannon({
      url: url + '/v2/subscription/status/set', connections, duration, method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key },
      requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }]
    }, (err, r) => process.stdout.write(JSON.stringify(err ? { error: String(err) } : { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx })))
  `
  const args = JSON.stringify({ url, key, users: USERS, group: GROUP, connections, duration })
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', code, args], { cwd: fileURLToPath(new URL('..', import.meta.url)) }, (err, stdout) => {
      if (err !== null) return reject(err)
      const m = JSON.parse(stdout) as { error?: string, rps: number, p50: number, p99: number, errors: number, non2xx: number }
      if (m.error !== undefined) reject(new Error(m.error))
      else resolve(m)
    })
  })
}

async function main (): Promise<void> {
  const loadMs = load()
  const lines: string[] = []
  const app = await buildApp(testConfig({ FAKE_BRAZE_DB: dbPath, FAKE_BRAZE_LOG_LEVEL: 'silent' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  try {
    const key = (await (await fetch(`${base}/_fake/workspaces/bench/rest-api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { key: string }).key
    // v2 status set: 50 random external ids, a random state (so most users change and every
    // request writes), 1 connection, autocannon in a child process (it must not share the
    // server's event loop).
    await v2Load(base, key, 2, 3) // warm-up: page cache and JIT
    const v2 = await v2Load(base, key, 1, SECONDS)

    const handle = openDatabase(dbPath)
    const query = createSegmentQueryRepository(handle)
    const cohortPk = createCohortRepository(handle).list(1).find((c) => c.cohortId === 'a')!.pk
    const subs = createSubscriptionRepository(handle)
    const groupPk = subs.findGroup(1, GROUP)!.pk
    const tree = { and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'a' }, { filter: 'subscription_group', operator: 'includes_value', value: GROUP }] }
    const expr = resolveFilter(tree, () => ({ pk: cohortPk, name: 'a' }), () => ({ pk: groupPk, name: 'Newsletter', channel: 'email' }))
    const runs: number[] = []
    let count = 0
    for (let i = 0; i < 5; i++) { const t = performance.now(); count = query.count(1, expr); runs.push(performance.now() - t) }
    const plan = handle.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN SELECT count(*) FROM (${compileUserSet(1, expr)})`).map((r) => r.detail)
    const reachTree = { and: [tree.and[0], { filter: 'reachable', operator: 'is_reachable', channel: 'email', subscription_group_id: GROUP }] }
    const reachExpr = resolveFilter(reachTree, () => ({ pk: cohortPk, name: 'a' }), () => ({ pk: groupPk, name: 'Newsletter', channel: 'email' }))
    const reachRuns: number[] = []
    let reachCount = 0
    for (let i = 0; i < 3; i++) { const t = performance.now(); reachCount = query.count(1, reachExpr); reachRuns.push(performance.now() - t) }

    // The batch loader: 300,000 users' reachability profiles.
    const service = createSubscriptionService({
      subs, workspaces: createWorkspaceRepository(handle), profiles: createUserProfileRepository(handle), transaction: createTransactionRunner(handle), clock: systemClock
    })
    const pks = spread(7919, 0, MEMBERS)
    const loaderRuns: number[] = []
    let loaded = 0
    for (let i = 0; i < 3; i++) { const t = performance.now(); loaded = service.reachabilityProfiles(1, pks).size; loaderRuns.push(performance.now() - t) }
    handle.close()

    const t3 = performance.now()
    const created = await (await fetch(`${base}/_fake/workspaces/bench/segments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'ag', name: 'A and G', filter: tree }) })).json() as { size: number }
    const createMs = ms(t3)

    lines.push(
      '## Subscriptions (issue 10)', '',
      `${USERS.toLocaleString('en')} users; cohort A and group G of ${MEMBERS.toLocaleString('en')} members each; file database (WAL) in os.tmpdir(). Load through the repositories: ${loadMs}. Shared, loaded machine (2 cores, five engineers).`, '',
      '| Measure | Figure | Target |', '|---|---|---|',
      `| POST /v2/subscription/status/set, 50 random external ids, 1 connection for ${SECONDS} s (${Math.round(v2.rps)} req/s, ${v2.errors + v2.non2xx} errors) | p50 ${v2.p50} ms, p99 ${v2.p99} ms | p99 < 20 ms |`,
      `| Resolve and count "Hightouch Cohorts includes A AND subscribed to G" (in-process, median of 5; min ${Math.min(...runs).toFixed(0)}, max ${Math.max(...runs).toFixed(0)} ms) | ${median(runs).toFixed(0)} ms → ${count.toLocaleString('en')} users | < 500 ms |`,
      `| Same segment created over HTTP (validation + count + size record) | ${createMs} → size ${created.size.toLocaleString('en')} | |`,
      `| "A AND reachable by email in G" (the reachability rules as SQL, median of 3) | ${median(reachRuns).toFixed(0)} ms → ${reachCount.toLocaleString('en')} users | |`,
      `| reachabilityProfiles for ${MEMBERS.toLocaleString('en')} users (median of 3) | ${median(loaderRuns).toFixed(0)} ms → ${loaded.toLocaleString('en')} profiles | well under 1 s |`,
      '',
      'Query plan of the cohort AND group segment:', '', '```', ...plan, '```', ''
    )
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
  process.stdout.write(lines.join('\n') + '\n')
}

await main()
