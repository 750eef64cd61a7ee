/**
 * `fake-braze expect FILE --url URL [--workspace ID] [--junit OUT.xml]`: checks a workspace against
 * an expectations file (cli/expectations.ts) through the control plane, prints a readable diff and
 * optionally JUnit XML, and exits 0 when every expectation holds. `fake-braze snapshot` writes the
 * golden files `golden:` compares with.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { parse as parseYaml } from 'yaml'
import { ControlPlaneError, createControlClient, type ControlClient } from '../client/control-client.js'
import type { PartnerName } from '../client/types.js'
import { poolOf } from '../domain/toolkit/rate-limits.js'
import { CliError } from './errors.js'
import { ExpectationsSchema, VOLATILE_PATHS, type CountExpectation, type Expectations } from './expectations.js'

export interface ExpectationResult {
  readonly group: string
  readonly name: string
  readonly failures: string[]
}

const show = (v: unknown): string => (v === undefined ? 'absent' : JSON.stringify(v))

function countProblem (what: string, actual: number, expected: CountExpectation): string | undefined {
  if (typeof expected === 'number') return actual === expected ? undefined : `${what}: expected ${expected}, got ${actual}`
  if (expected.min !== undefined && actual < expected.min) return `${what}: expected at least ${expected.min}, got ${actual}`
  if (expected.max !== undefined && actual > expected.max) return `${what}: expected at most ${expected.max}, got ${actual}`
  return undefined
}

function memberProblems (actual: string[], e: { members?: string[], includes?: string[], excludes?: string[] }): string[] {
  const out: string[] = []
  const have = new Set(actual)
  if (e.members !== undefined) {
    const want = new Set(e.members)
    const missing = e.members.filter((id) => !have.has(id))
    const unexpected = actual.filter((id) => !want.has(id))
    if (missing.length > 0) out.push(`missing members: ${missing.join(', ')}`)
    if (unexpected.length > 0) out.push(`unexpected members: ${unexpected.join(', ')}`)
  }
  const notIncluded = (e.includes ?? []).filter((id) => !have.has(id))
  if (notIncluded.length > 0) out.push(`missing members: ${notIncluded.join(', ')}`)
  const excluded = (e.excludes ?? []).filter((id) => have.has(id))
  if (excluded.length > 0) out.push(`members that should not be there: ${excluded.join(', ')}`)
  return out
}

/** Deletes every path matching an ignore pattern (dot keys, `*` one level, `**` any depth). */
function dropIgnored (value: unknown, patterns: string[][]): unknown {
  if (patterns.some((p) => p.length === 0)) return undefined
  if (typeof value !== 'object' || value === null) return value
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value)
  const kept: Array<[string, unknown]> = []
  for (const [key, child] of entries) {
    const next: string[][] = []
    for (const p of patterns) {
      if (p[0] === '**') {
        next.push(p) // ** may match more levels
        if (p[1] === '*' || p[1] === key) next.push(p.slice(2))
      } else if (p[0] === '*' || p[0] === key) next.push(p.slice(1))
    }
    const result = next.length === 0 ? child : dropIgnored(child, next)
    if (result !== undefined) kept.push([key, result])
  }
  return Array.isArray(value) ? kept.map(([, v]) => v) : Object.fromEntries(kept)
}

/** Paths where two JSON values differ, as readable lines. */
function jsonDiff (expected: unknown, actual: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 50) return out
  if (isDeepStrictEqual(expected, actual)) return out
  const bothObjects = typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null && Array.isArray(expected) === Array.isArray(actual)
  if (!bothObjects) {
    out.push(`${path === '' ? '(root)' : path}: expected ${show(expected)}, got ${show(actual)}`)
    return out
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
  for (const k of keys) jsonDiff((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k], path === '' ? k : `${path}.${k}`, out)
  return out
}

async function check (client: ControlClient, workspace: string, e: Expectations, baseDir: string): Promise<ExpectationResult[]> {
  const results: ExpectationResult[] = []
  for (const c of e.cohorts ?? []) {
    const failures: string[] = []
    const name = `cohort ${c.partner}/${c.cohort_id}`
    try {
      const cohort = await client.cohort(workspace, c.partner as PartnerName, c.cohort_id)
      if (c.name !== undefined && cohort.name !== c.name) failures.push(`name: expected ${show(c.name)}, got ${show(cohort.name)}`)
      const members = (await client.members(workspace, c.partner as PartnerName, c.cohort_id)).map((m) => m.external_id ?? m.braze_id)
      failures.push(...memberProblems(members, c))
      const count = c.count === undefined ? undefined : countProblem('member count', members.length, c.count)
      if (count !== undefined) failures.push(count)
    } catch (err) {
      if (!(err instanceof ControlPlaneError) || err.status !== 404) throw err
      failures.push(`no such cohort (${err.message.replace(/^.*?: /, '')})`)
    }
    results.push({ group: 'cohorts', name, failures })
  }
  for (const u of e.users ?? []) {
    const failures: string[] = []
    const query = { external_id: u.external_id, email: u.email, braze_id: u.braze_id }
    const name = `user ${Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ')}`
    const found = await client.userProfiles(workspace, query)
    if (!u.exists) {
      if (found.length > 0) failures.push(`expected no such user, found ${found.map((f) => f.braze_id).join(', ')}`)
    } else if (found.length !== 1) {
      failures.push(found.length === 0 ? 'no such user' : `${found.length} users match`)
    } else {
      const user = found[0]!
      for (const [k, v] of Object.entries(u.profile ?? {})) {
        const actual = user.profile[k] ?? (user as Record<string, unknown>)[k]
        if (!isDeepStrictEqual(actual ?? null, v)) failures.push(`profile.${k}: expected ${show(v)}, got ${show(actual)}`)
      }
      for (const [k, v] of Object.entries(u.attributes ?? {})) {
        const actual = user.custom_attributes[k]
        if (!isDeepStrictEqual(actual ?? null, v)) failures.push(`attributes.${k}: expected ${show(v)}, got ${show(actual)}`)
      }
      if (u.email_subscribe !== undefined && user.email_subscribe !== u.email_subscribe) failures.push(`email_subscribe: expected ${show(u.email_subscribe)}, got ${show(user.email_subscribe)}`)
      if (u.push_subscribe !== undefined && user.push_subscribe !== u.push_subscribe) failures.push(`push_subscribe: expected ${show(u.push_subscribe)}, got ${show(user.push_subscribe)}`)
      for (const [k, v] of Object.entries(u.events ?? {})) {
        const p = countProblem(`events.${k}`, user.custom_events.find((x) => x.name === k)?.count ?? 0, v)
        if (p !== undefined) failures.push(p)
      }
      for (const [k, v] of Object.entries(u.purchases ?? {})) {
        const p = countProblem(`purchases.${k}`, user.purchases.find((x) => x.name === k)?.count ?? 0, v)
        if (p !== undefined) failures.push(p)
      }
    }
    results.push({ group: 'users', name, failures })
  }
  for (const s of e.segments ?? []) {
    const failures: string[] = []
    try {
      const members = (await client.segmentMembers(workspace, s.id)).map((m) => m.external_id ?? m.braze_id)
      const size = s.size === undefined ? undefined : countProblem('size', members.length, s.size)
      if (size !== undefined) failures.push(size)
      failures.push(...memberProblems(members, s))
    } catch (err) {
      if (!(err instanceof ControlPlaneError) || err.status !== 404) throw err
      failures.push('no such segment')
    }
    results.push({ group: 'segments', name: `segment ${s.id}`, failures })
  }
  for (const c of e.catalogs ?? []) {
    const failures: string[] = []
    try {
      const page = await client.catalog(workspace, c.name)
      if (!c.exists) failures.push('expected no such catalog')
      else {
        const names = page.fields.map((f) => f.name)
        for (const f of c.fields ?? []) if (!names.includes(f)) failures.push(`fields: no field ${show(f)} (has ${names.join(', ')})`)
        const n = c.num_items === undefined ? undefined : countProblem('num_items', page.num_items, c.num_items)
        if (n !== undefined) failures.push(n)
        if (c.items !== undefined) {
          const items = new Map((await client.catalogItems(workspace, c.name)).map((i) => [String(i.id), i]))
          for (const [id, want] of Object.entries(c.items)) {
            const item = items.get(id)
            if (want === null) { if (item !== undefined) failures.push(`items.${id}: expected no such item`); continue }
            if (item === undefined) { failures.push(`items.${id}: no such item`); continue }
            for (const [k, v] of Object.entries(want)) if (!isDeepStrictEqual(item[k] ?? null, v)) failures.push(`items.${id}.${k}: expected ${show(v)}, got ${show(item[k])}`)
          }
        }
      }
    } catch (err) {
      if (!(err instanceof ControlPlaneError) || err.status !== 404) throw err
      if (c.exists) failures.push('no such catalog')
    }
    results.push({ group: 'catalogs', name: `catalog ${c.name}`, failures })
  }
  if (e.requests !== undefined) {
    // requests whose credentials named no workspace (a wrong key) are journaled without one: count them as failures too
    const all = await client.requests({})
    const journal = all.filter((r) => r.workspace_id === workspace)
    if (e.requests.no_errors === true) {
      const bad = all.filter((r) => (r.workspace_id === workspace || r.workspace_id === null) && (r.status === 0 || r.status >= 400))
      results.push({ group: 'requests', name: 'no request answered 4xx/5xx', failures: bad.map((r) => `${r.time} ${r.method} ${r.path} → ${r.status} ${r.message ?? ''}`.trimEnd()) })
    }
    for (const [route, want] of Object.entries(e.requests.counts ?? {})) {
      const n = journal.filter((r) => r.route === route).length
      const p = countProblem('requests', n, want)
      results.push({ group: 'requests', name: `${route} count`, failures: p === undefined ? [] : [p] })
    }
    if (e.requests.within_rate_limits === true) {
      const failures = journal.filter((r) => r.status === 429).map((r) => `${r.time} ${r.method} ${r.path} → 429`)
      const { pools } = await client.rateLimits(workspace)
      const windows = new Map<string, number>()
      for (const r of journal) {
        if (r.route === null) continue
        const [method, path] = r.route.split(' ') as [string, string]
        const pool = poolOf(method, path)
        const def = pools[pool]
        if (def === undefined) continue
        const key = `${pool} window starting ${new Date(Math.floor(Date.parse(r.time) / (def.window_s * 1000)) * def.window_s * 1000).toISOString()}`
        const n = (windows.get(key) ?? 0) + 1
        windows.set(key, n)
        if (n === def.limit + 1) failures.push(`${key}: more than ${def.limit} requests`)
      }
      results.push({ group: 'requests', name: 'within rate limits', failures })
    }
  }
  if (e.golden !== undefined) {
    const file = resolve(baseDir, e.golden.file)
    const golden = await readJsonOrYaml(file)
    const ignore = [...e.golden.ignore, ...(e.golden.ignore_volatile ? VOLATILE_PATHS : [])].map((p) => p.split('.'))
    const actual = dropIgnored(await client.snapshot(workspace), ignore)
    results.push({ group: 'golden', name: `snapshot matches ${e.golden.file}`, failures: jsonDiff(dropIgnored(golden, ignore), actual) })
  }
  return results
}

async function readJsonOrYaml (file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((err: Error) => { throw new CliError(`${file}: ${err.message}`) })
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)
  } catch (err) {
    throw new CliError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML/JSON'}: ${(err as Error).message.split('\n')[0]}`)
  }
}

export async function loadExpectations (file: string): Promise<Expectations> {
  const parsed = ExpectationsSchema.safeParse(await readJsonOrYaml(file))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new CliError(`${file}: ${issue.path.length === 0 ? '(top level)' : issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

function xml (s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
}

export function junitXml (file: string, results: ExpectationResult[]): string {
  const failed = results.filter((r) => r.failures.length > 0).length
  const cases = results.map((r) => {
    const open = `    <testcase classname="fake-braze.${xml(r.group)}" name="${xml(r.name)}"`
    if (r.failures.length === 0) return `${open}/>`
    return `${open}>\n      <failure message="${xml(r.failures[0]!)}">${xml(r.failures.join('\n'))}</failure>\n    </testcase>`
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="fake-braze expect" tests="${results.length}" failures="${failed}">`,
    `  <testsuite name="${xml(file)}" tests="${results.length}" failures="${failed}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    ''
  ].join('\n')
}

async function workspaceExists (client: ControlClient, url: string, workspace: string): Promise<void> {
  try {
    await client.getWorkspace(workspace)
  } catch (err) {
    if (err instanceof ControlPlaneError) {
      throw new CliError(err.status === 0 ? `cannot reach ${url}` : err.status === 404 ? `no workspace ${workspace} at ${url}` : err.message)
    }
    throw err
  }
}

export async function expectCommand (file: string, options: { url: string, workspace?: string, junit?: string, token?: string }): Promise<number> {
  const expectations = await loadExpectations(file)
  const workspace = options.workspace ?? expectations.workspace
  if (workspace === undefined) throw new CliError(`no workspace: give --workspace or "workspace:" in ${file}`, 2)
  const client = createControlClient(options.url, { token: options.token })
  await workspaceExists(client, options.url, workspace)
  let results: ExpectationResult[]
  try {
    results = await check(client, workspace, expectations, dirname(resolve(file)))
  } catch (err) {
    if (err instanceof ControlPlaneError) throw new CliError(err.status === 0 ? `cannot reach ${options.url}` : err.message)
    throw err
  }
  const lines: string[] = []
  for (const r of results) {
    lines.push(`${r.failures.length === 0 ? '✓' : '✗'} ${r.name}`)
    for (const f of r.failures) lines.push(`    ${f}`)
  }
  const failed = results.filter((r) => r.failures.length > 0).length
  lines.push('', `${results.length} expectations, ${failed} failed (workspace ${workspace} at ${options.url})`)
  process.stdout.write(lines.join('\n') + '\n')
  if (options.junit !== undefined) await writeFile(options.junit, junitXml(file, results))
  return failed === 0 ? 0 : 1
}

export async function snapshotCommand (options: { url: string, workspace?: string, out?: string, token?: string }): Promise<number> {
  if (options.workspace === undefined) throw new CliError('snapshot needs --workspace ID', 2)
  const client = createControlClient(options.url, { token: options.token })
  await workspaceExists(client, options.url, options.workspace)
  const text = JSON.stringify(await client.snapshot(options.workspace), null, 2) + '\n'
  if (options.out === undefined) process.stdout.write(text)
  else {
    await writeFile(options.out, text)
    process.stderr.write(`wrote ${options.out}\n`)
  }
  return 0
}
