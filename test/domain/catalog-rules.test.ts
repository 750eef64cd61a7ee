/** Catalog rules without HTTP: coercion, time normalisation, nesting, PATCH arrays, cursors. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  applyPatch, coerceTime, coerceValue, decodeCursor, encodeCursor, itemView, parseBulkItems, parseCreateCatalog, parseSingleItem, type FieldType
} from '../../src/domain/catalogs/catalog-rules.js'
import { CatalogRequestError } from '../../src/domain/shared/errors.js'

function ids (fn: () => unknown): string[] {
  try { fn() } catch (e) {
    assert.ok(e instanceof CatalogRequestError)
    return e.entries.map((x) => x.id)
  }
  assert.fail('no error')
}

const FIELDS = new Map<string, FieldType>([['id', 'string'], ['n', 'number'], ['a', 'array'], ['o', 'object'], ['t', 'time']])

describe('catalog rules', () => {
  test('time: offsets, no offset (UTC), date only → UTC with ms and Z; junk → undefined', () => {
    assert.equal(coerceTime('2022-11-01T09:03:19.967+00:00'), '2022-11-01T09:03:19.967Z')
    assert.equal(coerceTime('2022-11-01T10:03:19-0100'), '2022-11-01T11:03:19.000Z')
    assert.equal(coerceTime('2022-11-01T10:03'), '2022-11-01T10:03:00.000Z')
    assert.equal(coerceTime('2022-11-01'), '2022-11-01T00:00:00.000Z')
    assert.equal(coerceTime('2022-13-45'), undefined)
    assert.equal(coerceTime(1667293399), undefined)
  })

  test('coercion per type', () => {
    assert.equal(coerceValue('number', '12'), 12)
    assert.equal(coerceValue('number', ''), undefined)
    assert.equal(coerceValue('string', true), 'true')
    assert.equal(coerceValue('boolean', 'False'), false)
    assert.deepEqual(coerceValue('geo', [2.35, 48.85]), [2.35, 48.85])
    assert.equal(coerceValue('geo', [48.85]), undefined)
    assert.equal(coerceValue('object', []), undefined)
    assert.equal(coerceValue('array', null), null)
  })

  test('create catalog: the first field must be id of type string; errors collected', () => {
    assert.deepEqual(parseCreateCatalog({ catalogs: [{ name: 'c', fields: [{ name: 'id', type: 'string' }] }] }), { name: 'c', description: '', fields: [{ name: 'id', type: 'string' }] })
    assert.deepEqual(ids(() => parseCreateCatalog({ catalogs: [{ name: 'c d', fields: [{ name: 'x', type: 'blob' }] }] })).sort(), ['id-not-first-column', 'invalid-catalog-name', 'invalid-field-types'])
  })

  test('bulk items: one entry per error id, every offending item in parameter_values', () => {
    try {
      parseBulkItems({ items: [{ id: 'a', n: 'x' }, { id: 'b', n: 'y' }, { id: 'c', zz: 1 }] }, 'create', FIELDS)
      assert.fail('no error')
    } catch (e) {
      assert.ok(e instanceof CatalogRequestError)
      assert.equal(e.statusCode, 400)
      assert.deepEqual(e.entries.map((x) => [x.id, x.parameter_values]), [['unable-to-coerce-value', ['a', 'b']], ['invalid-fields', ['c']]])
    }
  })

  test('$add/$remove only in PATCH on array fields; applyPatch removes then adds', () => {
    const w = parseBulkItems({ items: [{ id: 'a', a: { $add: ['x', 'y'], $remove: ['z'] }, n: 2 }] }, 'update', FIELDS)[0]!
    assert.deepEqual(applyPatch({ a: ['z', 'w'], n: 1, t: 'keep' }, w), { a: ['w', 'x', 'y'], n: 2, t: 'keep' })
    assert.deepEqual(ids(() => parseBulkItems({ items: [{ id: 'a', a: { $add: ['x'] } }] }, 'replace', FIELDS)), ['invalid-keys-in-value-object'])
  })

  test('single item: id in body, too many objects', () => {
    assert.deepEqual(ids(() => parseSingleItem('a', { items: [{ id: 'a' }] }, 'create', FIELDS)), ['id-in-body'])
    assert.deepEqual(ids(() => parseSingleItem('a', { items: [{}, {}] }, 'create', FIELDS)), ['request-includes-too-many-items'])
  })

  test('item view: id first, then catalog field order', () => {
    assert.deepEqual(Object.keys(itemView('i', { t: 1, n: 2 }, [{ name: 'id', type: 'string' }, { name: 'n', type: 'number' }, { name: 't', type: 'time' }])), ['id', 'n', 't'])
  })

  test('cursors round-trip; Braze\'s skip:N form decodes; junk does not', () => {
    assert.deepEqual(decodeCursor(encodeCursor({ skip: 100, after: 4711 })), { skip: 100, after: 4711 })
    assert.deepEqual(decodeCursor(encodeCursor({ skip: 50, before: 9 })), { skip: 50, before: 9 })
    assert.deepEqual(decodeCursor('c2tpcDoxMDA='), { skip: 100 })
    assert.equal(decodeCursor('bad-cursor'), undefined)
  })
})
