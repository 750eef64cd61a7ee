/**
 * Issue 11's figures: a trigger send to 50 recipients with a rendered email (p99), a broadcast to
 * a 300,000-member cohort segment in a 1,000,000-user workspace (audience resolved, eligibility
 * applied, 300,000 outbox records written), and the outbox read for one user. Users and cohort
 * are loaded through the repositories; sends go through HTTP (inject) like a client's.
 * `npx tsx bench/messaging.bench.ts 200000` runs a smaller workspace.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { runMigrations } from '../src/db/migrate.js'
import { newBrazeId } from '../src/domain/shared/ids.js'
import { createCohortRepository } from '../src/repositories/partners/cohort-repository.js'
import { createTransactionRunner } from '../src/repositories/shared/transaction.js'
import { createUserRepository } from '../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../src/repositories/workspaces/workspace-repository.js'
import { median } from './lib/stats.js'

const USERS = Number(process.argv[2] ?? 1_000_000)
const COHORT = Math.round(USERS * 0.3)
/** trigger calls timed (after 20 warm-up calls) */
const CALLS = Number(process.argv[3] ?? 200)
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-messaging-bench-'))
const dbPath = join(dir, 'bench.db')

function load (): void {
  const handle = openDatabase(dbPath)
  runMigrations(handle.db)
  const tx = createTransactionRunner(handle)
  const ws = createWorkspaceRepository(handle).insert({ id: 'bench', name: 'bench', cluster: 'iad-01', createdAt: Date.now() })
  const users = createUserRepository(handle)
  const cohorts = createCohortRepository(handle)
  const now = Date.now()
  for (let start = 0; start < USERS; start += 100_000) {
    const rows: Parameters<typeof users.insertMany>[0][number][] = []
    for (let i = start; i < Math.min(USERS, start + 100_000); i++) {
      rows.push({
        workspacePk: ws.pk, brazeId: newBrazeId(), externalId: `user-${i}`, email: i % 10 === 9 ? null : `user-${i}@example.com`, phone: null, profile: { first_name: `First${i}` },
        customAttributes: { plan: i % 3 === 0 ? 'gold' : 'silver' }, emailSubscribe: i % 20 === 0 ? 'unsubscribed' : null, pushSubscribe: null,
        randomBucket: i % 10000, totalRevenue: 0, createdAt: now, updatedAt: now
      })
    }
    tx(() => users.insertMany(rows))
  }
  tx(() => {
    const cohort = cohorts.ensure(ws.pk, 'hightouch', 'lapsed', now)
    const pks: number[] = []
    for (let i = 0; i < COHORT; i++) pks.push(((i * 7919) % USERS) + 1)
    pks.sort((a, b) => a - b)
    for (let i = 0; i < pks.length; i += 50_000) cohorts.addMembers(cohort.pk, pks.slice(i, i + 50_000), now)
    cohorts.adjustMemberCount(cohort.pk, cohorts.countMembers(cohort.pk), now)
  })
  handle.close()
}

const t0 = performance.now()
load()
const loadMs = performance.now() - t0
const app = await buildApp(testConfig({ FAKE_BRAZE_DB: dbPath }), { docs: false })
await app.ready()
const inject = async (method: 'GET' | 'POST', url: string, payload?: unknown, key?: string) =>
  await app.inject({ method, url, ...(payload !== undefined && { payload: payload as object }), ...(key !== undefined && { headers: { authorization: `Bearer ${key}` } }) })
const key = (await inject('POST', '/_fake/workspaces/bench/rest-api-keys', {})).json().key as string
await inject('POST', '/_fake/workspaces/bench/segments', { id: 'lapsed', name: 'Lapsed', filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'lapsed' } })
const email = { channel: 'email', from: 'Shop <shop@example.com>', subject: 'We miss you, {{${first_name} | default: "friend"}}', body: '<p>{{custom_attribute.${plan}}}: {{api_trigger_properties.${discount}}} off</p>' }
await inject('POST', '/_fake/workspaces/bench/campaigns', { id: 'winback', name: 'Win-back', kind: 'api_triggered', segment_id: 'lapsed', messages: [{ id: 'e', ...email }] })
await inject('POST', '/_fake/workspaces/bench/campaigns', { id: 'trig', name: 'Trigger', kind: 'api_triggered', re_eligibility_s: 0, messages: [{ id: 't', ...email }] })

// 1. trigger with 50 recipients, rendered email
const times: number[] = []
for (let r = 0; r < CALLS + 20; r++) {
  const recipients = Array.from({ length: 50 }, (_, i) => ({ external_user_id: `user-${(r * 50 + i) % USERS}` }))
  const s = performance.now()
  const res = await inject('POST', '/campaigns/trigger/send', { campaign_id: 'trig', trigger_properties: { discount: '20%' }, recipients }, key)
  if (res.statusCode !== 201) throw new Error(res.body)
  if (r >= 20) times.push(performance.now() - s)
}
times.sort((a, b) => a - b)
const p99 = times[Math.max(0, Math.ceil(times.length * 0.99) - 1)] ?? NaN

// 2. broadcast to the cohort segment
const b0 = performance.now()
const bc0 = process.cpuUsage()
const bres = await inject('POST', '/campaigns/trigger/send', { campaign_id: 'winback', broadcast: true, trigger_properties: { discount: '20%' } }, key)
const broadcastMs = performance.now() - b0
// CPU time of this process (server and load generator share it; the bench is idle during one inject)
const bc = process.cpuUsage(bc0)
const broadcastCpu = (bc.user + bc.system) / 1000
const journal = (await inject('GET', '/_fake/requests?path=/campaigns/trigger/send&limit=1000')).json().requests as Array<{ effects: { delivered: number, skipped: number, dispatch_id: string } }>
const effects = journal.find((e) => e.effects.dispatch_id === bres.json().dispatch_id)?.effects

// 3. the outbox of one user
const q: number[] = []
for (let i = 0; i < 50; i++) {
  const s = performance.now()
  const res = await inject('GET', `/_fake/workspaces/bench/messages?external_id=user-${(i * 7919) % USERS}`)
  if (res.statusCode !== 200) throw new Error(res.body)
  q.push(performance.now() - s)
}

await app.close()
rmSync(dir, { recursive: true, force: true })
const f = (n: number): string => `${n.toFixed(1)} ms`
console.log([
  `## messaging (${USERS.toLocaleString('en')} users, cohort segment of ${COHORT.toLocaleString('en')})`,
  '',
  '| measure | figure | goal |',
  '|---|---|---|',
  `| load (users + cohort, repositories) | ${(loadMs / 1000).toFixed(1)} s | — |`,
  `| POST /campaigns/trigger/send, 50 recipients, rendered email: median / p99 (${CALLS} calls) | ${f(median(times))} / ${f(p99)} | p99 < 25 ms |`,
  `| broadcast to the segment: resolve, eligibility, render, ${(effects?.delivered ?? 0) + (effects?.skipped ?? 0)} outbox records (${effects?.delivered ?? '?'} delivered) | ${f(broadcastMs)} (CPU ${f(broadcastCpu)}) | < 3 s |`,
  `| GET /_fake/workspaces/{id}/messages?external_id= (median / max of 50) | ${f(median(q))} / ${f(Math.max(...q))} | < 5 ms |`
].join('\n'))
