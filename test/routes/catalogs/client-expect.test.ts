/** The typed control client's catalog methods and `fake-braze expect` catalog expectations, over HTTP. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeBraze } from '../../../src/start.js'
import { expectCommand } from '../../../src/cli/expect.js'

test('control client: catalogs, catalog pages, every item, quota; expect checks catalogs', async (t) => {
  const braze = await startFakeBraze({
    seed: {
      workspaces: [{
        id: 'w',
        rest_api_keys: [{ key: 'w-rest-api-key' }],
        catalogs: [{ name: 'products', fields: [{ name: 'id', type: 'string' }, { name: 'price', type: 'number' }], items: Array.from({ length: 70 }, (_, i) => ({ id: `p${i}`, price: i })) }]
      }]
    }
  })
  t.after(() => braze.close())
  const list = await braze.control.catalogs('w')
  assert.deepEqual(list.catalogs.map((c) => [c.name, c.num_items]), [['products', 70]])
  const page = await braze.control.catalog('w', 'products')
  assert.equal(page.items.length, 50)
  assert.equal((await braze.control.catalog('w', 'products', page.next_cursor)).items.length, 20)
  assert.equal((await braze.control.catalogItems('w', 'products')).length, 70)
  assert.equal((await braze.control.setCatalogStorageLimit('w', 1234)).limit_bytes, 1234)

  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-cat-expect-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const run = async (expectations: unknown): Promise<{ code: number, out: string }> => {
    const file = join(dir, 'e.json')
    writeFileSync(file, JSON.stringify(expectations))
    let out = ''
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string) => { out += chunk; return true }) as typeof process.stdout.write
    try { return { code: await expectCommand(file, { url: braze.url }), out } } finally { process.stdout.write = write }
  }
  const ok = await run({ workspace: 'w', catalogs: [{ name: 'products', fields: ['price'], num_items: 70, items: { p3: { price: 3 }, nope: null } }, { name: 'gone', exists: false }] })
  assert.equal(ok.code, 0, ok.out)
  const bad = await run({ workspace: 'w', catalogs: [{ name: 'products', num_items: { max: 10 }, items: { p3: { price: 4 }, nope: {} } }, { name: 'missing' }] })
  assert.equal(bad.code, 1)
  assert.match(bad.out, /items\.p3\.price: expected 4, got 3/)
  assert.match(bad.out, /items\.nope: no such item/)
  assert.match(bad.out, /✗ catalog missing\n {4}no such catalog/)
})
