/**
 * The dashboard end to end in real Chromium: the Hightouch page's clicks. Generate the data
 * import key in the UI, let this test's "sync" send cohort changes through the partner API,
 * watch the cohort appear and grow, build the segment with the Hightouch Cohorts filter, create a
 * campaign targeting it, send it, read the outbox, and see it all in the journal.
 * With FAKE_BRAZE_SCREENSHOTS=<dir> (npm run screenshots) it also writes the README's screenshots.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { testConfig } from '../../src/config.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { SKIP_REASON, launchChromium } from './chromium.js'

const SHOTS = process.env.FAKE_BRAZE_SCREENSHOTS
if (SKIP_REASON !== undefined) process.stderr.write(`test/browser/dashboard.test.ts: ${SKIP_REASON}\n`)

describe('dashboard in Chromium', { skip: SKIP_REASON }, () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  before(async () => {
    server = await startServer(testConfig({ FAKE_BRAZE_DASHBOARD: 'true' }), { docs: false })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    page.on('pageerror', (e) => pageErrors.push(e.message))
    if (SHOTS !== undefined) mkdirSync(SHOTS, { recursive: true })
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  const shot = async (name: string): Promise<void> => {
    if (SHOTS !== undefined) await page.screenshot({ path: `${SHOTS}/${name}.png` })
  }
  const call = async (path: string, body: unknown): Promise<{ status: number, json: any }> => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, json: await res.json() }
  }

  test('a bad workspace id shows the API\'s own 400 message and the page keeps working', async () => {
    await page.goto(`${server.url}/dashboard/#/workspaces`)
    await page.getByLabel('Id').fill('not ok!')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('alert').filter({ hasText: 'body.id' }).waitFor()
    assert.match(await page.getByRole('alert').first().innerText(), /^400: .*body\.id.*letters, digits/)
  })

  test('creating a workspace in the UI lists it and shows the curl of the call', async () => {
    await page.getByLabel('Id').fill('acme')
    await page.getByLabel('Name').fill('Acme staging')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('status').filter({ hasText: 'Created' }).waitFor()
    await page.getByRole('cell', { name: 'acme', exact: true }).waitFor()
    const curl = await page.locator('.call .curl').filter({ hasText: "-X POST" }).first().innerText()
    assert.match(curl, /curl -s -X POST '.*\/_fake\/workspaces' .*-d '\{"cluster":"iad-01","id":"acme","name":"Acme staging"\}'/)
    await shot('workspaces')
  })

  let dataImportKey = ''
  test('Technology Partners → Hightouch: generate the data import key', async () => {
    await page.goto(`${server.url}/dashboard/#/w/acme/partners`)
    await page.getByRole('link', { name: /Hightouch/ }).click()
    await page.getByRole('button', { name: 'Generate key' }).click()
    await page.getByRole('button', { name: 'Invalidate' }).waitFor()
    dataImportKey = await page.locator('.keyline code').first().innerText()
    assert.match(dataImportKey, /^[0-9a-f-]{36}$/)
    const listed = await (await fetch(`${server.url}/_fake/workspaces/acme/partners/hightouch/data-import-keys?reveal=true`)).json() as { data_import_keys: Array<{ key: string, status: string }> }
    assert.deepEqual(listed.data_import_keys.map((k) => [k.key, k.status]), [[dataImportKey, 'active']])
    await shot('partner')
  })

  test('the sync\'s cohort calls appear live on the Cohorts page', async () => {
    await call('/_fake/workspaces/acme/users', { users: [1, 2, 3, 4].map((i) => ({ external_id: `user-${i}`, email: `u${i}@example.com`, profile: { first_name: `Ann${i}` } })) })
    await page.goto(`${server.url}/dashboard/#/w/acme/cohorts`)
    await page.getByText('No cohorts yet').waitFor()
    const partnerKey = 'fake-hightouch-us-partner-api-key'
    const auth = { partner_api_key: partnerKey, client_secret: dataImportKey }
    assert.equal((await call('/partners/hightouch/cohorts', { ...auth, cohort_id: 'winback', name: 'Winback', created_at: '2026-11-01T00:00:00Z' })).status, 201)
    assert.equal((await call('/partners/hightouch/cohorts/users', { ...auth, cohort_id: 'winback', cohort_changes: [{ user_ids: ['user-1', 'user-2'] }] })).status, 201)
    const count = page.locator('tr[data-cohort="winback"] .member-count')
    await assert.doesNotReject(count.filter({ hasText: /^2$/ }).waitFor({ timeout: 5000 }))
    // The page polls: a later delta shows without a reload.
    assert.equal((await call('/partners/hightouch/cohorts/users', { ...auth, cohort_id: 'winback', cohort_changes: [{ user_ids: ['user-3', 'ghost'] }] })).status, 201)
    await count.filter({ hasText: /^3$/ }).waitFor({ timeout: 5000 })
    await shot('cohorts')
    await page.getByRole('link', { name: 'Winback' }).click()
    await page.getByTestId('member-count').filter({ hasText: '3' }).waitFor()
    await page.getByText('+1 −0 (1 of 2 identifiers matched)').waitFor({ timeout: 6000 })
  })

  let segmentId = ''
  test('a segment built with the Hightouch Cohorts filter has the cohort\'s members', async () => {
    await page.goto(`${server.url}/dashboard/#/w/acme/segments/new`)
    await page.getByLabel('Segment name').fill('Winback audience')
    assert.equal(await page.getByLabel('Filter', { exact: true }).first().inputValue(), 'hightouch_cohorts')
    assert.equal(await page.getByLabel('Cohort').inputValue(), 'winback')
    // a second condition: reachable by email (the subscriptions surface's rules), in the same tree
    await page.getByRole('button', { name: '+ Filter' }).click()
    await page.getByLabel('Filter', { exact: true }).nth(1).selectOption('reachable')
    assert.equal(await page.getByLabel('Channel').inputValue(), 'email')
    await shot('segment-builder')
    await page.getByRole('button', { name: 'Save segment' }).click()
    await page.getByTestId('segment-size').filter({ hasText: /^3$/ }).waitFor()
    segmentId = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!)
    assert.match(await page.locator('.stats strong').innerText(), /Hightouch Cohorts includes "Winback".*AND.*[Rr]eachable/)
    await page.getByRole('cell', { name: 'user-3' }).waitFor()
  })

  test('a campaign targeting the segment is sent and its outbox shows who got which email', async () => {
    await page.goto(`${server.url}/dashboard/#/w/acme/campaigns/new/${segmentId}`)
    await page.getByLabel('Name').fill('Winback email')
    await page.getByRole('button', { name: 'Create campaign' }).click()
    await page.getByRole('button', { name: 'Send now' }).click()
    await page.getByRole('status').filter({ hasText: 'dispatch_id' }).waitFor()
    const outbox = page.getByTestId('outbox')
    await outbox.locator('tr[data-status="delivered"]').nth(2).waitFor()
    assert.equal(await outbox.locator('tr[data-status="delivered"]').count(), 3)
    assert.match(await outbox.innerText(), /We miss you, Ann1/)
    await shot('campaign')
  })

  test('the journal tails every partner call with its effects', async () => {
    await page.goto(`${server.url}/dashboard/#/w/acme/journal`)
    const journal = page.getByTestId('journal')
    await journal.getByText('+2 −0 (2 of 2 identifiers matched)').waitFor()
    // A call that fails authentication belongs to no workspace: the unscoped journal shows it, live.
    await page.goto(`${server.url}/dashboard/#/journal`)
    await page.getByTestId('journal').waitFor()
    await call('/partners/hightouch/cohorts/users', { partner_api_key: 'wrong', client_secret: dataImportKey, cohort_id: 'winback', cohort_changes: [] })
    await page.getByTestId('journal').getByText('Invalid Partner API key').waitFor({ timeout: 5000 })
    await shot('journal')
    assert.deepEqual(pageErrors, [])
  })
})
