/** The CLI as CI runs it: a process with a file database and a seed file, stopped by a signal. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { freePort } from './ports.js'

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))

function startCli (args: string[]): Promise<{ child: ChildProcess, url: string, exit: Promise<number | null> }> {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...env, FAKE_BRAZE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (c) => { err += c })
    child.stdout!.on('data', (c) => {
      out += c
      const m = /^fake-braze listening on (http:\/\/\S+) /m.exec(out)
      if (m !== null) resolve({ child, url: m[1]!, exit })
    })
    void exit.then((code) => reject(new Error(`exited ${code}: ${err}${out}`)))
  })
}

function spawnAsync (args: string[]): Promise<{ status: number | null, stdout: string, stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => { stdout += c })
  child.stderr.on('data', (c) => { stderr += c })
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })))
}

test('serve --seed loads fixed credentials, `seed FILE --url` loads more, and SIGTERM exits 0 with the database closed cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-cli-'))
  const db = join(dir, 'fake.db')
  const seed = join(dir, 'seed.json')
  const more = join(dir, 'more.json')
  writeFileSync(seed, JSON.stringify({ workspaces: [{ id: 'ci', data_import_keys: [{ partner: 'hightouch', key: 'ci-hightouch-key' }], users: [{ external_id: 'u1' }] }] }))
  writeFileSync(more, JSON.stringify({ workspaces: [{ id: 'ci-2' }] }))
  const { child, url, exit } = await startCli(['serve', '--port', '0', '--db', db, '--seed', seed, '--journal-cap', '5'])
  assert.equal((await fetch(`${url}/health`)).status, 200)
  const res = await fetch(`${url}/partners/hightouch/cohorts/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner_api_key: 'fake-hightouch-us-partner-api-key', client_secret: 'ci-hightouch-key', cohort_id: 'c', cohort_changes: [{ user_ids: ['u1'] }] })
  })
  assert.equal(res.status, 201)

  const seeded = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'seed', more, '--url', url], { encoding: 'utf8' })
  assert.equal(seeded.status, 0, seeded.stderr)
  assert.equal(seeded.stdout, 'seeded workspace ci-2: 0 users, 0 cohorts\n')
  const again = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'seed', more, '--url', url], { encoding: 'utf8' })
  assert.equal(again.status, 1)
  assert.equal(again.stderr, `fake-braze seed: ${more}: workspaces[0].id: workspace ci-2 already exists\n`)

  child.kill('SIGTERM')
  assert.equal(await exit, 0)
  assert.ok(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0, 'the WAL was checkpointed on close')
  const reopened = new Database(db, { readonly: true })
  try {
    assert.equal(reopened.pragma('integrity_check', { simple: true }), 'ok')
    assert.deepEqual(reopened.prepare('SELECT id FROM workspaces ORDER BY id').all(), [{ id: 'ci' }, { id: 'ci-2' }])
    assert.deepEqual(reopened.prepare('SELECT member_count AS n FROM cohorts').all(), [{ n: 1 }])
  } finally {
    reopened.close()
  }
})

test('SIGINT stops the server cleanly too', async () => {
  const { child, url, exit } = await startCli(['serve', '--port', '0', '--db', ':memory:'])
  assert.equal((await fetch(`${url}/health`)).status, 200)
  child.kill('SIGINT')
  assert.equal(await exit, 0)
})

test('a bad seed file stops serve with the path of the first bad field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-cli-'))
  const seed = join(dir, 'bad.json')
  writeFileSync(seed, JSON.stringify({ workspaces: [{ id: 'w', users: [{ push_subscribe: 'sometimes' }] }] }))
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'serve', '--port', '0', '--db', ':memory:', '--seed', seed, '--log-level', 'silent'], { encoding: 'utf8' })
  assert.equal(r.status, 1)
  assert.match(r.stderr, new RegExp(`^fake-braze: ${seed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: body\\.workspaces\\.0\\.users\\.0\\.push_subscribe: `))
})

test('--help lists every flag with its environment variable, and the seed command', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, '--help'], { encoding: 'utf8' })
  assert.equal(r.status, 0)
  const text = r.stdout
  for (const [flag, variable] of [['--journal-cap', 'FAKE_BRAZE_JOURNAL_CAP'], ['--rate-limits', 'FAKE_BRAZE_RATE_LIMITS'], ['--visibility-delay-ms', 'FAKE_BRAZE_VISIBILITY_DELAY_MS'], ['--seed', 'FAKE_BRAZE_SEED'], ['--port', 'FAKE_BRAZE_PORT']]) {
    assert.match(text, new RegExp(`${flag} <value>\\s+${variable} `))
  }
  assert.match(text, /fake-braze seed FILE \[--url U\]/)
})

test('serve prints one plain ready line with the real URL for --port 0, writes --ready-file, and `wait` finds it; the file goes on exit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-cli-'))
  const readyFile = join(dir, 'url')
  const waiting = spawnAsync(['wait', '--ready-file', readyFile, '--timeout', '20'])
  const { child, url, exit } = await startCli(['serve', '--port', '0', '--db', ':memory:', '--ready-file', readyFile, '--log-level', 'silent'])
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.notEqual(url, 'http://127.0.0.1:0')
  assert.equal(readFileSync(readyFile, 'utf8'), `${url}\n`)
  const waited = await waiting
  assert.equal(waited.status, 0, waited.stderr)
  assert.equal(waited.stdout, `fake-braze is ready at ${url}\n`)
  const byUrl = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'wait', '--url', url], { encoding: 'utf8' })
  assert.equal(byUrl.status, 0, byUrl.stderr)
  child.kill('SIGTERM')
  assert.equal(await exit, 0)
  assert.equal(existsSync(readyFile), false, 'the ready file is removed on exit')
})

test('wait gives up after --timeout with one line and exit 1; unknown flags and bad values are one line too', async () => {
  const port = await freePort()
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'wait', '--url', `http://127.0.0.1:${port}`, '--timeout', '1'], { encoding: 'utf8' })
  assert.equal(r.status, 1)
  assert.equal(r.stderr, `fake-braze: http://127.0.0.1:${port} not ready after 1 s (ECONNREFUSED)\n`)
  const unknown = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'serve', '--bogus', 'x'], { encoding: 'utf8' })
  assert.equal(unknown.status, 2)
  assert.equal(unknown.stderr, "fake-braze: Unknown option '--bogus'. `fake-braze --help` lists the commands and flags.\n")
  const bad = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'wait', '--timeout', 'soon'], { encoding: 'utf8' })
  assert.equal(bad.status, 2)
  assert.equal(bad.stderr, "fake-braze: --timeout must be a number of seconds, got 'soon'\n")
})

test('SIGTERM to `npm start` reaches the server (the script execs node), so nothing is left running', async () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url))
  const { NODE_TEST_CONTEXT: _, ...env } = process.env
  const npm = spawn('npm', ['start', '--silent', '--ignore-scripts', '--', '--port', '0', '--db', ':memory:', '--log-level', 'silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const exit = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    npm.stdout!.on('data', (c) => {
      out += c
      const m = /fake-braze listening on (http:\/\/\S+) /.exec(out)
      if (m !== null) resolve(m[1]!)
    })
    void exit.then((code) => reject(new Error(`npm start exited ${code}: ${out}`)))
  })
  assert.equal((await fetch(`${url}/health`)).status, 200)
  npm.kill('SIGTERM')
  await exit
  await new Promise((resolve) => setTimeout(resolve, 500))
  await assert.rejects(fetch(`${url}/health`), 'the server stopped with npm')
})

test('serve has the dashboard at /dashboard by default, and --no-dashboard turns it off', async () => {
  for (const [args, status] of [[[], 200], [['--no-dashboard'], 404]] as const) {
    const { child, url, exit } = await startCli(['serve', '--port', '0', '--db', ':memory:', ...args])
    try {
      assert.equal((await fetch(`${url}/dashboard/`)).status, status, `serve ${args.join(' ')}`)
    } finally {
      child.kill('SIGTERM')
      await exit
    }
  }
})

test('seed and snapshot reach a server started with --control-token when given the token, and fail in one line without it', async () => {
  const token = 'cli-control-token-0123456789'
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-cli-'))
  const seed = join(dir, 'seed.json')
  writeFileSync(seed, JSON.stringify({ workspaces: [{ id: 'tok' }] }))
  const { child, url, exit } = await startCli(['serve', '--port', '0', '--db', ':memory:', '--control-token', token])
  try {
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args, '--url', url], { encoding: 'utf8' })
    const refused = run(['seed', seed])
    assert.equal(refused.status, 1)
    assert.match(refused.stderr, /control plane requires/)
    assert.equal(run(['seed', seed, '--control-token', token]).status, 0)
    const snap = run(['snapshot', '--workspace', 'tok', '--control-token', token])
    assert.equal(snap.status, 0, snap.stderr)
    assert.equal(JSON.parse(snap.stdout).workspaces[0].id, 'tok')
  } finally {
    child.kill('SIGTERM')
    await exit
  }
})
