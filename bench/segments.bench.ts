/**
 * Issue 4's figures: resolving a cohort segment over a workspace of 1,000,000 users with three
 * cohorts of 300,000 members each, and exporting a 100,000-user segment to the zip, on a file
 * database under os.tmpdir(). Data is loaded through the repositories in big transactions; the
 * figures are taken through the services and over HTTP on 127.0.0.1.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { openDatabase } from '../src/db/client.js'
import { openBenchWorkspace } from './lib/bench-workspace.js'
import { resolveFilter } from '../src/domain/segments/segment-filter.js'
import { createCohortRepository } from '../src/repositories/partners/cohort-repository.js'
import { compileUserSet, createSegmentQueryRepository } from '../src/repositories/segments/segment-query.js'

const USERS = Number(process.argv[2] ?? 1_000_000)
const COHORT = Math.round(USERS * 0.3)
const EXPORTED = Math.round(USERS * 0.1)
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-segments-bench-'))
const dbPath = join(dir, 'bench.db')
const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`
const lines: string[] = []

/** Deterministic spread: cohort c holds users whose (pk · k_c) mod USERS falls in its window. */
function members (c: number, size: number): number[] {
  const out: number[] = []
  const stride = [7919, 104729, 1299709, 15485863][c]!
  for (let i = 0; i < size; i++) out.push(((i * stride + c * 7) % USERS) + 1)
  return out
}

function load (): { loadMs: string } {
  const t0 = performance.now()
  const bench = openBenchWorkspace(dbPath)
  bench.insertUsers(USERS, (i) => ({
    profile: { first_name: `First${i}` }, customAttributes: { plan: i % 3 === 0 ? 'gold' : 'silver', score: i % 100 }, emailSubscribe: i % 2 === 0 ? 'opted_in' : null
  }))
  ;['a', 'b', 'c', 'd'].forEach((id, c) => bench.insertCohort(id, members(c, id === 'd' ? EXPORTED : COHORT)))
  bench.handle.close()
  return { loadMs: ms(t0) }
}

async function main (): Promise<void> {
  const { loadMs } = load()
  const app = await buildApp(testConfig({ FAKE_BRAZE_DB: dbPath, FAKE_BRAZE_LOG_LEVEL: 'silent' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const call = async (method: string, path: string, body?: unknown, key?: string): Promise<any> => {
    const res = await fetch(base + path, {
      method, ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(key !== undefined && { authorization: `Bearer ${key}` }) } })
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return res.json()
  }
  try {
    const inc = (id: string) => ({ filter: 'hightouch_cohorts', operator: 'includes_value', value: id })
    const tree = { or: [{ and: [inc('a'), { ...inc('b'), operator: 'excludes_value' }] }, inc('c')] }
    const t1 = performance.now()
    const created = await call('POST', '/_fake/workspaces/bench/segments', { id: 'abc', name: 'A and not B, or C', filter: tree })
    const createMs = ms(t1)

    // The same resolution in-process, repeated for a median, and its plan.
    const handle = openDatabase(dbPath)
    const query = createSegmentQueryRepository(handle)
    const cohortPk = new Map(createCohortRepository(handle).list(1).map((c) => [c.cohortId, c.pk]))
    const expr = resolveFilter(tree, (_p, id) => (cohortPk.has(id) ? { pk: cohortPk.get(id)!, name: id } : undefined))
    const runs: number[] = []
    let count = 0
    for (let i = 0; i < 5; i++) { const t = performance.now(); count = query.count(1, expr); runs.push(performance.now() - t) }
    runs.sort((x, y) => x - y)
    const plan = handle.db.all<{ detail: string }>(sql`EXPLAIN QUERY PLAN SELECT count(*) FROM (${compileUserSet(1, expr)})`).map((r) => r.detail)
    const attrExpr = resolveFilter({ and: [inc('a'), { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }] }, (_p, id) => ({ pk: cohortPk.get(id)!, name: id }))
    const t2 = performance.now()
    const attrCount = query.count(1, attrExpr)
    const attrMs = ms(t2)
    handle.close()

    const t3 = performance.now()
    const page = await call('GET', '/_fake/workspaces/bench/segments/abc/members?limit=100')
    const membersMs = ms(t3)

    // Export 100,000 users end to end: request → job → callback on 127.0.0.1 → download.
    await call('POST', '/_fake/workspaces/bench/segments', { id: 'd', name: 'cohort D', filter: inc('d') })
    const key = (await call('POST', '/_fake/workspaces/bench/rest-api-keys', {})).key as string
    let ready: (v: unknown) => void = () => {}
    const called = new Promise((resolve) => { ready = resolve })
    const receiver = createServer((req, res) => { req.resume(); req.on('end', () => { res.end('ok'); ready(undefined) }) })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const t4 = performance.now()
    const accepted = await call('POST', '/users/export/segment', {
      segment_id: 'd', fields_to_export: ['braze_id', 'external_id', 'email', 'first_name', 'email_subscribe', 'custom_attributes', 'created_at'],
      callback_endpoint: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ready`
    }, key)
    await called
    const exportMs = ms(t4)
    const zip = new Uint8Array(await (await fetch(`${base}${new URL(accepted.url).pathname}`)).arrayBuffer())
    const files = unzipSync(zip)
    const exportedLines = Object.values(files).reduce((n, f) => n + strFromU8(f).split('\n').filter((l) => l !== '').length, 0)
    receiver.close()

    lines.push(
      '## Segments (issue 4)', '',
      `${USERS.toLocaleString('en')} users, cohorts A, B, C of ${COHORT.toLocaleString('en')} members each, D of ${EXPORTED.toLocaleString('en')}; file database (WAL) in os.tmpdir(). Load through the repositories: ${loadMs}.`, '',
      '| Measure | Figure | Target |', '|---|---|---|',
      `| Resolve and count "A includes AND B excludes OR C includes" (in-process, median of 5; min ${runs[0]!.toFixed(0)} ms, max ${runs[4]!.toFixed(0)} ms) | ${runs[2]!.toFixed(0)} ms → ${count.toLocaleString('en')} users | < 500 ms |`,
      `| Same segment created over HTTP (validation + count + size record) | ${createMs} → size ${created.size.toLocaleString('en')} | |`,
      `| GET …/segments/abc/members?limit=100 over HTTP (count + first page) | ${membersMs} → total ${page.total.toLocaleString('en')} | |`,
      `| "A includes AND plan equals gold" (json_extract on A's members only) | ${attrMs} → ${attrCount.toLocaleString('en')} users | |`,
      `| Export ${EXPORTED.toLocaleString('en')} users: request → zip built → callback received | ${exportMs} (${exportedLines.toLocaleString('en')} lines in ${Object.keys(files).length} files, zip ${(zip.length / 2 ** 20).toFixed(1)} MiB) | < 5 s |`,
      '',
      'Indexes: `cohort_members` is WITHOUT ROWID with PK (cohort_pk, user_pk), so one cohort\'s members stream in user order straight off the primary key; ' +
      '`users_workspace_idx` (workspace_pk) holds the rowid, so a workspace\'s users stream in pk order too. The tree compiles to one compound SELECT ' +
      '(AND → INTERSECT, OR → UNION, NOT/excludes → EXCEPT, an AND\'s negated children folded into `… EXCEPT …`, the first operand written inline and later nested ' +
      'compounds sorted), so SQLite merges sorted streams (MERGE below) instead of probing an index per user. No index on custom attributes: ANDed with a cohort, ' +
      'attribute tests run on the cohort\'s members only (a rowid lookup each); alone they scan the workspace\'s users once. Query plan:', '',
      '```', ...plan, '```', ''
    )
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }
  process.stdout.write(lines.join('\n') + '\n')
}

await main()
