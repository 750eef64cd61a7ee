import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { makeWorkspace } from '../../factories.js'

test('GET /_fake/partners lists every built-in partner with filter name and both partner keys', async (t) => {
  const app = await buildTestApp(t)
  const { partners } = json(await app.inject({ url: '/_fake/partners' }))
  assert.deepEqual(partners.map((p: { name: string }) => p.name), ['hightouch', 'census', 'segment', 'amplitude', 'mixpanel', 'heap', 'treasuredata', 'kubit', 'tinyclues'])
  assert.deepEqual(partners[0], {
    name: 'hightouch',
    display_name: 'Hightouch',
    filter_name: 'Hightouch Cohorts',
    filter_id: 'hightouch_cohorts',
    api_keys: { us: 'fake-hightouch-us-partner-api-key', eu: 'fake-hightouch-eu-partner-api-key' }
  })
  assert.equal(partners.find((p: { name: string }) => p.name === 'treasuredata').filter_name, 'Treasure Data Cohorts')
})

test('partner API keys are settable by configuration', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_PARTNER_KEY_SEGMENT_US: 'ci-segment-us' })
  const { partners } = json(await app.inject({ url: '/_fake/partners' }))
  assert.equal(partners.find((p: { name: string }) => p.name === 'segment').api_keys.us, 'ci-segment-us')
})

test('data import keys are issued, listed with status, and invalidated with invalidated_at', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  const base = `/_fake/workspaces/${ws.id}/partners/hightouch/data-import-keys`
  const first = json(await post(app, base))
  assert.equal(first.status, 'active')
  assert.equal(first.partner, 'hightouch')
  assert.match(first.key, /^[0-9a-f-]{36}$/)
  const fixed = await post(app, base, { key: 'ci-fixed-data-import-key' })
  assert.equal(fixed.statusCode, 201)
  assert.equal(json(fixed).key, 'ci-fixed-data-import-key')
  const inv = await post(app, `${base}/${first.key}/invalidate`)
  assert.equal(inv.statusCode, 200)
  assert.equal(json(inv).status, 'invalidated')
  assert.ok(json(inv).invalidated_at)
  const again = await post(app, `${base}/${first.key}/invalidate`)
  assert.equal(json(again).invalidated_at, json(inv).invalidated_at, 'invalidating twice keeps the first time')
  const list = json(await app.inject({ url: base })).data_import_keys
  assert.deepEqual(list.map((k: { status: string }) => k.status), ['invalidated', 'active'])
})

test('key errors: unknown workspace, unknown partner, unknown key, key in use', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  assert.equal((await post(app, '/_fake/workspaces/nope/partners/hightouch/data-import-keys')).statusCode, 404)
  const partner = await post(app, `/_fake/workspaces/${ws.id}/partners/acme/data-import-keys`)
  assert.equal(partner.statusCode, 404)
  assert.deepEqual(json(partner), { message: 'Partner acme not found' })
  const key = await post(app, `/_fake/workspaces/${ws.id}/partners/hightouch/data-import-keys/not-a-key/invalidate`)
  assert.equal(key.statusCode, 404)
  assert.doesNotMatch(json(key).message, /not-a-key/, 'keys are not echoed')
  await post(app, `/_fake/workspaces/${ws.id}/partners/hightouch/data-import-keys`, { key: 'taken-key-123' })
  assert.equal((await post(app, `/_fake/workspaces/${ws.id}/partners/census/data-import-keys`, { key: 'taken-key-123' })).statusCode, 409)
  const short = await post(app, `/_fake/workspaces/${ws.id}/partners/hightouch/data-import-keys`, { key: 'x' })
  assert.equal(short.statusCode, 400)
  assert.match(json(short).message, /^body\.key: /)
})
