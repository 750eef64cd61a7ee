/**
 * The bulk identifier lookups must walk the request's identifiers and probe an index for each;
 * the other join order scans every user of the workspace per request (seconds at a million users).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { IDENTIFIER_LOOKUPS } from '../../src/repositories/users/user-repository.js'

for (const [name, sqlText] of Object.entries(IDENTIFIER_LOOKUPS)) {
  test(`the ${name} lookup drives from json_each and searches an index for every identifier`, (t) => {
    const handle = openDatabase(':memory:')
    t.after(() => handle.close())
    runMigrations(handle.db)
    handle.sqlite.exec('ANALYZE')
    const plan = handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all('[]', 1).map((r) => (r as { detail: string }).detail)
    assert.match(plan[0]!, /^SCAN j VIRTUAL TABLE/, plan.join(' | '))
    assert.ok(plan.length > 1)
    for (const step of plan.slice(1)) assert.match(step, /^SEARCH .* (INDEX|PRIMARY KEY)/, plan.join(' | '))
  })
}

test('the outbox read for one user searches an index on user_pk, never scans the outbox', async (t) => {
  const { outboxQuerySql } = await import('../../src/repositories/messaging/messaging-repository.js')
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  handle.sqlite.exec('ANALYZE')
  for (const f of [{ externalId: 'u1' }, { sourceId: 'c', externalId: 'u1' }]) {
    const plan = handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${outboxQuerySql(f)}`).all({ ws: 1, after: 0, limit: 10, ...f }).map((r) => (r as { detail: string }).detail)
    assert.ok(plan.some((p) => /SEARCH message_outbox USING (COVERING )?INDEX message_outbox_(user|source)_idx \(.*user_pk=\?/.test(p)), plan.join(' | '))
    assert.ok(!plan.some((p) => /^SCAN message_outbox/.test(p)), plan.join(' | '))
  }
})

test('the analytics series search the primary keys of their tables, never scan them', async (t) => {
  const { ANALYTICS_READS } = await import('../../src/repositories/analytics/analytics-repository.js')
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  handle.sqlite.exec('ANALYZE')
  const args: Record<keyof typeof ANALYTICS_READS, unknown[]> = { byName: [1, 'event', 'e', 0, 10], activeDays: [1, 0, 10] }
  for (const [name, sqlText] of Object.entries(ANALYTICS_READS) as Array<[keyof typeof ANALYTICS_READS, string]>) {
    const plan = handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...args[name]).map((r) => (r as { detail: string }).detail)
    assert.ok(plan.some((p) => /^SEARCH (a|analytics_\w+) USING (PRIMARY KEY|INDEX sqlite_autoindex_analytics_\w+) \(workspace_pk=\?/.test(p)), `${name}: ${plan.join(' | ')}`)
    assert.ok(!plan.some((p) => /^SCAN (a|analytics_)/.test(p)), `${name}: ${plan.join(' | ')}`)
  }
})
