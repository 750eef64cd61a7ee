/** `{% catalog_items %}` in campaign and Canvas messages (§4.7; issue 18 item 5). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { call as messagingCall, control, messagingSetup, outbox } from '../messaging/messaging-helpers.js'
import { addItems, makeCatalog } from './helpers.js'

test('campaign: items[0] fields by a templated id; unknown item or catalog renders empty; a broken tag is a render_error', async (t) => {
  const s = await messagingSetup(t)
  await makeCatalog(s)
  await addItems(s, [{ id: 'gold', Name: 'Golden Spoon', Rating: 5, Top_Dishes: ['Pie'] }])
  await control(s, 'POST', '/campaigns', {
    id: 'promo', name: 'Promo', kind: 'api_triggered',
    messages: [{ id: 'm', channel: 'email', subject: '{% catalog_items restaurants {{custom_attribute.${tier}}} %}Try {{ items[0].Name }}', body: '{% catalog_items {{api_trigger_properties.${catalog}}} gold %}{{ items[0].Rating }}/{{ items[0].Top_Dishes[0] }}|{% catalog_items nope gold %}[{{ items[0].Name }}]' }]
  })
  // u1 has tier gold; u4 has none (→ empty item id → no item)
  const res = await messagingCall(s, '/campaigns/trigger/send', { campaign_id: 'promo', trigger_properties: { catalog: 'restaurants' }, recipients: [{ external_user_id: 'u1' }, { external_user_id: 'u4' }] })
  assert.equal(res.statusCode, 201, res.body)
  const msgs = await outbox(s, { dispatch_id: json(res).dispatch_id })
  const by = Object.fromEntries(msgs.map((m) => [m.external_id, { subject: m.subject, body: m.body }]))
  assert.deepEqual(by.u1, { subject: 'Try Golden Spoon', body: '5/Pie|[]' })
  assert.deepEqual(by.u4, { subject: 'Try ', body: '5/Pie|[]' })

  await control(s, 'POST', '/campaigns', { id: 'broken', name: 'Broken', kind: 'api_triggered', messages: [{ id: 'b', channel: 'email', subject: 'x', body: '{% catalog_items restaurants %}' }] })
  const broken = await messagingCall(s, '/campaigns/trigger/send', { campaign_id: 'broken', recipients: [{ external_user_id: 'u1' }] })
  assert.equal(broken.statusCode, 201, broken.body)
  const [m] = await outbox(s, { dispatch_id: json(broken).dispatch_id })
  assert.equal(m!.reason, 'render_error')
})

test('Canvas: catalog_items in a step, the item changing between sends', async (t) => {
  const s = await messagingSetup(t)
  await makeCatalog(s)
  await addItems(s, [{ id: 'r1', Name: 'First' }])
  const canvas = await control(s, 'POST', '/canvases', { id: 'onb', name: 'Onboarding', steps: [{ id: 'welcome', name: 'Welcome', messages: [{ channel: 'email', subject: 's', body: '{% catalog_items restaurants r1 %}{{ items[0].Name }}' }] }] })
  assert.equal(canvas.statusCode, 201, canvas.body)
  const first = await messagingCall(s, '/canvas/trigger/send', { canvas_id: 'onb', recipients: [{ external_user_id: 'u1' }] })
  assert.equal((await outbox(s, { dispatch_id: json(first).dispatch_id }))[0]!.body, 'First')
  await s.app.inject({ method: 'PATCH', url: '/catalogs/restaurants/items/r1', headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, payload: JSON.stringify({ items: [{ Name: 'Renamed' }] }) })
  const second = await messagingCall(s, '/canvas/trigger/send', { canvas_id: 'onb', recipients: [{ external_user_id: 'u4' }] })
  assert.equal((await outbox(s, { dispatch_id: json(second).dispatch_id }))[0]!.body, 'Renamed')
})

test('an item a 202 wrote is not rendered before the visibility delay has passed', async (t) => {
  const s = await messagingSetup(t)
  await makeCatalog(s)
  assert.equal((await s.app.inject({ method: 'PUT', url: '/_fake/visibility', payload: { delay_ms: 60_000 } })).statusCode, 200)
  await addItems(s, [{ id: 'r1', Name: 'Pending' }])
  await control(s, 'POST', '/campaigns', { id: 'c', name: 'C', kind: 'api_triggered', re_eligibility_s: 0, messages: [{ id: 'm', channel: 'email', subject: 's', body: '{% catalog_items restaurants r1 %}[{{ items[0].Name }}]' }] })
  const before = await messagingCall(s, '/campaigns/trigger/send', { campaign_id: 'c', recipients: [{ external_user_id: 'u1' }] })
  assert.equal((await outbox(s, { dispatch_id: json(before).dispatch_id }))[0]!.body, '[]')
  s.advance(60_000)
  const after = await messagingCall(s, '/campaigns/trigger/send', { campaign_id: 'c', recipients: [{ external_user_id: 'u1' }] })
  assert.equal((await outbox(s, { dispatch_id: json(after).dispatch_id }))[0]!.body, '[Pending]')
})
