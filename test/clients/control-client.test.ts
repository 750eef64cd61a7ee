/**
 * The typed control client covers the whole /_fake API: every control-plane operation of the
 * OpenAPI document is reached by some client method (recorded at the fetch level), and errors
 * name the real path.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { strFromU8, unzipSync } from 'fflate'
import { startFakeBraze, type FakeBraze } from '../../src/start.js'
import { ControlPlaneError, createControlClient } from '../../src/client/control-client.js'
import { PARTNERS, type PartnerName } from '../../src/domain/shared/partners.js'
import { CLUSTERS, type ClusterId } from '../../src/domain/shared/clusters.js'
import { generateOpenApi } from '../../scripts/write-openapi.js'

let braze: FakeBraze
before(async () => { braze = await startFakeBraze() })
after(async () => { await braze.close() })

test('the literal unions PartnerName and ClusterId list exactly the partners and clusters the fake knows', () => {
  const partners: Record<PartnerName, true> = { hightouch: true, census: true, segment: true, amplitude: true, mixpanel: true, heap: true, treasuredata: true, kubit: true, tinyclues: true }
  assert.deepEqual(Object.keys(partners).sort(), PARTNERS.map((p) => p.name).sort())
  const clusters: Record<ClusterId, true> = { 'iad-01': true, 'iad-02': true, 'iad-03': true, 'iad-04': true, 'iad-05': true, 'iad-06': true, 'iad-07': true, 'iad-08': true, 'us-10': true, 'fra-01': true, 'fra-02': true, 'au-01': true }
  assert.deepEqual(Object.keys(clusters).sort(), CLUSTERS.map((c) => c.id).sort())
})

test('every /_fake operation has a client method (each is called here and reaches its route)', async () => {
  const seen = new Set<string>()
  const realFetch = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    seen.add(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`)
    return await realFetch(input, init)
  }
  try {
    const c = createControlClient(braze.url)
    const ws = await c.createWorkspace({ id: 'cc', partners: ['hightouch'], cluster: 'iad-01' })
    await c.listWorkspaces()
    await c.getWorkspace('cc')
    assert.equal((await c.updateWorkspace('cc', { pricing_model: 'mau' })).pricing_model, 'mau')
    await c.partners()
    await c.createDataImportKey('cc', 'census', 'cc-census-key')
    assert.equal((await c.listDataImportKeys('cc', 'census', { reveal: true }))[0]?.key, 'cc-census-key')
    await c.invalidateDataImportKey('cc', 'census', 'cc-census-key')
    await c.createRestApiKey('cc', { key: 'cc-rest-key-2' })
    assert.ok((await c.listRestApiKeys('cc', { reveal: true })).some((k) => k.key === 'cc-rest-key-2'))
    await c.revokeRestApiKey('cc', 'cc-rest-key-2')
    await c.seedUsers('cc', [{ external_id: 'u1', email: 'u1@example.com' }])
    assert.equal((await c.userProfiles('cc', { external_id: 'u1' }))[0]?.email, 'u1@example.com')
    await c.seedUsers('cc', [{ external_id: 'u2' }])
    assert.deepEqual((await c.userProfiles('cc', { limit: 1 })).map((u) => u.external_id).sort(), ['u1', 'u2'], 'pages of 1 are followed')
    const res = await fetch(`${ws.rest_endpoint}/partners/hightouch/cohorts/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ partner_api_key: ws.partner_api_keys.hightouch!.current, client_secret: ws.data_import_keys.hightouch, cohort_id: 'vip', cohort_changes: [{ user_ids: ['u1'] }] })
    })
    assert.equal(res.status, 201)
    assert.equal((await c.cohorts('cc', 'hightouch')).length, 1)
    await c.cohort('cc', 'hightouch', 'vip')
    assert.deepEqual((await c.members('cc', 'hightouch', 'vip')).map((m) => m.external_id), ['u1'])
    await c.lockCohort('cc', 'hightouch', 'vip', 1)
    await c.unlockCohort('cc', 'hightouch', 'vip')
    assert.equal((await c.dataPoints('cc')).total, 1)
    assert.equal((await c.segmentFilters('cc'))[0]?.filter, 'hightouch_cohorts')
    const segment = await c.createSegment('cc', { id: 'vip', name: 'VIP', filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' } })
    assert.equal(segment.size, 1)
    await c.segments('cc')
    await c.segment('cc', 'vip')
    await c.updateSegment('cc', 'vip', { description: 'd' })
    await c.replaceSegment('cc', 'vip', { name: 'VIP 2', filter: { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' } })
    await c.archiveSegment('cc', 'vip')
    await c.unarchiveSegment('cc', 'vip')
    assert.deepEqual((await c.segmentMembers('cc', 'vip')).map((m) => m.external_id), ['u1'])
    const exported = await fetch(`${ws.rest_endpoint}/users/export/segment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ws.rest_api_key}` },
      body: JSON.stringify({ segment_id: 'vip', fields_to_export: ['external_id'] })
    })
    const { object_prefix: prefix } = await exported.json() as { object_prefix: string }
    while ((await c.segmentExports('cc'))[0]?.status === 'running') await new Promise((resolve) => setTimeout(resolve, 10))
    const zip = unzipSync(await c.downloadExport(prefix))
    assert.match(strFromU8(Object.values(zip)[0]!), /"external_id":"u1"/)
    await c.requests({ workspace_id: 'cc' })
    assert.equal((await c.requests({ workspace_id: 'cc', order: 'desc', limit: 1 }))[0]?.path, '/users/export/segment')
    await c.clearRequests('cc')
    const fault = await c.addFault({ workspace_id: 'cc', action: { status: 503 }, times: 1 })
    await c.faults()
    await c.deleteFault(fault.id)
    await c.clearFaults()
    await c.clock()
    await c.setClock({ advance_ms: 1000 })
    await c.resetClock()
    await c.visibilityDelay()
    await c.setVisibilityDelay(0)
    await c.rateLimits('cc')
    await c.setRateLimits('cc', { enabled: false })
    assert.deepEqual((await c.catalogs('cc')).catalogs, [])
    assert.equal((await c.setCatalogStorageLimit('cc', 1000)).limit_bytes, 1000)
    await c.setCatalogStorageLimit('cc', null)
    await assert.rejects(c.catalog('cc', 'products'), (err: Error & { status?: number }) => err.status === 404)
    const snapshot = await c.snapshot('cc')
    const group = await c.createSubscriptionGroup('cc', { name: 'Newsletter', channel: 'email' })
    assert.equal((await c.subscriptionGroups('cc')).length, 1)
    assert.equal((await c.subscriptionGroup('cc', group.id)).name, 'Newsletter')
    assert.deepEqual(await c.reportDeliverability('cc', { hard_bounces: ['gone@example.com'] }), { hard_bounces: 1, spam_reports: 0, invalid_phone_numbers: 0 })
    const campaign = { id: 'cmp', name: 'Hello', kind: 'api_triggered' as const, messages: [{ channel: 'email' as const, subject: 'Hi', body: 'Hello' }] }
    await c.createCampaign('cc', campaign)
    await c.campaigns('cc')
    await c.campaign('cc', 'cmp')
    await c.replaceCampaign('cc', 'cmp', { ...campaign, name: 'Hello again' })
    const sent = await c.sendCampaign('cc', 'cmp')
    assert.equal((await c.messages('cc', { campaign_id: 'cmp' })).length, sent.delivered + sent.skipped)
    const canvas = { id: 'cnv', name: 'Welcome', steps: [{ name: 'Step 1', messages: [{ channel: 'email' as const, subject: 'Welcome', body: 'Hi' }] }] }
    await c.createCanvas('cc', canvas)
    await c.canvases('cc')
    await c.canvas('cc', 'cnv')
    await c.replaceCanvas('cc', 'cnv', { ...canvas, name: 'Welcome 2' })
    assert.deepEqual(await c.messageSchedules('cc'), [])
    assert.deepEqual((await c.canvasProgress('cc', 'cnv')).steps.map((x) => [x.type, x.waiting]), [['message', 0]])
    assert.deepEqual(await c.setFrequencyCapping('cc', [{ channel: 'email', max: 1, period_s: 86_400 }]), [{ channel: 'email', max: 1, period_s: 86_400 }])
    assert.equal((await c.frequencyCapping('cc')).length, 1)
    await c.clearMessages('cc')
    await c.archiveCanvas('cc', 'cnv')
    assert.equal((await c.createFeedCard('cc', { id: 'card', name: 'Card' })).type, 'NewsItem')
    assert.deepEqual((await c.feedCards('cc')).map((x) => x.id), ['card'])
    assert.equal((await c.archiveFeedCard('cc', 'card')).archived, true)
    await c.archiveCampaign('cc', 'cmp')
    await c.archiveSubscriptionGroup('cc', group.id)
    await c.deleteSegment('cc', 'vip')
    await c.deleteWorkspace('cc')
    assert.deepEqual(await c.seed(snapshot), { workspaces: [{ id: 'cc', users: 2, cohorts: 1 }] })
    await c.reset()
  } finally {
    globalThis.fetch = realFetch
  }
  const doc = JSON.parse(await generateOpenApi()) as { paths: Record<string, Record<string, unknown>> }
  const missing: string[] = []
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/_fake/')) continue
    const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`)
    for (const method of Object.keys(ops)) {
      if (![...seen].some((s) => s.startsWith(`${method.toUpperCase()} `) && pattern.test(s.slice(s.indexOf(' ') + 1)))) missing.push(`${method.toUpperCase()} ${path}`)
    }
  }
  assert.deepEqual(missing, [])
})

test('errors name the real path and status; an unreachable server is status 0 with one clear message', async () => {
  const c = createControlClient(braze.url)
  await assert.rejects(c.getWorkspace('nope'), (err: unknown) => {
    assert.ok(err instanceof ControlPlaneError)
    assert.equal(err.status, 404)
    assert.equal(err.path, '/_fake/workspaces/nope')
    assert.equal(err.message, 'GET /_fake/workspaces/nope → 404: Workspace nope not found')
    return true
  })
  const down = createControlClient('http://127.0.0.1:9')
  await assert.rejects(down.listWorkspaces(), (err: unknown) => err instanceof ControlPlaneError && err.status === 0 && /^GET \/_fake\/workspaces → no answer: cannot reach http:\/\/127\.0\.0\.1:9/.test(err.message))
})
