/**
 * A real partner client against the fake's cohort import over real HTTP: Segment's "Braze Cohorts"
 * destination (`@segment/action-destinations`, braze-cohorts), which syncs Segment Engage audiences
 * into Braze cohorts with Segment's partner API key and the customer's data import key. Effects are
 * checked through the control plane's cohort members.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { startServer } from '../../src/server.js'
import { testConfig } from '../../src/config.js'

// CommonJS builds, as in segment-braze.test.ts.
const require = createRequire(import.meta.url)
const { createTestEvent, createTestIntegration } = require('@segment/actions-core') as typeof import('@segment/actions-core')
const cohorts = require('@segment/action-destinations/dist/destinations/braze-cohorts/index.js').default

async function call (url: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`)
  return await res.json()
}

test('segment braze-cohorts: an Engage audience becomes a Segment cohort; entries and exits move its members', async (t) => {
  const server = await startServer(testConfig())
  t.after(() => server.close())
  const ws = await call(server.url, '/_fake/workspaces', { cluster: 'iad-03' })
  const { key: clientSecret } = await call(server.url, `/_fake/workspaces/${ws.id}/partners/segment/data-import-keys`, {})
  const partners = await call(server.url, '/_fake/partners')
  const segment = partners.partners.find((p: { name: string }) => p.name === 'segment')
  // The destination reads Segment's partner key from its process environment (api/index.ts).
  const saved = process.env.BRAZE_COHORTS_PARTNER_API_KEY_US
  process.env.BRAZE_COHORTS_PARTNER_API_KEY_US = segment.api_keys.us
  t.after(() => { if (saved === undefined) delete process.env.BRAZE_COHORTS_PARTNER_API_KEY_US; else process.env.BRAZE_COHORTS_PARTNER_API_KEY_US = saved })
  await call(server.url, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'u1' }, { external_id: 'u2' }, { external_id: 'u3' }] })

  // name only the schema cache key (see segment-braze.test.ts)
  const dest = createTestIntegration({ ...cohorts, name: 'actions-braze-cohorts' })
  const settings = { client_secret: clientSecret, endpoint: ws.rest_endpoint }
  const audience = (userId: string, entered: boolean): ReturnType<typeof createTestEvent> => createTestEvent({
    type: 'track',
    event: entered ? 'Audience Entered' : 'Audience Exited',
    userId,
    properties: { vip_buyers: entered },
    context: { personas: { computation_key: 'vip_buyers', computation_id: 'aud_123', computation_class: 'audience' } }
  })
  const mapping = { personas_audience_key: 'vip_buyers' }

  const entered = await dest.testBatchAction('syncAudiences', { events: [audience('u1', true), audience('u2', true), audience('u3', true)], settings, mapping, useDefaultMappings: true })
  assert.deepEqual(entered.map((r) => r.status), [201, 201])
  const [created, changes] = entered.map((r) => JSON.parse(String(r.options.body)))
  assert.equal(created.name, 'vip_buyers')
  assert.equal(created.cohort_id, 'aud_123')
  assert.deepEqual(changes.cohort_changes.map((c: { user_ids: string[] }) => [...c.user_ids].sort()), [['u1', 'u2', 'u3']])

  const members = async (): Promise<string[]> => {
    const body = await call(server.url, `/_fake/workspaces/${ws.id}/partners/segment/cohorts/aud_123/members`)
    return body.members.map((m: { external_id: string }) => m.external_id).sort()
  }
  assert.deepEqual(await members(), ['u1', 'u2', 'u3'])
  const u1 = (await call(server.url, `/_fake/workspaces/${ws.id}/user-profiles?external_id=u1`)).users[0]
  assert.deepEqual(u1.cohorts, [{ partner: 'segment', cohort_id: 'aud_123', name: 'vip_buyers' }])

  const exited = await dest.testBatchAction('syncAudiences', { events: [audience('u2', false)], settings, mapping, useDefaultMappings: true })
  assert.ok(exited.every((r) => r.status === 201))
  assert.deepEqual(await members(), ['u1', 'u3'])

  // a wrong data import key is Braze's 401 to the client
  await assert.rejects(dest.testBatchAction('syncAudiences', { events: [audience('u1', true)], settings: { ...settings, client_secret: 'not-a-key' }, mapping, useDefaultMappings: true }), (err: Error & { response?: { status: number } }) => {
    assert.equal(err.response?.status, 401)
    return true
  })
})
