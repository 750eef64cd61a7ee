/** GET /catalogs/{n}/items paging: 50 a page, Link header, cursors, invalid-cursor (items 174, 175). */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { restSetup, type RestSetup } from '../../rest-factories.js'
import { addItems, call, errorIds, makeCatalog } from './helpers.js'

function links (header: unknown): Record<string, string> {
  if (header === undefined) return {}
  const out: Record<string, string> = {}
  for (const part of String(header).split(',')) {
    const m = /^<([^>]+)>; rel="(prev|next)"$/.exec(part)
    assert.ok(m !== null, `Link entry ${part}`)
    out[m[2]!] = m[1]!
  }
  return out
}

async function page (s: RestSetup, url: string): Promise<{ ids: string[], links: Record<string, string> }> {
  const res = await call(s, 'GET', url)
  assert.equal(res.statusCode, 200, res.body)
  assert.equal(json(res).message, 'success')
  return { ids: json(res).items.map((i: { id: string }) => i.id), links: links(res.headers.link) }
}

describe('GET /catalogs/{n}/items', () => {
  test('item 174: 120 items → next only, then prev+next, then prev only; creation order; prev goes back', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const ids = Array.from({ length: 120 }, (_, i) => `item-${String(119 - i).padStart(3, '0')}`)
    await addItems(s, ids.map((id) => ({ id, Rating: 1 })))
    const first = await page(s, '/catalogs/restaurants/items')
    assert.deepEqual(first.ids, ids.slice(0, 50))
    assert.deepEqual(Object.keys(first.links), ['next'])
    assert.match(first.links.next!, /^\/catalogs\/restaurants\/items\?cursor=/)
    const second = await page(s, first.links.next!)
    assert.deepEqual(second.ids, ids.slice(50, 100))
    assert.deepEqual(Object.keys(second.links), ['prev', 'next'])
    const third = await page(s, second.links.next!)
    assert.deepEqual(third.ids, ids.slice(100))
    assert.deepEqual(Object.keys(third.links), ['prev'])
    const back = await page(s, third.links.prev!)
    assert.deepEqual(back.ids, ids.slice(50, 100))
    assert.deepEqual(Object.keys(back.links), ['prev', 'next'])
    const start = await page(s, back.links.prev!)
    assert.deepEqual(start.ids, ids.slice(0, 50))
    // Braze's own cursor form: base64("skip:50")
    const braze = await page(s, `/catalogs/restaurants/items?cursor=${Buffer.from('skip:50').toString('base64')}`)
    assert.deepEqual(braze.ids, ids.slice(50, 100))
    // the header's raw form: entries separated by a comma without a space
    const raw = await call(s, 'GET', second.links.next!.replace(/^.*cursor=/, '/catalogs/restaurants/items?cursor='))
    assert.ok(!String(raw.headers.link).includes(', '))
  })

  test('≤ 50 items → no Link header; an empty catalog → []', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const empty = await call(s, 'GET', '/catalogs/restaurants/items')
    assert.deepEqual(json(empty), { items: [], message: 'success' })
    await addItems(s, Array.from({ length: 50 }, (_, i) => ({ id: `r${i}` })))
    const res = await call(s, 'GET', '/catalogs/restaurants/items')
    assert.equal(json(res).items.length, 50)
    assert.equal(res.headers.link, undefined)
  })

  test('item 175: cursor=bad-cursor → 400 invalid-cursor', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    for (const cursor of ['bad-cursor', Buffer.from('skip:abc').toString('base64'), '%%%']) {
      const res = await call(s, 'GET', `/catalogs/restaurants/items?cursor=${encodeURIComponent(cursor)}`)
      assert.equal(res.statusCode, 400)
      assert.deepEqual(errorIds(res), ['invalid-cursor'])
      assert.deepEqual(json(res).errors[0], { id: 'invalid-cursor', message: "'cursor' is not valid", parameters: ['cursor'], parameter_values: [cursor] })
    }
  })

  test('items deleted between pages do not break paging', async (t) => {
    const s = await restSetup(t)
    await makeCatalog(s)
    const ids = Array.from({ length: 110 }, (_, i) => `r${i}`)
    await addItems(s, ids.map((id) => ({ id })))
    const first = await page(s, '/catalogs/restaurants/items')
    await call(s, 'DELETE', '/catalogs/restaurants/items', { items: [{ id: 'r50' }, { id: 'r10' }] })
    const second = await page(s, first.links.next!)
    assert.deepEqual(second.ids, ids.slice(51, 101))
  })
})
