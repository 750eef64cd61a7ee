/**
 * Warehouse syncs as Census and Hightouch send them (braze-reference-messaging §4; Census "Catalog"
 * object: Update or Create, Update, Mirror), over real HTTP, plus the kill-safe 202.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../../../src/app.js'
import { testConfig } from '../../../src/config.js'
import { restKey } from '../../rest-factories.js'
import { makeWorkspace } from '../../factories.js'

async function http (base: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number, body: any, headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) })
  })
  return { status: res.status, body: await res.json(), headers: res.headers }
}

async function allItems (base: string, key: string, name: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = []
  let path: string | undefined = `/catalogs/${name}/items`
  while (path !== undefined) {
    const res = await http(base, key, 'GET', path)
    assert.equal(res.status, 200)
    out.push(...res.body.items)
    path = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1]
  }
  return out
}

describe('catalog syncs over HTTP', () => {
  test('Census: create the catalog, upsert in batches of 50, then mirror with deletes', async (t) => {
    const app = await buildApp(testConfig(), { docs: false })
    t.after(() => app.close())
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const ws = await makeWorkspace(app)
    const key = await restKey(app, ws.id)
    // the catalog must already exist in Braze (Census docs): the team creates it once
    const created = await http(base, key, 'POST', '/catalogs', {
      catalogs: [{ name: 'products', description: 'Product table', fields: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'price', type: 'number' }, { name: 'updated', type: 'time' }] }]
    })
    assert.equal(created.status, 201)
    // Update or Create: PUT batches of 50 (creates missing, replaces existing)
    const rows = Array.from({ length: 120 }, (_, i) => ({ id: `sku-${i}`, title: `Product ${i}`, price: i + 0.5, updated: '2026-11-01T00:00:00+01:00' }))
    for (let i = 0; i < rows.length; i += 50) assert.equal((await http(base, key, 'PUT', '/catalogs/products/items', { items: rows.slice(i, i + 50) })).status, 202)
    let items = await allItems(base, key, 'products')
    assert.equal(items.length, 120)
    assert.deepEqual(items[0], { id: 'sku-0', title: 'Product 0', price: 0.5, updated: '2026-10-31T23:00:00.000Z' })
    // a bad row refuses its whole batch, with the row named
    const bad = await http(base, key, 'PUT', '/catalogs/products/items', { items: [{ id: 'sku-1', price: 'free' }] })
    assert.equal(bad.status, 400)
    assert.deepEqual(bad.body.errors.map((e: { id: string, parameter_values: unknown[] }) => [e.id, e.parameter_values]), [['unable-to-coerce-value', ['sku-1']]])
    // Mirror: the next night 20 rows vanished from the warehouse and 5 changed
    const removed = rows.slice(100).map((r) => ({ id: r.id }))
    assert.equal((await http(base, key, 'DELETE', '/catalogs/products/items', { items: removed })).status, 202)
    assert.equal((await http(base, key, 'PATCH', '/catalogs/products/items', { items: rows.slice(0, 5).map((r) => ({ id: r.id, price: 1 })) })).status, 202)
    items = await allItems(base, key, 'products')
    assert.equal(items.length, 100)
    assert.deepEqual(items.slice(0, 5).map((i) => i.price), [1, 1, 1, 1, 1])
    const list = await http(base, key, 'GET', '/catalogs')
    assert.equal(list.body.catalogs[0].num_items, 100)
  })

  test('Hightouch: insert new rows with POST, change rows with PATCH, remove with DELETE; retries are idempotent', async (t) => {
    const app = await buildApp(testConfig(), { docs: false })
    t.after(() => app.close())
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const ws = await makeWorkspace(app)
    const key = await restKey(app, ws.id)
    await http(base, key, 'POST', '/catalogs', { catalogs: [{ name: 'stores', description: 'Stores', fields: [{ name: 'id', type: 'string' }, { name: 'city', type: 'string' }, { name: 'tags', type: 'array' }] }] })
    const added = [{ id: 's1', city: 'Paris', tags: ['flagship'] }, { id: 's2', city: 'Lyon', tags: [] }]
    assert.equal((await http(base, key, 'POST', '/catalogs/stores/items', { items: added })).status, 202)
    // a retried batch (the sync timed out) changes nothing
    assert.equal((await http(base, key, 'POST', '/catalogs/stores/items', { items: added })).status, 202)
    assert.equal((await http(base, key, 'PATCH', '/catalogs/stores/items', { items: [{ id: 's2', tags: { $add: ['outlet'] } }] })).status, 202)
    assert.equal((await http(base, key, 'DELETE', '/catalogs/stores/items', { items: [{ id: 's1' }] })).status, 202)
    assert.equal((await http(base, key, 'DELETE', '/catalogs/stores/items', { items: [{ id: 's1' }] })).status, 202)
    assert.deepEqual(await allItems(base, key, 'stores'), [{ id: 's2', city: 'Lyon', tags: ['outlet'] }])
    const missing = await http(base, key, 'GET', '/catalogs/stores/items/s1')
    assert.equal(missing.status, 404)
  })

  test('kill-safe 202: a write answered 202 is on disk when the process is killed -9 right after', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-catalogs-'))
    t.after(() => rmSync(dir, { recursive: true, force: true }))
    const db = join(dir, 'fake.db')
    const { NODE_TEST_CONTEXT: _, ...env } = process.env
    const cli = fileURLToPath(new URL('../../../src/cli.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--db', db], { env: { ...env, FAKE_BRAZE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] })
    t.after(() => { if (child.exitCode === null) child.kill('SIGKILL') })
    const base = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /"url":"(http:[^"]+)"/.exec(out)
        if (m !== null) resolve(m[1]!)
      })
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
    })
    const wsRes = await fetch(`${base}/_fake/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    const ws = await wsRes.json() as { id: string }
    const keyRes = await fetch(`${base}/_fake/workspaces/${ws.id}/rest-api-keys`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    const key = (await keyRes.json() as { key: string }).key
    assert.equal((await http(base, key, 'POST', '/catalogs', { catalogs: [{ name: 'c', description: 'd', fields: [{ name: 'id', type: 'string' }] }] })).status, 201)
    assert.equal((await http(base, key, 'POST', '/catalogs/c/items', { items: Array.from({ length: 50 }, (_, i) => ({ id: `i${i}` })) })).status, 202)
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    const app = await buildApp(testConfig({ FAKE_BRAZE_DB: db }), { docs: false })
    t.after(() => app.close())
    const view = await app.inject({ url: `/_fake/workspaces/${ws.id}/catalogs` })
    assert.equal(view.json().catalogs[0].num_items, 50)
  })
})
