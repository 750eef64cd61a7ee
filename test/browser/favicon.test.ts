/**
 * Browser sessions on /docs and /dashboard log no failed request and no console error: in
 * particular no 404 for the favicon (issue 17). Real Chromium; skipped where none is installed.
 * The dashboard needs `node scripts/build-dashboard.mjs` (or `npm run build`) first.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'playwright-core'
import { testConfig } from '../../src/config.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { SKIP_REASON, launchChromium } from './chromium.js'

const SKIP = SKIP_REASON ?? false
if (SKIP !== false) process.stderr.write(`test/browser/favicon.test.ts: ${SKIP}\n`)

let server: RunningServer
let browser: Browser

before(async () => {
  if (SKIP !== false) return
  server = await startServer(testConfig({ FAKE_BRAZE_DASHBOARD: 'true' }), { docs: true })
  browser = await launchChromium()
})

after(async () => {
  if (SKIP !== false) return
  await browser?.close()
  await server?.close()
})

for (const path of ['/dashboard/', '/docs/', '/docs']) {
  test(`${path} loads with no failed request and no console error, and its icon resolves`, { skip: SKIP }, async () => {
    const page = await browser.newPage()
    const problems: string[] = []
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`) })
    page.on('requestfailed', (r) => problems.push(`failed ${r.url()} ${r.failure()?.errorText ?? ''}`))
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`) })
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
    const hrefs = await page.locator('link[rel~="icon"]').evaluateAll((links) => links.map((l) => (l as unknown as { href: string }).href))
    const icons = await Promise.all(hrefs.map(async (href) => {
      const r = await fetch(href)
      return { href, status: r.status, type: r.headers.get('content-type') ?? '' }
    }))
    assert.ok(icons.length > 0, 'the page links an icon')
    for (const icon of icons) {
      assert.equal(icon.status, 200, icon.href)
      assert.match(icon.type, /^image\//, icon.href)
    }
    // what a browser asks for when a page links no icon
    assert.equal((await fetch(`${server.url}/favicon.ico`)).status, 200)
    assert.deepEqual(problems, [])
    await page.close()
  })
}
