import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/client.js'
import { json, post } from '../helper.js'

for (const mode of ['grouped', 'per-request'] as const) {
  test(`${mode} commits: acknowledged writes are on disk after close, and a failed request rolls back alone`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-test-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const config = testConfig({ FAKE_BRAZE_DB: join(dir, 'x.db'), FAKE_BRAZE_COMMIT_MODE: mode })
    const app = await buildApp(config)
    const ws = json(await post(app, '/_fake/workspaces', { id: 'w' }))
    // issued in one event-loop turn, so in grouped mode they share a commit group
    const [ok, conflict, ok2] = await Promise.all([
      post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'a' }] }),
      post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'b' }, { external_id: 'a' }] }),
      post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'c' }] })
    ])
    assert.equal(ok!.statusCode, 201)
    assert.equal(conflict!.statusCode, 409)
    assert.equal(ok2!.statusCode, 201)
    await app.close()

    const handle = openDatabase(config.dbPath)
    const ids = handle.sqlite.prepare('SELECT external_id FROM users ORDER BY external_id').pluck().all()
    handle.close()
    assert.deepEqual(ids, ['a', 'c'], 'b was rolled back with its failing request; a and c were committed')
  })
}

test('FAKE_BRAZE_SYNC sets SQLite synchronous on a file database (default off: no fsync)', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-test-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  // PRAGMA synchronous answers 0 = OFF, 1 = NORMAL, 2 = FULL
  for (const [sync, expected] of [[undefined, 0], ['off', 0], ['normal', 1], ['full', 2]] as const) {
    const config = testConfig({ FAKE_BRAZE_DB: join(dir, `${sync ?? 'default'}.db`), ...(sync !== undefined && { FAKE_BRAZE_SYNC: sync }) })
    const handle = openDatabase(config.dbPath, { sync: config.sync })
    assert.equal(handle.sqlite.pragma('synchronous', { simple: true }), expected, `sync=${sync ?? 'default'}`)
    assert.equal(handle.sqlite.pragma('journal_mode', { simple: true }), 'wal')
    handle.close()
  }
})
