/**
 * A real Braze client against the fake over real HTTP: the `braze-api` npm package
 * (braze-community/braze-node), pointed at a workspace's rest_endpoint.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Braze } from 'braze-api'
import { startServer } from '../../src/server.js'
import { testConfig } from '../../src/config.js'

async function control (url: string, path: string, body: unknown = {}): Promise<any> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert.ok(res.ok, `${path}: ${res.status}`)
  return await res.json()
}

test('braze-api: track then export round trip, aliases, unknown ids and a wrong key', async (t) => {
  const server = await startServer(testConfig())
  t.after(() => server.close())
  const ws = await control(server.url, '/_fake/workspaces', { cluster: 'iad-03' })
  const { key } = await control(server.url, `/_fake/workspaces/${ws.id}/rest-api-keys`)
  const braze = new Braze(ws.rest_endpoint, key)

  const tracked = await braze.users.track({
    attributes: [{ external_id: 'ada', first_name: 'Ada', email: 'ADA@Example.com', plan: 'pro', visits: { inc: 2 }, tags: ['a', 'a', 'b'] }],
    events: [{ external_id: 'ada', name: 'signed_up', time: '2026-11-01T10:00:00Z' }],
    purchases: [{ external_id: 'ada', product_id: 'sku-1', currency: 'USD', price: 9.5, time: '2026-11-02T10:00:00Z' }]
  }, true)
  assert.deepEqual(tracked, { message: 'success', attributes_processed: 1, events_processed: 1, purchases_processed: 1 })

  const exported = await braze.users.export.ids({
    external_ids: ['ada', 'nobody'],
    fields_to_export: ['external_id', 'first_name', 'email', 'custom_attributes', 'total_revenue']
  })
  assert.equal(exported.message, 'success')
  assert.deepEqual(exported.invalid_user_ids, ['nobody'])
  assert.deepEqual(exported.users, [{ external_id: 'ada', first_name: 'Ada', email: 'ada@example.com', total_revenue: 9.5, custom_attributes: { plan: 'pro', visits: 2, tags: ['a', 'b'] } }])

  const alias = await braze.users.alias.new({ user_aliases: [{ external_id: 'ada', alias_name: 'ada@crm', alias_label: 'crm_id' }] })
  assert.deepEqual(alias, { aliases_processed: 1, message: 'success' })
  const byAlias = await braze.users.export.ids({ user_aliases: [{ alias_name: 'ada@crm', alias_label: 'crm_id' }], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(byAlias.users, [{ external_id: 'ada', user_aliases: [{ alias_name: 'ada@crm', alias_label: 'crm_id' }] }])

  const segments = await braze.segments.list({ page: 0 })
  assert.deepEqual(segments, { message: 'success', segments: [] })

  const wrong = new Braze(ws.rest_endpoint, 'not-a-key')
  await assert.rejects(wrong.users.track({ attributes: [{ external_id: 'x', a: 1 }] }), (err: Error & { status?: number }) => {
    assert.equal(err.status, 401)
    assert.equal(err.message, 'Invalid API key: not-a-key')
    return true
  })
  const otherCluster = new Braze(server.url + '/rest.iad-01.braze.com', key)
  await assert.rejects(otherCluster.users.export.ids({ external_ids: ['ada'] }), (err: Error & { status?: number }) => err.status === 401)
})
