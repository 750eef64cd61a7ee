/** Control plane of catalogs: list, one catalog with items paged, quota settings, seeds and snapshots. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, post } from '../../helper.js'
import { restSetup } from '../../rest-factories.js'
import { addItems, getItem, makeCatalog } from './helpers.js'

test('GET /_fake/workspaces/{id}/catalogs and /catalogs/{name} with items paged by cursor', async (t) => {
  const s = await restSetup(t)
  await makeCatalog(s)
  await addItems(s, Array.from({ length: 60 }, (_, i) => ({ id: `r${i}`, Rating: i })))
  const list = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/catalogs` })
  assert.equal(list.statusCode, 200)
  assert.equal(json(list).catalogs[0].num_items, 60)
  assert.ok(json(list).storage.used_bytes > 0)
  assert.equal(json(list).storage.limit_bytes, 100 * 1024 * 1024)
  const one = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/catalogs/restaurants` })
  assert.equal(one.statusCode, 200)
  const body = json(one)
  assert.equal(body.name, 'restaurants')
  assert.equal(body.items.length, 50)
  assert.deepEqual(body.items[0], { id: 'r0', Rating: 0 })
  assert.equal(body.prev_cursor, undefined)
  const next = json(await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/catalogs/restaurants?cursor=${encodeURIComponent(body.next_cursor)}` }))
  assert.deepEqual(next.items.map((i: { id: string }) => i.id), Array.from({ length: 10 }, (_, i) => `r${50 + i}`))
  assert.equal(typeof next.prev_cursor, 'string')
  assert.equal((await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/catalogs/nope` })).statusCode, 404)
  assert.equal((await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/catalogs/restaurants?cursor=junk` })).statusCode, 400)
  assert.equal((await s.app.inject({ url: '/_fake/workspaces/nope/catalogs' })).statusCode, 404)
})

test('seed files carry catalogs (checked like PUT items); a snapshot reloads identically; deleting the workspace deletes its catalogs', async (t) => {
  const s = await restSetup(t)
  const seed = {
    workspaces: [{
      id: 'seeded',
      rest_api_keys: [{ key: 'seeded-rest-key' }],
      catalog_storage_limit_bytes: 10_000,
      catalogs: [{
        name: 'products', description: 'Products',
        fields: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'at', type: 'time' }],
        items: [{ id: 'p1', title: 'One', at: '2024-01-01T01:00:00+01:00' }, { id: 'p2', title: 'Two' }]
      }]
    }]
  }
  const loaded = await post(s.app, '/_fake/seed', seed)
  assert.equal(loaded.statusCode, 201, loaded.body)
  const r = await s.app.inject({ url: '/catalogs/products/items/p1', headers: { authorization: 'Bearer seeded-rest-key' } })
  assert.deepEqual(json(r).items, [{ id: 'p1', title: 'One', at: '2024-01-01T00:00:00.000Z' }])
  const snap = await s.app.inject({ url: '/_fake/workspaces/seeded/snapshot' })
  assert.equal(snap.statusCode, 200)
  const ws = json(snap).workspaces[0]
  assert.equal(ws.catalog_storage_limit_bytes, 10_000)
  assert.deepEqual(ws.catalogs[0].items, [{ id: 'p1', title: 'One', at: '2024-01-01T00:00:00.000Z' }, { id: 'p2', title: 'Two' }])
  // reload the snapshot under another id
  const again = await post(s.app, '/_fake/seed', { workspaces: [{ ...ws, id: 'copy', rest_api_keys: [{ key: 'copy-rest-key' }] }] })
  assert.equal(again.statusCode, 201, again.body)
  const copy = json(await s.app.inject({ url: '/_fake/workspaces/copy/snapshot' })).workspaces[0]
  assert.deepEqual(copy.catalogs, ws.catalogs)
  // a bad item in a seed names its place and the catalog error
  const bad = await post(s.app, '/_fake/seed', { workspaces: [{ id: 'bad', catalogs: [{ name: 'c', fields: [{ name: 'id', type: 'string' }, { name: 'n', type: 'number' }], items: [{ id: 'x', n: 'abc' }] }] }] })
  assert.equal(bad.statusCode, 400)
  assert.match(json(bad).message, /workspaces\[0\]\.catalogs\[0\]: unable-to-coerce-value/)
  assert.equal((await s.app.inject({ url: '/_fake/workspaces/bad' })).statusCode, 404, 'nothing of the refused file stayed')
  // the workspace's deletion takes its catalogs along
  assert.equal((await s.app.inject({ method: 'DELETE', url: '/_fake/workspaces/seeded' })).statusCode, 204)
  await post(s.app, '/_fake/seed', { workspaces: [{ id: 'seeded', rest_api_keys: [{ key: 'seeded-rest-key' }] }] })
  const none = await s.app.inject({ url: '/catalogs', headers: { authorization: 'Bearer seeded-rest-key' } })
  assert.deepEqual(json(none).catalogs, [])
})

test('POST /_fake/reset clears catalogs', async (t) => {
  const s = await restSetup(t)
  await makeCatalog(s)
  await addItems(s, [{ id: 'a' }])
  assert.ok(await getItem(s, 'a'))
  assert.ok((await s.app.inject({ method: 'POST', url: '/_fake/reset' })).statusCode < 300)
  const seeded = await post(s.app, '/_fake/seed', { workspaces: [{ id: 'w2', rest_api_keys: [{ key: 'w2-rest-key-1' }] }] })
  assert.equal(seeded.statusCode, 201, seeded.body)
  const list = await s.app.inject({ url: '/_fake/workspaces/w2/catalogs' })
  assert.deepEqual(json(list).catalogs, [])
  assert.equal(json(list).storage.used_bytes, 0)
})
