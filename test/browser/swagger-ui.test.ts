/**
 * Swagger UI as a newcomer uses it, in real Chromium (Debian's `chromium`, driven by playwright-core):
 * the documented examples chain in page order with "Try it out" → "Execute" on a fresh server,
 * "Authorize" takes the REST API key, and after POST /_fake/reset the chain runs again.
 * Skipped, with a message saying so, where no Chromium is installed (.ci/run installs it).
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Locator, Page } from 'playwright-core'
import { startServer, type RunningServer } from '../../src/server.js'
import { testConfig } from '../../src/config.js'
import { CHAIN, EXAMPLE_REST_API_KEY, type OperationExample } from '../../src/plugins/openapi-examples.js'
import { SKIP_REASON, launchChromium } from './chromium.js'

const SKIP = SKIP_REASON ?? false
if (SKIP !== false) process.stderr.write(`test/browser/swagger-ui.test.ts: ${SKIP}\n`)

let server: RunningServer
let browser: Browser

before(async () => {
  if (SKIP !== false) return
  server = await startServer(testConfig({ FAKE_BRAZE_PORT: '0' }), { docs: true })
  browser = await launchChromium()
})

after(async () => {
  if (SKIP !== false) return
  await browser?.close()
  await server?.close()
})

async function authorize (page: Page, key: string): Promise<void> {
  await page.locator('.auth-wrapper .authorize').first().click()
  const modal = page.locator('.modal-ux')
  await modal.locator('input').first().fill(key)
  await modal.locator('.auth-btn-wrapper .authorize').click()
  await modal.locator('.auth-btn-wrapper .btn-done').click()
}

/**
 * The operation's block, scrolled into the page. Swagger UI renders a long document (150 or more
 * tags and operations) as a virtual list: only the blocks near the viewport exist, so the page is
 * scrolled (down, then once more from the top) until the block is rendered, as a reader would.
 */
async function reveal (page: Page, method: string, path: string): Promise<Locator> {
  const block = page.locator(`.opblock.opblock-${method.toLowerCase()}`).filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) })
  let wrapped = false
  for (let i = 0; i < 1000 && await block.count() === 0; i++) {
    const atEnd = await page.evaluate(() => {
      const before = window.scrollY
      window.scrollBy(0, 500)
      return window.scrollY === before
    })
    if (atEnd) {
      if (wrapped) break
      wrapped = true
      await page.evaluate(() => window.scrollTo(0, 0))
    }
    await page.waitForTimeout(15)
  }
  return block
}

/** Expands the operation, presses Execute with the prefilled example, and returns the live response. */
async function execute (page: Page, example: OperationExample): Promise<{ status: number, body: unknown, documented: string }> {
  const [method, path] = example.op.split(' ') as [string, string]
  const block = await reveal(page, method, path)
  assert.equal(await block.count(), 1, `one ${example.op} on the page`)
  await block.locator('.opblock-summary').first().click()
  const documented = await block.locator('.responses-table:not(.live-responses-table) tr.response').first().innerText()
  const run = block.locator('button.execute')
  await run.waitFor()
  await run.click()
  const status = block.locator('.live-responses-table tr.response .response-col_status').first()
  await status.waitFor()
  const bodyCode = block.locator('.live-responses-table .response-col_description .highlight-code code, .live-responses-table .response-col_description .highlight-code pre')
  const text = await bodyCode.count() === 0 ? '' : await bodyCode.first().innerText()
  const result = { status: Number(/\d{3}/.exec(await status.innerText())?.[0]), body: text.trim() === '' ? undefined : JSON.parse(text) as unknown, documented }
  await block.locator('.opblock-summary').first().click() // collapse again
  return result
}

test('Swagger UI: the documented chain runs in page order with Try it out / Authorize, and again after POST /_fake/reset', { skip: SKIP, timeout: 180_000 }, async () => {
  const page = await browser.newPage()
  await page.goto(`${server.url}/docs/`)
  await page.locator('.opblock').first().waitFor()

  // h3.opblock-tag heads each section, whether Swagger UI renders the document whole or as a virtual list
  const sections = await page.locator('h3.opblock-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')))
  assert.equal(sections[0], 'fake', 'the control plane comes first')
  // within the control plane, the set-up steps come first, in chain order
  const firstOps = await page.locator('.opblock-summary-path').evaluateAll((els) => els.slice(0, 4).map((e) => e.getAttribute('data-path')))
  assert.deepEqual(firstOps, CHAIN.slice(0, 4).map((e) => e.op.split(' ')[1]))

  // Swagger UI shows no "Default Response" and no bare "string" placeholders for the chain's answers
  assert.equal(await page.getByText('Default Response', { exact: true }).count(), 0)

  for (const round of ['fresh server', 'after reset']) {
    let authorized = false
    for (const example of CHAIN) {
      if (example.rest === true && !authorized) {
        await authorize(page, EXAMPLE_REST_API_KEY)
        authorized = true
      }
      const { status, body, documented } = await execute(page, example)
      // the documented answer is a real example, not Swagger UI's "string" placeholders
      assert.match(documented, new RegExp(`^${example.status}`), example.op)
      assert.doesNotMatch(documented, /"string"|Default Response/, example.op)
      assert.equal(status, example.status, `${round}: ${example.op} → ${status} ${JSON.stringify(body)}`)
      if (example.op === 'POST /_fake/workspaces') assert.equal((body as { id: string }).id, 'acme')
      if (example.op.endsWith('/members')) assert.deepEqual((body as { members: Array<{ external_id?: string }> }).members.map((m) => m.external_id ?? null), ['user-1', 'user-2', null])
      if (example.op === 'POST /_fake/workspaces/{workspace_id}/segments') assert.equal((body as { size: number }).size, 3)
      if (example.op === 'POST /users/track') assert.deepEqual(body, { message: 'success', attributes_processed: 1, events_processed: 1, purchases_processed: 1 })
      if (example.op === 'POST /users/export/segment') assert.match((body as { url: string }).url, /\/_fake\/exports\/.+\.zip$/)
    }
    const reset = await execute(page, { op: 'POST /_fake/reset', status: 204 })
    assert.equal(reset.status, 204, `${round}: reset`)
    await page.reload()
    await page.locator('.opblock').first().waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
  }
  await page.close()
})
