/**
 * Issue 17 item 7: recommended eCommerce events are validated against their schemas on
 * ingestion in /users/track, /users/track/bulk and /users/track/sync; an invalid one is that
 * object's error and the rest of the request applies.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, post } from '../../helper.js'
import { restSetup, storedUser, track } from '../../rest-factories.js'

const TIME = '2026-11-01T10:00:00Z'
const product = { product_id: 'p1', product_name: 'Headphones', variant_id: 'v1', quantity: 1, price: 99.99 }
const order = { order_id: 'o1', total_value: 99.99, currency: 'USD', products: [product], source: 'web' }

test('an order_refunded without total_value and an order_cancelled without cancel_reason are errors; the valid objects apply', async (t) => {
  const s = await restSetup(t)
  const { total_value: _t, ...noTotal } = order
  const res = await track(s, {
    attributes: [{ external_id: 'ann', first_name: 'Ann' }],
    events: [
      { external_id: 'ann', name: 'ecommerce.order_placed', time: TIME, properties: order },
      { external_id: 'ann', name: 'ecommerce.order_refunded', time: TIME, properties: noTotal },
      { external_id: 'ann', name: 'ecommerce.order_cancelled', time: TIME, properties: order },
      { external_id: 'ann', name: 'ecommerce.order_cancelled', time: TIME, properties: { ...order, cancel_reason: 'changed mind' } },
      { external_id: 'ann', name: 'ecommerce.checkoutStarted', time: TIME, properties: {} }
    ]
  })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), {
    message: 'success',
    attributes_processed: 1,
    events_processed: 3,
    errors: [
      { type: '\'ecommerce.order_refunded\' requires the property \'total_value\'', input_array: 'events', index: 1 },
      { type: '\'ecommerce.order_cancelled\' requires the property \'cancel_reason\'', input_array: 'events', index: 2 }
    ]
  })
  const ann = await storedUser(s, 'ann')
  assert.equal(ann.profile.first_name, 'Ann')
  const counts = Object.fromEntries(ann.custom_events.map((e: { name: string, count: number }) => [e.name, e.count]))
  assert.deepEqual(counts, { 'ecommerce.order_placed': 1, 'ecommerce.order_cancelled': 1, 'ecommerce.checkoutStarted': 1 })
})

test('a request whose only objects are invalid recommended events is the fatal 400 and writes nothing', async (t) => {
  const s = await restSetup(t)
  const res = await track(s, { events: [{ external_id: 'bob', name: 'ecommerce.product_viewed', time: TIME, properties: { product_id: 'p1', price: '85', currency: 'GBP', source: 'web' } }] })
  assert.equal(res.statusCode, 400)
  assert.deepEqual(json(res), {
    message: 'Valid data must be provided in the \'attributes\', \'events\', or \'purchases\' fields.',
    errors: [{ type: '\'ecommerce.product_viewed\' requires the property \'product_name\'', input_array: 'events', index: 0 }]
  })
  const users = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/user-profiles` })
  assert.deepEqual(json(users).users, [])
})

test('/users/track/bulk validates the same way, per object', async (t) => {
  const s = await restSetup(t)
  const res = await post(s.app, '/users/track/bulk', {
    events: [
      { external_id: 'cy', name: 'ecommerce.cart_updated', time: TIME, properties: { ...order, cart_id: 'c1', products: [{ ...product, quantity: 1.5 }] } },
      { external_id: 'cy', name: 'ecommerce.cart_updated', time: TIME, properties: { ...order, cart_id: 'c1' } }
    ]
  }, { headers: { authorization: `Bearer ${s.key}` } })
  assert.equal(res.statusCode, 201)
  assert.deepEqual(json(res), {
    message: 'success',
    events_processed: 1,
    errors: [{ type: '\'ecommerce.cart_updated\' property \'products[0].quantity\' must be an integer', input_array: 'events', index: 0 }]
  })
})

test('/users/track/sync refuses an invalid recommended event and applies a valid one', async (t) => {
  const s = await restSetup(t)
  const auth = { headers: { authorization: `Bearer ${s.key}` } }
  const bad = await post(s.app, '/users/track/sync', { events: [{ external_id: 'di', name: 'ecommerce.checkout_started', time: TIME, properties: { ...order, checkout_id: 'k1', currency: 'Dollars' } }] }, auth)
  assert.equal(bad.statusCode, 400)
  assert.deepEqual(json(bad).errors, [{ type: '\'ecommerce.checkout_started\' property \'currency\' must be an ISO 4217 currency code', input_array: 'events', index: 0 }])
  const ok = await post(s.app, '/users/track/sync', { events: [{ external_id: 'di', name: 'ecommerce.checkout_started', time: TIME, properties: { ...order, checkout_id: 'k1' } }] }, auth)
  assert.equal(ok.statusCode, 201)
  assert.deepEqual(json(ok), { users: [{ external_id: 'di', custom_events: [{ name: 'ecommerce.checkout_started', first: '2026-11-01T10:00:00.000Z', last: '2026-11-01T10:00:00.000Z', count: 1 }] }], message: 'success' })
})
