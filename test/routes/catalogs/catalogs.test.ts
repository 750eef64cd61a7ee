/** GET/POST /catalogs and DELETE /catalogs/{n} over inject (items 160–162, 177, 178). */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { restKey, restSetup } from '../../rest-factories.js'
import { makeWorkspace } from '../../factories.js'
import { RESTAURANT_FIELDS, addItems, call, errorIds, listCatalogs, makeCatalog } from './helpers.js'

describe('POST /catalogs', () => {
  test('item 160: a valid catalog → 201 with num_items 0; the same name again → catalog-name-already-exists', async (t) => {
    const s = await restSetup(t)
    const res = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'restaurants', description: 'My Restaurants', fields: RESTAURANT_FIELDS }] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), {
      catalogs: [{ description: 'My Restaurants', fields: RESTAURANT_FIELDS, name: 'restaurants', num_items: 0, updated_at: '2026-11-28T12:00:00.000Z' }],
      message: 'success'
    })
    const again = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'restaurants', description: 'x', fields: [{ name: 'id', type: 'string' }] }] })
    assert.equal(again.statusCode, 400)
    assert.deepEqual(json(again), {
      errors: [{ id: 'catalog-name-already-exists', message: 'A catalog with that name already exists', parameters: ['name'], parameter_values: ['restaurants'] }],
      message: 'Invalid Request'
    })
  })

  test('item 161: id not first, two catalogs, 501 fields', async (t) => {
    const s = await restSetup(t)
    const notFirst = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'c', description: 'd', fields: [{ name: 'Name', type: 'string' }, { name: 'id', type: 'string' }] }] })
    assert.deepEqual(errorIds(notFirst), ['id-not-first-column'])
    const idNumber = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'c', description: 'd', fields: [{ name: 'id', type: 'number' }] }] })
    assert.deepEqual(errorIds(idNumber), ['id-not-first-column'])
    const two = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'a', description: 'd', fields: [{ name: 'id', type: 'string' }] }, { name: 'b', description: 'd', fields: [{ name: 'id', type: 'string' }] }] })
    assert.deepEqual(errorIds(two), ['too-many-catalog-atoms'])
    const fields = [{ name: 'id', type: 'string' }, ...Array.from({ length: 500 }, (_, i) => ({ name: `f${i}`, type: 'string' }))]
    const many = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'c', description: 'd', fields }] })
    assert.deepEqual(errorIds(many), ['too-many-fields'])
    assert.deepEqual(await listCatalogs(s), [])
  })

  test('several broken rules are listed at once, each id once', async (t) => {
    const s = await restSetup(t)
    const res = await call(s, 'POST', '/catalogs', {
      catalogs: [{
        name: 'bad name',
        description: 'x'.repeat(251),
        fields: [{ name: 'id', type: 'string' }, { name: 'a.b', type: 'string' }, { name: 'c', type: 'decimal' }, { name: 'c', type: 'string' }, { name: 'x'.repeat(251), type: 'string' }]
      }]
    })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(errorIds(res).sort(), [
      'description-too-long', 'field-names-not-unique', 'field-names-too-large', 'invalid-catalog-name', 'invalid-field-names', 'invalid-field-types'
    ])
    const long = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'n'.repeat(251), description: 'd', fields: [{ name: 'id', type: 'string' }] }] })
    assert.deepEqual(errorIds(long), ['catalog-name-too-large'])
  })

  test('malformed bodies: catalogs not an array, a JSON array body, fields not objects', async (t) => {
    const s = await restSetup(t)
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs', { catalogs: 'restaurants' })), ['catalog-array-invalid'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs', [{ name: 'x' }])), ['catalog-array-invalid'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs', { catalogs: [] })), ['catalog-array-invalid'])
    assert.deepEqual(errorIds(await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'c', description: 'd', fields: ['id'] }] })), ['invalid-fields'])
    const broken = await s.app.inject({ method: 'POST', url: '/catalogs', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, payload: '{"catalogs": [' })
    assert.equal(broken.statusCode, 400)
    assert.deepEqual(json(broken), { message: 'Error while parsing request body. Please check your syntax.' })
  })

  test('names are unique per workspace, not per server', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const other = await makeWorkspace(s.app, { id: 'other' })
    const key = await restKey(s.app, other.id)
    const res = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'restaurants', description: 'd', fields: [{ name: 'id', type: 'string' }] }] }, key)
    assert.equal(res.statusCode, 201, res.body)
    const theirs = await call(s, 'GET', '/catalogs', undefined, key)
    assert.equal(json(theirs).catalogs.length, 1)
  })
})

describe('GET /catalogs and DELETE /catalogs/{n}', () => {
  test('item 178: list with num_items and updated_at following writes', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    await makeCatalog(s, 'stores', [{ name: 'id', type: 'string' }])
    s.advance(60_000)
    await addItems(s, [{ id: 'r1', Name: 'One' }, { id: 'r2', Name: 'Two' }])
    const list = await listCatalogs(s)
    assert.deepEqual(list.map((c) => [c.name, c.num_items, c.updated_at]), [
      ['restaurants', 2, '2026-11-28T12:01:00.000Z'], ['stores', 0, '2026-11-28T12:00:00.000Z']
    ])
    assert.deepEqual(Object.keys(list[0]!), ['description', 'fields', 'name', 'num_items', 'updated_at'])
  })

  test('items 162, 177: delete → 200; its items go, the name is free again; unknown → 404 catalog-not-found', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    await addItems(s, [{ id: 'r1', Name: 'One' }])
    const res = await call(s, 'DELETE', '/catalogs/restaurants')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(json(res), { message: 'success' })
    await makeCatalog(s)
    assert.equal((await listCatalogs(s))[0]!.num_items, 0)
    const missing = await call(s, 'DELETE', '/catalogs/nope')
    assert.equal(missing.statusCode, 404)
    assert.deepEqual(json(missing), {
      errors: [{ id: 'catalog-not-found', message: 'Could not find catalog', parameters: ['catalog_name'], parameter_values: ['nope'] }],
      message: 'Invalid Request'
    })
    for (const [method, url] of [['GET', '/catalogs/nope/items'], ['GET', '/catalogs/nope/items/a'], ['POST', '/catalogs/nope/items'], ['POST', '/catalogs/nope/fields']] as const) {
      const r = await call(s, method, url, method === 'POST' ? { items: [{ id: 'a' }], fields: [{ name: 'x', type: 'string' }] } : undefined)
      assert.equal(r.statusCode, 404, `${method} ${url}`)
      assert.deepEqual(errorIds(r), ['catalog-not-found'])
    }
  })
})

describe('permissions and rate limits', () => {
  test('a key without the endpoint\'s permission → 403 Access Denied; a bad key → 401', async (t) => {
    const s = await restSetup(t, ['catalogs.get'])
    assert.equal((await call(s, 'GET', '/catalogs')).statusCode, 200)
    const denied = await call(s, 'POST', '/catalogs', { catalogs: [{ name: 'c', description: 'd', fields: [{ name: 'id', type: 'string' }] }] })
    assert.equal(denied.statusCode, 403)
    assert.deepEqual(json(denied), { message: 'Access Denied' })
    const checks: Array<[string, 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', string]> = [
      ['catalogs.delete', 'DELETE', '/catalogs/c'], ['catalogs.add_items', 'POST', '/catalogs/c/items'], ['catalogs.update_items', 'PATCH', '/catalogs/c/items'],
      ['catalogs.replace_items', 'PUT', '/catalogs/c/items'], ['catalogs.delete_items', 'DELETE', '/catalogs/c/items'], ['catalogs.get_items', 'GET', '/catalogs/c/items'],
      ['catalogs.get_item', 'GET', '/catalogs/c/items/i'], ['catalogs.create_item', 'POST', '/catalogs/c/items/i'], ['catalogs.update_item', 'PATCH', '/catalogs/c/items/i'],
      ['catalogs.replace_item', 'PUT', '/catalogs/c/items/i'], ['catalogs.delete_item', 'DELETE', '/catalogs/c/items/i'],
      ['catalogs.create_fields', 'POST', '/catalogs/c/fields'], ['catalogs.delete_fields', 'DELETE', '/catalogs/c/fields/f']
    ]
    for (const [permission, method, url] of checks) {
      const body = ['POST', 'PATCH', 'PUT'].includes(method) ? { items: [] } : undefined
      assert.equal((await call(s, method, url, body)).statusCode, 403, `${method} ${url} without ${permission}`)
      const allowed = await restKey(s.app, s.workspaceId, [permission])
      assert.equal((await call(s, method, url, body, allowed)).statusCode, 404, `${method} ${url} with ${permission}`)
    }
    const bad = await call(s, 'GET', '/catalogs', undefined, 'not-a-key')
    assert.equal(bad.statusCode, 401)
  })

  test('item 72: /catalogs management shares a 50/min pool; bulk item writes have 16,000/min', async (t) => {
    const s = await restSetup(t)
    const res = await call(s, 'GET', '/catalogs')
    assert.equal(res.headers['x-ratelimit-limit'], '50')
    await makeCatalog(s)
    const del = await call(s, 'DELETE', '/catalogs/nope')
    assert.equal(del.headers['x-ratelimit-limit'], '50')
    assert.equal(del.headers['x-ratelimit-remaining'], '47')
    const bulk = await call(s, 'POST', '/catalogs/restaurants/items', { items: [{ id: 'a' }] })
    assert.equal(bulk.headers['x-ratelimit-limit'], '16000')
    const single = await call(s, 'GET', '/catalogs/restaurants/items/a')
    assert.equal(single.headers['x-ratelimit-limit'], '50')
    const list = await call(s, 'GET', '/catalogs/restaurants/items')
    assert.equal(list.headers['x-ratelimit-remaining'], '48', 'the item list shares the single-item pool')
    const fields = await call(s, 'POST', '/catalogs/restaurants/fields', { fields: [{ name: 'x', type: 'string' }] })
    assert.equal(fields.headers['x-ratelimit-limit'], '50')
    assert.equal(fields.headers['x-ratelimit-remaining'], '49')
  })

  test('the 51st management call in a minute → 429 when limits are enforced', async (t) => {
    const s = await restSetup(t)
    const on = await s.app.inject({ method: 'PUT', url: `/_fake/workspaces/${s.workspaceId}/rate-limits`, payload: { enabled: true } })
    assert.equal(on.statusCode, 200, on.body)
    for (let i = 0; i < 50; i++) assert.equal((await call(s, 'GET', '/catalogs')).statusCode, 200)
    assert.equal((await call(s, 'DELETE', '/catalogs/x')).statusCode, 429)
  })
})
