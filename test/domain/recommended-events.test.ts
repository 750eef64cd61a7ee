import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ECOMMERCE_SCHEMAS, isRecommendedEvent, recommendedEventError } from '../../src/domain/users/track/recommended-events.js'
import { planEvent } from '../../src/domain/users/track/track-activity.js'

const product = { product_id: 'p1', product_name: 'Headphones', variant_id: 'v1', quantity: 1, price: 99.99 }
const order = { order_id: 'o1', total_value: 99.99, currency: 'USD', products: [product], source: 'https://shop.example' }

/** The documented example of each event (ecommerce_events.md, API payloads), trimmed to its required keys plus a few optional ones. */
const VALID: Record<string, Record<string, unknown>> = {
  'ecommerce.product_viewed': { product_id: 'p1', product_name: 'Runners', variant_id: 'v1', price: 85, currency: 'GBP', source: 'web', type: ['price_drop', 'back_in_stock'], metadata: { size: '6' } },
  'ecommerce.cart_updated': { cart_id: 'c1', total_value: 199.98, currency: 'USD', products: [{ ...product, image_url: 'https://x/i.jpg', metadata: { sku: 'S' } }], source: 'web', metadata: {} },
  'ecommerce.checkout_started': { checkout_id: 'k1', cart_id: 'c1', total_value: 99.99, currency: 'USD', products: [product], source: 'web' },
  'ecommerce.order_placed': { ...order, total_discounts: 10, discounts: [{ code: 'SAVE10', amount: 10 }] },
  'ecommerce.order_refunded': order,
  'ecommerce.order_cancelled': { ...order, cancel_reason: 'customer changed mind' }
}

test('the six eCommerce events are the recommended ones; names are case-sensitive', () => {
  assert.deepEqual(Object.keys(ECOMMERCE_SCHEMAS).sort(), Object.keys(VALID).sort())
  assert.equal(isRecommendedEvent('ecommerce.checkoutStarted'), false)
  assert.equal(isRecommendedEvent('order_placed'), false)
  assert.equal(recommendedEventError('ecommerce.checkoutStarted', {}), undefined)
  assert.equal(recommendedEventError('signed_up', undefined), undefined)
})

test('each documented example passes its schema', () => {
  for (const [name, props] of Object.entries(VALID)) assert.equal(recommendedEventError(name, props), undefined, name)
})

test('a missing required property names the event and the property', () => {
  const { total_value: _t, ...noTotal } = order
  assert.equal(recommendedEventError('ecommerce.order_refunded', noTotal), '\'ecommerce.order_refunded\' requires the property \'total_value\'')
  assert.equal(recommendedEventError('ecommerce.order_refunded', { ...order, currency: undefined }), '\'ecommerce.order_refunded\' requires the property \'currency\'')
  assert.equal(recommendedEventError('ecommerce.order_cancelled', order), '\'ecommerce.order_cancelled\' requires the property \'cancel_reason\'')
  assert.equal(recommendedEventError('ecommerce.order_cancelled', { ...order, cancel_reason: null }), '\'ecommerce.order_cancelled\' requires the property \'cancel_reason\'')
  assert.equal(recommendedEventError('ecommerce.cart_updated', { ...VALID['ecommerce.cart_updated'], cart_id: undefined }), '\'ecommerce.cart_updated\' requires the property \'cart_id\'')
  assert.equal(recommendedEventError('ecommerce.checkout_started', { ...VALID['ecommerce.checkout_started'], source: undefined }), '\'ecommerce.checkout_started\' requires the property \'source\'')
  assert.equal(recommendedEventError('ecommerce.product_viewed', { ...VALID['ecommerce.product_viewed'], variant_id: undefined }), '\'ecommerce.product_viewed\' requires the property \'variant_id\'')
  assert.equal(recommendedEventError('ecommerce.order_placed', undefined), '\'ecommerce.order_placed\' requires \'properties\'')
})

test('types: strings, floats, integers, arrays of objects, ISO 4217 currencies', () => {
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, total_value: '99.99' }), '\'ecommerce.order_placed\' property \'total_value\' must be a number')
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, order_id: 1 }), '\'ecommerce.order_placed\' property \'order_id\' must be a string')
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, products: {} }), '\'ecommerce.order_placed\' property \'products\' must be an array of objects')
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, discounts: [1] }), '\'ecommerce.order_placed\' property \'discounts\' must be an array of objects')
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, metadata: 'x' }), '\'ecommerce.order_placed\' property \'metadata\' must be an object')
  assert.equal(recommendedEventError('ecommerce.product_viewed', { ...VALID['ecommerce.product_viewed'], type: 'price_drop' }), '\'ecommerce.product_viewed\' property \'type\' must be an array of strings')
  assert.equal(recommendedEventError('ecommerce.product_viewed', { ...VALID['ecommerce.product_viewed'], type: ['price_drop', 'on_sale'] }), '\'ecommerce.product_viewed\' property \'type\' accepts only \'price_drop\' and \'back_in_stock\'')
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, currency: 'DOLLARS' }), '\'ecommerce.order_placed\' property \'currency\' must be an ISO 4217 currency code')
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, currency: 'usd' }), undefined)
  // optional properties sent as null are absent; extra top-level properties are kept
  assert.equal(recommendedEventError('ecommerce.order_placed', { ...order, cart_id: null, total_discounts: null, channel: 'pos' }), undefined)
})

test('each product is checked: required fields and types, with its index in the path', () => {
  const bad = (p: Record<string, unknown>): string | undefined => recommendedEventError('ecommerce.order_placed', { ...order, products: [product, p] })
  assert.equal(bad({ ...product, quantity: 1.5 }), '\'ecommerce.order_placed\' property \'products[1].quantity\' must be an integer')
  assert.equal(bad({ ...product, price: '9' }), '\'ecommerce.order_placed\' property \'products[1].price\' must be a number')
  assert.equal(bad({ ...product, variant_id: undefined }), '\'ecommerce.order_placed\' requires the property \'products[1].variant_id\'')
  assert.equal(bad({ ...product, product_name: undefined }), '\'ecommerce.order_placed\' requires the property \'products[1].product_name\'')
  assert.equal(bad({ ...product, image_url: 5 }), '\'ecommerce.order_placed\' property \'products[1].image_url\' must be a string')
})

test('planEvent rejects an invalid recommended event and keeps custom events as they were', () => {
  const now = Date.UTC(2026, 0, 1)
  const base = { external_id: 'e', time: '2025-06-01T00:00:00Z' }
  assert.deepEqual(planEvent({ ...base, name: 'ecommerce.order_cancelled', properties: order }, now), { error: '\'ecommerce.order_cancelled\' requires the property \'cancel_reason\'' })
  assert.ok(!('error' in planEvent({ ...base, name: 'ecommerce.order_cancelled', properties: VALID['ecommerce.order_cancelled'] }, now)))
  assert.ok(!('error' in planEvent({ ...base, name: 'order_cancelled', properties: {} }, now)))
})
