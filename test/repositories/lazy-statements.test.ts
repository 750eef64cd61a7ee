/** lazyStatements: a statement is compiled on its first use, once, and behaves as better-sqlite3's own. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import Database from 'better-sqlite3'
import { lazyQuery, lazyStatements } from '../../src/repositories/shared/lazy-statements.js'

function counted (): { sqlite: Database.Database, prepared: string[] } {
  const sqlite = new Database(':memory:')
  sqlite.exec('CREATE TABLE t (a integer, b text); INSERT INTO t VALUES (1, \'x\'), (2, \'y\')')
  const prepared: string[] = []
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => { prepared.push(source); return prepare(source) }) as typeof sqlite.prepare
  return { sqlite, prepared }
}

test('nothing is compiled until a statement runs, then it is compiled once', () => {
  const { sqlite, prepared } = counted()
  const prepare = lazyStatements(sqlite)
  const one = prepare<[number], { b: string }>('SELECT b FROM t WHERE a = ?')
  const all = prepare<[], { a: number }>('SELECT a FROM t ORDER BY a')
  const insert = prepare<[number, string]>('INSERT INTO t VALUES (?, ?)')
  assert.deepEqual(prepared, [])
  assert.deepEqual(one.get(2), { b: 'y' })
  assert.equal(one.get(9), undefined)
  assert.equal(insert.run(3, 'z').changes, 1)
  assert.deepEqual(all.all(), [{ a: 1 }, { a: 2 }, { a: 3 }])
  assert.deepEqual([...all.iterate()], [{ a: 1 }, { a: 2 }, { a: 3 }])
  assert.deepEqual(prepared, ['SELECT b FROM t WHERE a = ?', 'INSERT INTO t VALUES (?, ?)', 'SELECT a FROM t ORDER BY a'])
  assert.equal(all.source, 'SELECT a FROM t ORDER BY a')
  assert.equal(all.reader, true)
  assert.equal(insert.reader, false)
})

test('raw and pluck set before the first use apply to the compiled statement, and later toggles too', () => {
  const { sqlite, prepared } = counted()
  const prepare = lazyStatements(sqlite)
  const raw = prepare('SELECT a, b FROM t ORDER BY a').raw(true)
  const plucked = prepare('SELECT b FROM t ORDER BY a').pluck()
  assert.deepEqual(prepared, [])
  assert.deepEqual(raw.all(), [[1, 'x'], [2, 'y']])
  assert.deepEqual(plucked.all(), ['x', 'y'])
  raw.raw(false)
  assert.deepEqual(raw.get(), { a: 1, b: 'x' })
})

test('an SQL error surfaces on first use, as better-sqlite3 reports it', () => {
  const { sqlite } = counted()
  const bad = lazyStatements(sqlite)('SELECT nope FROM t')
  assert.throws(() => bad.all(), /no such column: nope/)
})

test('lazyQuery builds its query on the first call only, and returns that one every time', () => {
  const { sqlite, prepared } = counted()
  let builds = 0
  const query = lazyQuery(() => { builds++; return sqlite.prepare('SELECT a FROM t ORDER BY a') })
  assert.equal(builds, 0)
  assert.deepEqual(prepared, [])
  const first = query()
  assert.equal(query(), first)
  assert.equal(builds, 1)
  assert.deepEqual(first.all(), [{ a: 1 }, { a: 2 }])
  assert.deepEqual(prepared, ['SELECT a FROM t ORDER BY a'])
})
