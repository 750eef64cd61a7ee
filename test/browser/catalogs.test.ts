/**
 * The dashboard's Catalogs page in real Chromium: a catalog a sync created appears with its
 * fields and item count; its page shows fields and items, 50 a page, with Next / Previous.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { testConfig } from '../../src/config.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { SKIP_REASON, launchChromium } from './chromium.js'

describe('dashboard Catalogs page in Chromium', { skip: SKIP_REASON }, () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []
  const key = 'catalog-browser-rest-key'
  const rest = async (method: string, path: string, body: unknown): Promise<number> => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return res.status
  }

  before(async () => {
    server = await startServer(testConfig({ FAKE_BRAZE_DASHBOARD: 'true' }), { docs: false })
    const seeded = await fetch(`${server.url}/_fake/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workspaces: [{ id: 'acme', rest_api_keys: [{ key }] }] }) })
    assert.equal(seeded.status, 201)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  test('the list shows a synced catalog with its fields and items; the catalog page pages its items', async () => {
    await page.goto(`${server.url}/dashboard/#/w/acme/catalogs`)
    await page.getByText('No catalogs yet').waitFor()
    assert.equal(await rest('POST', '/catalogs', { catalogs: [{ name: 'products', description: 'Product table', fields: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'price', type: 'number' }] }] }), 201)
    for (let i = 0; i < 120; i += 50) {
      const items = Array.from({ length: Math.min(50, 120 - i) }, (_, j) => ({ id: `sku-${String(i + j).padStart(3, '0')}`, title: `Product ${i + j}`, price: i + j }))
      assert.equal(await rest('PUT', '/catalogs/products/items', { items }), 202)
    }
    // live: the list refreshes by itself
    const row = page.locator('tr[data-catalog="products"]')
    await row.locator('.item-count').filter({ hasText: '120' }).waitFor()
    assert.match(await row.innerText(), /id \(string\), title \(string\), price \(number\)/)
    await page.getByRole('link', { name: 'products' }).click()
    await page.getByRole('heading', { name: 'products' }).waitFor()
    await page.locator('tr[data-item="sku-000"]').waitFor()
    assert.equal(await page.locator('table.items tbody tr').count(), 50)
    assert.match(await page.locator('tr[data-item="sku-000"]').innerText(), /sku-000\s+Product 0\s+0/)
    await page.getByRole('button', { name: 'Next' }).click()
    await page.locator('tr[data-item="sku-050"]').waitFor()
    await page.getByRole('button', { name: 'Next' }).click()
    await page.locator('tr[data-item="sku-119"]').waitFor()
    assert.equal(await page.locator('table.items tbody tr').count(), 20)
    assert.ok(await page.getByRole('button', { name: 'Next' }).isDisabled())
    await page.getByRole('button', { name: 'Previous' }).click()
    await page.locator('tr[data-item="sku-050"]').waitFor()
    assert.deepEqual(pageErrors, [])
  })
})
