/**
 * A segment export still running when the fake stopped can never finish: the next start marks it
 * failed (so it no longer answers later exports of its segment with 429) and leaves every other
 * export as it was.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { createSegmentRepository } from '../../src/repositories/segments/segment-repository.js'

test('failRunningExports fails the running exports with the restart as reason and keeps finished ones', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  const insert = handle.sqlite.prepare('INSERT INTO segment_exports (object_prefix, workspace_pk, segment_pk, status, error, created_at, finished_at) VALUES (?, 1, 1, ?, ?, 10, ?)')
  insert.run('running-1', 'running', null, null)
  insert.run('done-1', 'done', null, 20)
  insert.run('failed-1', 'failed', 'callback failed', 30)
  insert.run('running-2', 'running', null, null)
  createSegmentRepository(handle).failRunningExports(500)
  assert.deepEqual(handle.sqlite.prepare('SELECT object_prefix, status, error, finished_at FROM segment_exports ORDER BY pk').raw().all(), [
    ['running-1', 'failed', 'interrupted by a restart', 500],
    ['done-1', 'done', null, 20],
    ['failed-1', 'failed', 'callback failed', 30],
    ['running-2', 'failed', 'interrupted by a restart', 500]
  ])
})
