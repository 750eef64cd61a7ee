/** `fake-braze expect` and `fake-braze snapshot` against a running fake, and their bad-input handling. */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startFakeBraze, type FakeBraze } from '../../src/start.js'
import { EXPECTATIONS_SCHEMA_PATH, generateExpectationsSchema } from '../../scripts/write-seed-schema.js'
import { freePort } from './ports.js'

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'fake-braze-expect-'))
let braze: FakeBraze

/** Runs the CLI without blocking this process's event loop (the fake answers from here). */
function cli (...args: string[]): Promise<{ status: number | null, stdout: string, stderr: string }> {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => { stdout += c })
  child.stderr.on('data', (c) => { stderr += c })
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })))
}
function file (name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

before(async () => {
  braze = await startFakeBraze({
    seed: {
      workspaces: [{
        id: 'w',
        data_import_keys: [{ partner: 'hightouch', key: 'w-hightouch-key' }],
        users: [{ external_id: 'u1', custom_attributes: { plan: 'gold' } }, { external_id: 'u2' }],
        cohorts: [{ partner: 'hightouch', cohort_id: 'c', name: 'C', members: ['u1'] }]
      }]
    }
  })
  await fetch(`${braze.url}/partners/hightouch/cohorts/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner_api_key: 'fake-hightouch-us-partner-api-key', client_secret: 'wrong-key-here', cohort_id: 'c', cohort_changes: [] })
  })
})
after(async () => { await braze.close() })

test('expect prints ✓/✗ with what differs, exits 1 on a failure, and writes each expectation as a JUnit test case', async () => {
  const expectations = file('e.yaml', [
    'workspace: w',
    'cohorts:',
    '  - { partner: hightouch, cohort_id: c, members: [u1, u2], name: C }',
    '  - { partner: hightouch, cohort_id: missing, count: 0 }',
    'users:',
    '  - { external_id: u1, attributes: { plan: pro } }',
    '  - { external_id: u2, exists: false }',
    'requests:',
    '  no_errors: true',
    '  counts: { "POST /partners/{partner}/cohorts/users": 0 }   # the 401 named no workspace'
  ].join('\n'))
  const junit = join(dir, 'out.xml')
  const r = await cli('expect', expectations, '--url', braze.url, '--junit', junit)
  assert.equal(r.status, 1, r.stderr)
  assert.equal(r.stdout, [
    '✗ cohort hightouch/c',
    '    missing members: u2',
    '✗ cohort hightouch/missing',
    '    no such cohort (Cohort missing not found)',
    '✗ user external_id=u1',
    '    attributes.plan: expected "pro", got "gold"',
    '✗ user external_id=u2',
    `    expected no such user, found ${(await braze.control.userProfiles('w', { external_id: 'u2' }))[0]!.braze_id}`,
    '✗ no request answered 4xx/5xx',
    r.stdout.split('\n')[9]!,
    '✓ POST /partners/{partner}/cohorts/users count',
    '',
    `6 expectations, 5 failed (workspace w at ${braze.url})`,
    ''
  ].join('\n'))
  assert.match(r.stdout.split('\n')[9]!, /^ {4}\S+ POST \/partners\/hightouch\/cohorts\/users → 401 Invalid client secret$/)
  const xml = readFileSync(junit, 'utf8')
  assert.match(xml, /<testsuites name="fake-braze expect" tests="6" failures="5">/)
  assert.match(xml, /<testcase classname="fake-braze.users" name="user external_id=u1">\n {6}<failure message="attributes.plan: expected &quot;pro&quot;, got &quot;gold&quot;">/)
  assert.match(xml, /<testcase classname="fake-braze.requests" name="POST \/partners\/\{partner\}\/cohorts\/users count"\/>/)
})

test('expect passes (exit 0) when everything holds, including a golden snapshot written by `fake-braze snapshot`', async () => {
  const golden = join(dir, 'golden.json')
  const snap = await cli('snapshot', '--url', braze.url, '--workspace', 'w', '--out', golden)
  assert.equal(snap.status, 0, snap.stderr)
  assert.deepEqual(JSON.parse(readFileSync(golden, 'utf8')), await braze.control.snapshot('w'))
  const ok = file('ok.json', JSON.stringify({ workspace: 'w', cohorts: [{ partner: 'hightouch', cohort_id: 'c', includes: ['u1'], excludes: ['u2'], count: { min: 1 } }], golden: { file: 'golden.json' } }))
  const r = await cli('expect', ok, '--url', braze.url)
  assert.equal(r.status, 0, r.stdout + r.stderr)
  assert.match(r.stdout, /✓ snapshot matches golden.json\n\n2 expectations, 0 failed/)
  await braze.control.seedUsers('w', [{ external_id: 'u3' }])
  const changed = await cli('expect', ok, '--url', braze.url, '--workspace', 'w')
  assert.equal(changed.status, 1)
  assert.match(changed.stdout, /✗ snapshot matches golden.json\n {4}workspaces\.0\.users\.2: expected absent, got \{"external_id":"u3"/)
})

test('bad expectation files, unreachable URLs and missing arguments end with one line and a non-zero exit, never a stack trace', async () => {
  const port = await freePort()
  const cases: Array<[string[], number, RegExp]> = [
    [['expect', file('bad1.yaml', 'workspace: w\ncohorts:\n  - { partner: hightouch, cohort_id: c, members: u1 }\n'), '--url', braze.url], 1, /bad1\.yaml: cohorts\.0\.members: Invalid input: expected array, received string$/],
    [['expect', file('bad2.yaml', 'workspace: w\ncohortz: []\n'), '--url', braze.url], 1, /bad2\.yaml: \(top level\): Unrecognized key: "cohortz"$/],
    [['expect', file('bad3.yaml', 'users: [ {external_id: u1\n'), '--url', braze.url], 1, /bad3\.yaml: not valid YAML\/JSON: /],
    [['expect', file('bad4.json', '{"users": [{"exists": true}]}'), '--url', braze.url, '--workspace', 'w'], 1, /bad4\.json: users\.0: needs external_id, email or braze_id$/],
    [['expect', join(dir, 'nope.yaml'), '--url', braze.url], 1, /nope\.yaml: ENOENT/],
    [['expect', file('nows.yaml', 'cohorts: []\n'), '--url', braze.url], 2, /no workspace: give --workspace or "workspace:" in /],
    [['expect', file('ok2.yaml', 'workspace: ghost\n'), '--url', braze.url], 1, new RegExp(`no workspace ghost at ${braze.url.replace(/\./g, '\\.')}$`)],
    [['expect', file('ok3.yaml', 'workspace: w\n'), '--url', `http://127.0.0.1:${port}`], 1, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}$`)],
    [['snapshot', '--url', `http://127.0.0.1:${port}`, '--workspace', 'w'], 1, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}$`)],
    [['snapshot', '--url', braze.url], 2, /snapshot needs --workspace ID$/],
    [['seed', file('s.json', '{}'), '--url', `http://127.0.0.1:${port}`], 1, /cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/],
    [['expect'], 2, /Usage: fake-braze expect FILE/],
    [['expect', 'x.yaml', '--junt', 'y'], 2, /Unknown option '--junt'/]
  ]
  for (const [args, status, message] of cases) {
    const r = await cli(...args)
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`)
    assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`)
    assert.match(r.stderr.trimEnd(), /^fake-braze: /)
    assert.match(r.stderr.trimEnd(), message, args.join(' '))
  }
})

test('openapi/expectations.schema.json is what the expectations schema generates (npm run openapi)', () => {
  assert.equal(readFileSync(EXPECTATIONS_SCHEMA_PATH, 'utf8'), generateExpectationsSchema())
})
