/**
 * The outbox writer binds the six columns a send shares once per statement: rows of several sends,
 * pushed in any order and in any number (full batches of 100 and a remainder), are stored as pushed.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { createMessagingRepository, type NewOutboxRow } from '../../src/repositories/messaging/messaging-repository.js'

function row (i: number, send: 'a' | 'b' | 'c'): NewOutboxRow {
  const shared = {
    a: { workspacePk: 1, time: 1000, dispatchId: 'dispatch-a', sendId: null, sourceId: 'winback', sourceType: 'campaign' as const },
    b: { workspacePk: 1, time: 1000, dispatchId: 'dispatch-b', sendId: 'send-b', sourceId: 'onboarding', sourceType: 'canvas' as const },
    c: { workspacePk: 2, time: 2000, dispatchId: 'dispatch-c', sendId: null, sourceId: null, sourceType: 'api' as const }
  }[send]
  return {
    ...shared,
    stepId: send === 'b' ? 'step-1' : null,
    variationId: `v${i % 3}`,
    channel: i % 2 === 0 ? 'email' : 'sms',
    userPk: i % 11 === 0 ? null : i,
    brazeId: i % 11 === 0 ? null : `braze-${i}`,
    externalId: `user-${i}`,
    status: i % 5 === 0 ? 'skipped' : 'delivered',
    reason: i % 5 === 0 ? 'unsubscribed' : null,
    content: i % 5 === 0 ? null : `{"body":"hello ${i}"}`
  }
}

test('rows of several sends, in full batches and remainders, are stored in push order with every column', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  const repo = createMessagingRepository(handle)
  // 250 of send a (two full statements and a remainder), 3 of b, 120 of a again, 1 of c, 99 of b
  const pushed = [
    ...Array.from({ length: 250 }, (_, i) => row(i, 'a')),
    ...Array.from({ length: 3 }, (_, i) => row(1000 + i, 'b')),
    ...Array.from({ length: 120 }, (_, i) => row(2000 + i, 'a')),
    row(3000, 'c'),
    ...Array.from({ length: 99 }, (_, i) => row(4000 + i, 'b'))
  ]
  const w = repo.outboxWriter()
  for (const r of pushed) w.push(r)
  w.end()
  const stored = handle.sqlite.prepare(`SELECT workspace_pk AS workspacePk, time, dispatch_id AS dispatchId, send_id AS sendId, source_id AS sourceId, source_type AS sourceType,
    step_id AS stepId, variation_id AS variationId, channel, user_pk AS userPk, braze_id AS brazeId, external_id AS externalId, status, reason, content FROM message_outbox ORDER BY pk`).all()
  assert.equal(stored.length, pushed.length)
  assert.deepEqual(stored, pushed)
})

test('insertOutbox stores a list as the writer does; an empty writer stores nothing', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  const repo = createMessagingRepository(handle)
  repo.outboxWriter().end()
  assert.equal((handle.sqlite.prepare('SELECT count(*) AS n FROM message_outbox').get() as { n: number }).n, 0)
  repo.insertOutbox([row(1, 'c'), row(2, 'a')])
  assert.deepEqual(handle.sqlite.prepare('SELECT dispatch_id AS d, external_id AS e FROM message_outbox ORDER BY pk').all(), [{ d: 'dispatch-c', e: 'user-1' }, { d: 'dispatch-a', e: 'user-2' }])
})
