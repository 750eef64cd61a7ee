/**
 * What a 2xx promises (README "Durability"): every acknowledged change survives kill -9 of the
 * process, and a full disk answers 503 "storage full" for the changes it could not store, keeps
 * serving reads, loses nothing it acknowledged and recovers by itself when space returns.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { buildApp, type SqlitePragmas } from '../../src/app.js'
import { testConfig } from '../../src/config.js'
import { json, post } from '../helper.js'

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))

function startChild (args: string[]): Promise<{ child: ChildProcess, url: string, exit: Promise<unknown> }> {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'serve', ...args], { env: { ...env, FAKE_BRAZE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] })
  const exit = new Promise((resolve) => child.on('exit', resolve))
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (c) => {
      out += c
      const m = /"url":"(http:[^"]+)"/.exec(out)
      if (m !== null) resolve({ child, url: m[1]!, exit })
    })
    void exit.then((code) => reject(new Error(`exited ${String(code)}: ${out}`)))
  })
}

function storedExternalIds (dbPath: string): Set<string> {
  const db = new Database(dbPath, { readonly: true })
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok')
    return new Set(db.prepare('SELECT external_id FROM users WHERE external_id IS NOT NULL').pluck().all() as string[])
  } finally { db.close() }
}

for (const mode of ['grouped', 'per-request'] as const) {
  test(`durability, ${mode} commits: kill -9 under 16 concurrent writers loses no acknowledged change`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-kill-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const db = join(dir, 'x.db')
    const { child, url, exit } = await startChild(['--port', '0', '--db', db, '--commit-mode', mode])
    assert.equal((await fetch(`${url}/_fake/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"w"}' })).status, 201)
    const acknowledged: string[] = []
    let stop = false
    let n = 0
    const writer = async (): Promise<void> => {
      while (!stop) {
        const ids = [`u${n++}`, `u${n++}`]
        try {
          const res = await fetch(`${url}/_fake/workspaces/w/users`, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ users: ids.map((external_id) => ({ external_id })) })
          })
          if (res.status === 201) acknowledged.push(...ids)
          await res.arrayBuffer()
        } catch { return } // the server is gone
      }
    }
    const writers = Array.from({ length: 16 }, writer)
    // kill while requests are in flight, once a good number has been acknowledged
    const deadline = Date.now() + 60_000
    while (acknowledged.length < 600) {
      if (Date.now() > deadline) { child.kill('SIGKILL'); stop = true; assert.fail(`only ${acknowledged.length} writes were acknowledged in 60 s`) }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    child.kill('SIGKILL')
    await exit
    stop = true
    await Promise.all(writers)
    const stored = storedExternalIds(db)
    const lost = acknowledged.filter((id) => !stored.has(id))
    assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged users were lost`)
    assert.ok(acknowledged.length >= 600)
  })

  test(`durability, ${mode} commits: a full disk answers 503 "storage full", serves reads, keeps every 2xx and recovers by itself`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-full-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const config = testConfig({ FAKE_BRAZE_DB: join(dir, 'x.db'), FAKE_BRAZE_COMMIT_MODE: mode })
    let sqlite!: SqlitePragmas
    const app = await buildApp(config, { onDatabase: (s) => { sqlite = s } })
    let closed = false
    t.after(async () => { if (!closed) await app.close() })
    assert.equal((await post(app, '/_fake/workspaces', { id: 'w2' })).statusCode, 201)
    assert.equal((await post(app, '/_fake/workspaces', { id: 'w' })).statusCode, 201)
    // The disk is full: the file may not grow by a single page.
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`)
    const pad = 'x'.repeat(2000)
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) =>
      post(app, '/_fake/workspaces/w/users', { users: [{ external_id: `full-${i}`, custom_attributes: { pad } }] })
        .then((res) => ({ id: `full-${i}`, res }))))
    const ok = results.filter((r) => r.res.statusCode === 201).map((r) => r.id)
    const refused = results.filter((r) => r.res.statusCode !== 201)
    assert.ok(refused.length > 300, `most writes were refused (${refused.length})`)
    for (const r of refused) {
      assert.equal(r.res.statusCode, 503)
      assert.deepEqual(r.res.json(), { message: 'storage full: the change was not stored' })
    }
    // reads keep being served
    const read = await app.inject({ method: 'GET', url: '/_fake/workspaces/w' })
    assert.equal(read.statusCode, 200)
    assert.equal(json(read).id, 'w')
    // space returns: the next write succeeds without a restart
    sqlite.pragma('max_page_count = 1073741823')
    const after = await post(app, '/_fake/workspaces/w/users', { users: [{ external_id: 'after', custom_attributes: { pad } }] })
    assert.equal(after.statusCode, 201)
    await app.close()
    closed = true
    const stored = storedExternalIds(config.dbPath)
    for (const id of [...ok, 'after']) assert.ok(stored.has(id), `acknowledged ${id} is stored`)
    for (const r of refused) assert.ok(!stored.has(r.id), `refused ${r.id} left nothing behind`)
  })
}

/** A small tmpfs of its own (root only: elsewhere the test is skipped; max_page_count above covers the rest). */
function mountTmpfs (dir: string, size: string): boolean {
  if (process.getuid?.() !== 0) return false
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0
}

for (const mode of ['grouped', 'per-request'] as const) {
  test(`durability, ${mode} commits: a real full disk (small tmpfs) fails the commit with 503 "storage full", loses no 2xx and recovers when space returns`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-tmpfs-'))
    if (!mountTmpfs(dir, '8m')) { rmSync(dir, { recursive: true, force: true }); t.skip('needs root to mount a tmpfs'); return }
    t.after(() => { spawnSync('umount', ['-l', dir]); rmSync(dir, { recursive: true, force: true }) })
    const config = testConfig({ FAKE_BRAZE_DB: join(dir, 'x.db'), FAKE_BRAZE_COMMIT_MODE: mode })
    const app = await buildApp(config)
    let closed = false
    t.after(async () => { if (!closed) await app.close() })
    assert.equal((await post(app, '/_fake/workspaces', { id: 'w' })).statusCode, 201)
    // fill the disk but for ~64 KiB
    const filler = join(dir, 'filler')
    const free = (): number => { const s = statfsSync(dir); return s.bavail * s.bsize }
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 64 * 1024)))
    const pad = 'y'.repeat(4000)
    const results: Array<{ id: string, status: number, body: unknown }> = []
    for (let round = 0; round < 10; round++) {
      results.push(...await Promise.all(Array.from({ length: 40 }, async (_, i) => {
        const id = `t-${round}-${i}`
        const res = await post(app, '/_fake/workspaces/w/users', { users: [{ external_id: id, custom_attributes: { pad } }] })
        return { id, status: res.statusCode, body: res.json() }
      })))
    }
    const ok = results.filter((r) => r.status === 201).map((r) => r.id)
    const refused = results.filter((r) => r.status !== 201)
    assert.ok(refused.length > 100, `writes were refused once the disk was full (${refused.length} of ${results.length})`)
    for (const r of refused) assert.deepEqual([r.status, r.body], [503, { message: 'storage full: the change was not stored' }])
    assert.equal((await app.inject({ method: 'GET', url: '/_fake/workspaces/w' })).statusCode, 200, 'reads keep being served')
    rmSync(filler)
    const after = await post(app, '/_fake/workspaces/w/users', { users: [{ external_id: 'after', custom_attributes: { pad } }] })
    assert.equal(after.statusCode, 201, 'recovered by itself once space returned')
    await app.close()
    closed = true
    const stored = storedExternalIds(config.dbPath)
    for (const id of [...ok, 'after']) assert.ok(stored.has(id), `acknowledged ${id} is stored`)
    for (const r of refused) assert.ok(!stored.has(r.id), `refused ${r.id} left nothing behind`)
  })
}
