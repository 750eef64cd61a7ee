/**
 * The dashboard with the same ids in two workspaces (issue 17): each workspace's pages show its
 * own campaign `winback`, Canvas `onboarding` and segment `vip`, and sending from one leaves the
 * other's outbox empty.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { testConfig } from '../../src/config.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { SKIP_REASON, launchChromium } from './chromium.js'

const VIP = { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: true }

function workspace (id: string, tag: string): Record<string, unknown> {
  return {
    id,
    users: [{ external_id: 'u1', email: 'ann@example.com', custom_attributes: { vip: true } }],
    segments: [{ id: 'vip', name: `VIP ${tag}`, filter: VIP }],
    campaigns: [{ id: 'winback', name: `Win-back ${tag}`, kind: 'api_triggered', segment_id: 'vip', messages: [{ id: 'winback-email', channel: 'email', subject: `Hi ${tag}`, body: 'b' }] }],
    canvases: [{ id: 'onboarding', name: `Onboarding ${tag}`, steps: [{ id: 'welcome', name: 'Welcome', messages: [{ channel: 'email', subject: 's', body: 'b' }] }] }]
  }
}

describe('dashboard: two workspaces with the same ids', { skip: SKIP_REASON }, () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  before(async () => {
    server = await startServer(testConfig({ FAKE_BRAZE_DASHBOARD: 'true' }), { docs: false })
    const res = await fetch(`${server.url}/_fake/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workspaces: [workspace('ws-a', 'A'), workspace('ws-b', 'B')] }) })
    assert.equal(res.status, 201, await res.text())
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })
  after(async () => {
    await browser?.close()
    await server?.close()
  })

  test('each workspace\'s pages show its own winback, onboarding and vip', async () => {
    for (const [ws, tag] of [['ws-a', 'A'], ['ws-b', 'B']] as const) {
      await page.goto(`${server.url}/dashboard/#/w/${ws}/campaigns/campaign/winback`)
      await page.getByRole('heading', { level: 1, name: `Win-back ${tag}` }).waitFor()
      await page.goto(`${server.url}/dashboard/#/w/${ws}/campaigns/canvas/onboarding`)
      await page.getByRole('heading', { level: 1, name: `Onboarding ${tag}` }).waitFor()
      await page.goto(`${server.url}/dashboard/#/w/${ws}/segments/vip`)
      await page.getByRole('heading', { level: 1, name: `VIP ${tag}` }).waitFor()
    }
  })

  test('"Send" on ws-a\'s winback delivers to ws-a\'s outbox only', async () => {
    await page.goto(`${server.url}/dashboard/#/w/ws-a/campaigns/campaign/winback`)
    await page.getByRole('heading', { level: 1, name: 'Win-back A' }).waitFor()
    await page.getByRole('button', { name: 'Send now' }).click()
    await page.getByRole('status').filter({ hasText: 'Sent:' }).waitFor()
    await page.getByRole('cell', { name: 'u1' }).first().waitFor()
    const outbox = async (ws: string): Promise<Array<{ campaign_id?: string, subject?: string }>> =>
      ((await (await fetch(`${server.url}/_fake/workspaces/${ws}/messages`)).json()) as { messages: Array<{ campaign_id?: string, subject?: string }> }).messages
    assert.deepEqual((await outbox('ws-a')).map((m) => [m.campaign_id, m.subject]), [['winback', 'Hi A']])
    assert.deepEqual(await outbox('ws-b'), [])
    assert.deepEqual(pageErrors, [])
  })
})
