/** A clock advance reads the due Canvas progress and deferred deliveries by one range of their due_at index, never a scan. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'

test('due canvas_progress and message_deferred rows are found through their due_at indexes', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  handle.sqlite.exec('ANALYZE')
  const plan = (sql: string): string => handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1).map((r) => (r as { detail: string }).detail).join(' | ')
  assert.match(plan('SELECT * FROM canvas_progress WHERE due_at <= ? ORDER BY due_at, canvas_pk, step_id, dispatch_id, user_pk'), /SEARCH canvas_progress USING INDEX canvas_progress_due_idx \(due_at<\?\)/)
  assert.match(plan('DELETE FROM canvas_progress WHERE due_at <= ?'), /SEARCH canvas_progress USING (COVERING )?INDEX canvas_progress_due_idx/)
  assert.match(plan('SELECT min(due_at) FROM canvas_progress WHERE 1 = ?'), /canvas_progress_due_idx/)
  assert.match(plan('SELECT * FROM message_deferred WHERE due_at <= ? ORDER BY due_at, pk'), /SEARCH message_deferred USING INDEX message_deferred_due_idx/)
})
