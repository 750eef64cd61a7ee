import { test } from 'node:test'
import assert from 'node:assert/strict'
import { capArray, dedupe, deeperThan, leafCount, parseCustom } from '../../src/domain/users/track/track-custom-attributes.js'
import { applyCustom, arrayAddRemove, deepMerge, objectArrayOps } from '../../src/domain/users/track/track-apply.js'

test('parseCustom recognises each operation only in its exact shape', () => {
  assert.deepEqual(parseCustom({ inc: 2 }, false).op, { kind: 'inc', by: 2 })
  assert.deepEqual(parseCustom({ add: ['a'] }, false).op, { kind: 'array', add: ['a'], remove: [] })
  assert.deepEqual(parseCustom({ inc: 'x' }, false).op, { kind: 'object', value: { inc: 'x' } })
  assert.deepEqual(parseCustom({ add: 'a' }, false).op, { kind: 'object', value: { add: 'a' } })
  assert.deepEqual(parseCustom(null, false), { op: { kind: 'unset' }, nested: false, invalid: false, points: 1 })
  assert.equal(parseCustom([{ a: 1 }], false).op.kind, 'objects')
})

test('parseCustom marks invalid nested values: bad $time, dotted or dollar keys, null outside a merge, mixed arrays of objects', () => {
  for (const v of [{ t: { $time: 'x' } }, { 'a.b': 1 }, { $a: 1 }, { 'a b': 1 }, { a: null }, [{ a: 1 }, 2], { $update: [{ $identifier_key: 'id' }] }]) {
    assert.equal(parseCustom(v, false).invalid, true, JSON.stringify(v))
  }
  assert.equal(parseCustom({ a: null }, true).invalid, false)
})

test('mixed scalar arrays become strings and duplicates are dropped', () => {
  assert.deepEqual(parseCustom([1, 'a', true, 1], false).op, { kind: 'set', value: ['1', 'a', 'true'] })
  assert.deepEqual(dedupe(['a', 'a', 'b', 'a']), ['a', 'b'])
  assert.equal(capArray(Array.from({ length: 30 }, (_, i) => i)).length, 25)
})

test('leafCount counts leaves of nested objects, a $time as one leaf', () => {
  assert.equal(leafCount({ a: 1, b: { c: 1, d: { $time: '2020-01-01' } }, e: [1, 2] }), 4)
  assert.equal(leafCount({}), 1)
})

test('arrayAddRemove appends, moves re-added values to the end, removes after adding, and keeps the newest 25', () => {
  assert.deepEqual(arrayAddRemove(['a', 'b', 'c'], ['a', 'd'], ['b']), ['c', 'a', 'd'])
  assert.deepEqual(arrayAddRemove(['a'], ['x'], ['x']), ['a'])
  const full = Array.from({ length: 25 }, (_, i) => i)
  assert.deepEqual(arrayAddRemove(full, [99], []), [...full.slice(1), 99])
})

test('deepMerge merges nested objects key by key and deletes keys set to null', () => {
  assert.deepEqual(deepMerge({ a: 1, n: { x: 1, y: 2 } }, { n: { y: null, z: 3 }, b: 2 }), { a: 1, n: { x: 1, z: 3 }, b: 2 })
})

test('objectArrayOps applies $add, then $remove, then $update', () => {
  const out = objectArrayOps([{ id: 1, t: 'dog' }], {
    add: [{ id: 2, t: 'dog' }, { id: 3, t: 'cat' }],
    remove: [{ key: 't', value: 'dog' }],
    update: [{ key: 'id', value: 3, newObject: { name: 'Tom' } }]
  }, true)
  assert.deepEqual(out, [{ id: 3, t: 'cat', name: 'Tom' }])
})

test('applyCustom never mutates the stored attributes', () => {
  const stored = Object.freeze({ n: 1 })
  assert.deepEqual(applyCustom(stored, 'n', { kind: 'inc', by: 2 }, false), { n: 3 })
  assert.deepEqual(stored, { n: 1 })
})

test('deeperThan measures nesting without recursion', () => {
  assert.equal(deeperThan({ a: { b: 1 } }, 2), false)
  assert.equal(deeperThan({ a: { b: { c: 1 } } }, 2), true)
  let deep: unknown = 1
  for (let i = 0; i < 100000; i++) deep = [deep]
  assert.equal(deeperThan(deep, 50), true)
  assert.equal(parseCustom(deep, false).invalid, true)
})
