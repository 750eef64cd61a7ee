/** Bulk and single item endpoints, errors, coercion, PATCH $add/$remove, PUT, quota and visibility (items 163–176). */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { restSetup } from '../../rest-factories.js'
import { addItems, call, errorIds, getItem, listCatalogs, makeCatalog } from './helpers.js'

describe('bulk item writes', () => {
  test('item 168: POST/PATCH/PUT/DELETE → 202 {"message":"success"} and the writes land', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const post = await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'r1', Name: 'One', Rating: 5, Top_Dishes: ['Pizza', 'Fries'] }, { id: 'r2', Name: 'Two' }] })
    assert.equal(post.statusCode, 202)
    assert.deepEqual(json(post), { message: 'success' })
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'One', Rating: 5, Top_Dishes: ['Pizza', 'Fries'] })
    // item 173: PATCH changes only the named fields; $add/$remove on the array
    const patch = await call(s, 'PATCH', '/catalogs/restaurants/items', { items: [{ id: 'r1', Rating: 4, Top_Dishes: { $add: ['Pie'], $remove: ['Fries'] } }, { id: 'ghost', Rating: 1 }] })
    assert.equal(patch.statusCode, 202)
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'One', Rating: 4, Top_Dishes: ['Pizza', 'Pie'] })
    assert.equal(await getItem(s, 'ghost'), undefined, 'PATCH of a missing id is ignored')
    // item 172: PUT replaces (fields not sent disappear) and creates
    const put = await call(s, 'PUT', '/catalogs/restaurants/items', { items: [{ id: 'r1', Name: 'Uno' }, { id: 'r3', Name: 'Three' }] })
    assert.equal(put.statusCode, 202)
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'Uno' })
    assert.deepEqual(await getItem(s, 'r3'), { id: 'r3', Name: 'Three' })
    // bulk POST of an existing id leaves it unchanged [inferred]
    await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'r1', Name: 'Changed?' }] })
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'Uno' })
    const del = await call(s, 'DELETE', '/catalogs/restaurants/items', { items: [{ id: 'r1' }, { id: 'never' }] })
    assert.equal(del.statusCode, 202)
    assert.equal(await getItem(s, 'r1'), undefined)
    assert.equal((await listCatalogs(s))[0]!.num_items, 2)
  })

  test('item 163: 51 items → request-includes-too-many-items, nothing written', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const items = Array.from({ length: 51 }, (_, i) => ({ id: `r${i}` }))
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE'] as const) {
      const res = await call(s, method, '/catalogs/restaurants/items', { items })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(errorIds(res), ['request-includes-too-many-items'], method)
    }
    assert.equal((await listCatalogs(s))[0]!.num_items, 0)
  })

  test('item 164: a field not in the catalog → invalid-fields naming the item', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const res = await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'r1', Name: 'ok' }, { id: 'r2', Nope: 1 }, { id: 'r3', Other: 2 }] })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), {
      errors: [{ id: 'invalid-fields', message: 'Some of the fields given do not exist in the catalog', parameters: ['id'], parameter_values: ['r2', 'r3'] }],
      message: 'Invalid Request'
    })
    assert.equal(await getItem(s, 'r1'), undefined, 'one transaction: the valid item was not written either')
  })

  test('item 165: items without ids → items-missing-ids with the count', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const res = await call(s, 'DELETE', '/catalogs/restaurants/items', { items: [{ Name: 'x' }, { id: 'a' }, {}] })
    assert.deepEqual(json(res), { errors: [{ id: 'items-missing-ids', message: 'There are 2 item(s) that do not have ids', parameters: [], parameter_values: [] }], message: 'Invalid Request' })
  })

  test('item 166: invalid-ids, ids-too-large, ids-not-unique, ids-not-strings — all at once', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const res = await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'has space' }, { id: 'x'.repeat(251) }, { id: 'd' }, { id: 'd' }, { id: 7 }] })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(errorIds(res).sort(), ['ids-not-strings', 'ids-not-unique', 'ids-too-large', 'invalid-ids'])
    const values = Object.fromEntries(json(res).errors.map((e: { id: string, parameter_values: unknown[] }) => [e.id, e.parameter_values]))
    assert.deepEqual(values['invalid-ids'], ['has space'])
    assert.deepEqual(values['ids-not-strings'], [7])
  })

  test('item 167: items-too-large, invalid-keys-in-value-object, too-deep-nesting, unable-to-coerce-value', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 50; i++) deep = { n: deep }
    let ok: Record<string, unknown> = { leaf: 1 }
    for (let i = 0; i < 49; i++) ok = { n: ok }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: 'a', Name: 'x'.repeat(5001) }, 'items-too-large'],
      [{ id: 'a', Details: { 'a.b': 1 } }, 'invalid-keys-in-value-object'],
      [{ id: 'a', Details: { nested: { $set: 1 } } }, 'invalid-keys-in-value-object'],
      [{ id: 'a', Details: deep }, 'too-deep-nesting-in-value-object'],
      [{ id: 'a', Rating: 'abc' }, 'unable-to-coerce-value'],
      [{ id: 'a', Loyalty: 'maybe' }, 'unable-to-coerce-value'],
      [{ id: 'a', Open_Time: 'yesterday' }, 'unable-to-coerce-value'],
      [{ id: 'a', Top_Dishes: 'Pizza' }, 'unable-to-coerce-value'],
      [{ id: 'a', Location: [200, 10] }, 'unable-to-coerce-value'],
      [{ id: 'a', Name: { first: 'x' } }, 'unable-to-coerce-value'],
      // $add/$remove belong to PATCH: in POST the object is a value with `$` keys
      [{ id: 'a', Top_Dishes: { $add: ['x'] } }, 'invalid-keys-in-value-object']
    ]
    for (const [item, id] of cases) {
      const res = await call(s, 'POST', '/catalogs/restaurants/items', { items: [item] })
      assert.equal(res.statusCode, 400, JSON.stringify(item).slice(0, 80))
      assert.deepEqual(errorIds(res), [id], JSON.stringify(item).slice(0, 80))
      assert.deepEqual(json(res).errors[0].parameter_values, ['a'])
    }
    const fine = await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'a', Details: ok, Name: 'x'.repeat(5000) }] })
    assert.equal(fine.statusCode, 202, fine.body)
    const patchName = await call(s, 'PATCH', '/catalogs/restaurants/items', { items: [{ id: 'a', Name: { $add: ['x'] } }] })
    assert.deepEqual(errorIds(patchName), ['invalid-keys-in-value-object'], '$add on a non-array field is no array operation')
  })

  test('coercion: numeric strings, "true", numbers into strings, geo; item 176: time in UTC with ms and Z', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    await addItems(s, [{ id: 'r1', Name: 42, Rating: '4.5', Loyalty: 'TRUE', Open_Time: '2022-11-01T09:03:19.967+00:00', Location: [-73.98, 40.75], Details: { a: [1, { b: null }] } }])
    assert.deepEqual(await getItem(s, 'r1'), {
      id: 'r1', Name: '42', Rating: 4.5, Loyalty: true, Open_Time: '2022-11-01T09:03:19.967Z', Details: { a: [1, { b: null }] }, Location: [-73.98, 40.75]
    })
    await call(s, 'PATCH', '/catalogs/restaurants/items', { items: [{ id: 'r1', Open_Time: '2022-11-01T11:03:19+0200', Name: null }] })
    const item = await getItem(s, 'r1')
    assert.equal(item!.Open_Time, '2022-11-01T09:03:19.000Z')
    assert.equal(item!.Name, null)
  })

  test('a body that is not an object, or items not objects → item-array-invalid', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/items', [{ id: 'a' }])), ['item-array-invalid'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/items', { items: ['a'] })), ['item-array-invalid'])
    assert.deepEqual(errorIds(await call(s, 'PUT', '/catalogs/restaurants/items', { items: {} })), ['item-array-invalid'])
    assert.deepEqual(errorIds(await call(s, 'DELETE', '/catalogs/restaurants/items')), ['item-array-invalid'])
  })
})

describe('single-item endpoints', () => {
  test('item 169: GET 200 (array of one), POST 201, PATCH 200, PUT 200, DELETE 202', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const post = await call(s, 'POST', '/catalogs/restaurants/items/r1', { items: [{ Name: 'One', Top_Dishes: ['A'] }] })
    assert.equal(post.statusCode, 201)
    assert.deepEqual(json(post), { message: 'success' })
    const get = await call(s, 'GET', '/catalogs/restaurants/items/r1')
    assert.deepEqual(json(get), { items: [{ id: 'r1', Name: 'One', Top_Dishes: ['A'] }], message: 'success' })
    const patch = await call(s, 'PATCH', '/catalogs/restaurants/items/r1', { items: [{ Top_Dishes: { $add: ['B'] } }] })
    assert.equal(patch.statusCode, 200)
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'One', Top_Dishes: ['A', 'B'] })
    const put = await call(s, 'PUT', '/catalogs/restaurants/items/r1', { items: [{ Rating: 3 }] })
    assert.equal(put.statusCode, 200)
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Rating: 3 })
    const putNew = await call(s, 'PUT', '/catalogs/restaurants/items/r2', { items: [{ Name: 'Two' }] })
    assert.equal(putNew.statusCode, 200)
    assert.deepEqual(await getItem(s, 'r2'), { id: 'r2', Name: 'Two' })
    const del = await call(s, 'DELETE', '/catalogs/restaurants/items/r1')
    assert.equal(del.statusCode, 202)
    assert.deepEqual(json(del), { message: 'success' })
  })

  test('item 170: id-in-body, item-already-exists, two objects', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/items/r1', { items: [{ id: 'r1', Name: 'x' }] })), ['id-in-body'])
    await call(s, 'POST', '/catalogs/restaurants/items/r1', { items: [{ Name: 'x' }] })
    const exists = await call(s, 'POST', '/catalogs/restaurants/items/r1', { items: [{ Name: 'y' }] })
    assert.equal(exists.statusCode, 400)
    assert.deepEqual(errorIds(exists), ['item-already-exists'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/items/r2', { items: [{ Name: 'a' }, { Name: 'b' }] })), ['request-includes-too-many-items'])
    assert.deepEqual(errorIds(await call(s, 'PUT', '/catalogs/restaurants/items/bad%20id', { items: [{ Name: 'a' }] })), ['invalid-ids'])
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'x' })
  })

  test('item 171: GET/PATCH/DELETE of a missing item → 404 item-not-found', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await call(s, method, '/catalogs/restaurants/items/nope', method === 'PATCH' ? { items: [{ Name: 'x' }] } : undefined)
      assert.equal(res.statusCode, 404, method)
      assert.deepEqual(json(res), { errors: [{ id: 'item-not-found', message: 'Could not find item', parameters: ['item_id'], parameter_values: ['nope'] }], message: 'Invalid Request' })
    }
  })
})

describe('fields', () => {
  test('POST fields → 202; new fields take values; DELETE field removes its values', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    await addItems(s, [{ id: 'r1', Name: 'One', Rating: 2 }])
    const add = await call(s, 'POST', '/catalogs/restaurants/fields', { fields: [{ name: 'Cuisine', type: 'string' }] })
    assert.equal(add.statusCode, 202)
    assert.deepEqual(json(add), { message: 'success' })
    await call(s, 'PATCH', '/catalogs/restaurants/items', { items: [{ id: 'r1', Cuisine: 'Thai' }] })
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'One', Rating: 2, Cuisine: 'Thai' })
    const del = await call(s, 'DELETE', '/catalogs/restaurants/fields/Rating')
    assert.equal(del.statusCode, 202)
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'One', Cuisine: 'Thai' })
    assert.ok(!(await listCatalogs(s))[0]!.fields.some((f: { name: string }) => f.name === 'Rating'))
    assert.deepEqual(errorIds(await call(s, 'PATCH', '/catalogs/restaurants/items', { items: [{ id: 'r1', Rating: 1 }] })), ['invalid-fields'])
  })

  test('field errors: > 50 new, catalog over 500, duplicates, bad type, unknown field to delete', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, type: 'string' }))
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/fields', { fields: many })), ['request-includes-too-many-fields'])
    for (let i = 0; i < 9; i++) {
      const res = await call(s, 'POST', '/catalogs/restaurants/fields', { fields: Array.from({ length: 50 }, (_, j) => ({ name: `g${i}_${j}`, type: 'number' })) })
      assert.equal(res.statusCode, 202, res.body)
    }
    // 8 + 450 = 458 fields: 50 more would make 508
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/fields', { fields: Array.from({ length: 50 }, (_, j) => ({ name: `h${j}`, type: 'string' })) })), ['catalog-exceeds-fields-limit'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/fields', { fields: [{ name: 'Name', type: 'string' }, { name: 'z', type: 'money' }] })).sort(), ['field-names-not-unique', 'invalid-field-types'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs/restaurants/fields', { fields: 'x' })), ['invalid-fields'])
    assert.deepEqual(errorIds(await call(s, 'DELETE', '/catalogs/restaurants/fields/Nope')), ['invalid-field-name'])
    assert.deepEqual(errorIds(await call(s, 'DELETE', '/catalogs/restaurants/fields/id')), ['invalid-field-name'])
  })
})

describe('storage quota', () => {
  test('a write past the quota → company-size-limit-surge; a full workspace → company-size-limit-already-reached', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const set = await s.app.inject({ method: 'PUT', url: `/_fake/workspaces/${s.workspaceId}/catalog-settings`, payload: { storage_limit_bytes: 200 } })
    assert.equal(set.statusCode, 200, set.body)
    assert.equal((await call(s, 'PUT', '/catalogs/restaurants/items', { items: [{ id: 'a', Name: 'x'.repeat(100) }] })).statusCode, 202)
    const surge = await call(s, 'PUT', '/catalogs/restaurants/items', { items: [{ id: 'b', Name: 'x'.repeat(100) }] })
    assert.equal(surge.statusCode, 400)
    assert.deepEqual(errorIds(surge), ['company-size-limit-surge'])
    await s.app.inject({ method: 'PUT', url: `/_fake/workspaces/${s.workspaceId}/catalog-settings`, payload: { storage_limit_bytes: 50 } })
    for (const [method, url, body] of [
      ['PUT', '/catalogs/restaurants/items', { items: [{ id: 'c' }] }], ['POST', '/catalogs/restaurants/items/c', { items: [{}] }],
      ['POST', '/catalogs/restaurants/fields', { fields: [{ name: 'n', type: 'string' }] }]
    ] as const) {
      const full = await call(s, method, url, body)
      assert.equal(full.statusCode, 400, url)
      assert.deepEqual(json(full).errors[0].id, 'company-size-limit-already-reached')
    }
    // deletes still work and free space
    assert.equal((await call(s, 'DELETE', '/catalogs/restaurants/items/a')).statusCode, 202)
    const view = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/catalogs` })
    assert.deepEqual(json(view).storage, { used_bytes: 0, limit_bytes: 50 })
  })
})

describe('asynchronous writes and visibility', () => {
  test('with a visibility delay, bulk-created items show only after it; single PUT is visible at once', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const delay = await s.app.inject({ method: 'PUT', url: '/_fake/visibility', payload: { delay_ms: 5000 } })
    assert.equal(delay.statusCode, 200, delay.body)
    assert.equal((await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'r1', Name: 'One' }] })).statusCode, 202)
    assert.equal(await getItem(s, 'r1'), undefined)
    assert.equal((await listCatalogs(s))[0]!.num_items, 0)
    assert.equal((await call(s, 'PUT', '/catalogs/restaurants/items/r2', { items: [{ Name: 'Two' }] })).statusCode, 200)
    assert.deepEqual(await getItem(s, 'r2'), { id: 'r2', Name: 'Two' })
    s.advance(5000)
    assert.deepEqual(await getItem(s, 'r1'), { id: 'r1', Name: 'One' })
    assert.equal((await listCatalogs(s))[0]!.num_items, 2)
  })
})
