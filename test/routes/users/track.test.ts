/**
 * POST /users/track responses against ../shared/braze-reference.md's fidelity checklist
 * (items 27–35, 44, 45): exact status and body in every case.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { restSetup, storedUser, storedUsers, track } from '../../rest-factories.js'

const REQUIRED = '\'external_id\', \'braze_id\', \'user_alias\', \'email\' or \'phone\' is required'
const NO_VALID = 'Valid data must be provided in the \'attributes\', \'events\', or \'purchases\' fields.'
const TIME = '2026-11-01T10:00:00Z'

describe('/users/track responses', () => {
  test('item 27: 2 attributes and 1 event answer 201 with attributes_processed and events_processed and no purchases_processed', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, {
      attributes: [{ external_id: 'u1', first_name: 'Ann' }, { external_id: 'u2', first_name: 'Bob' }],
      events: [{ external_id: 'u1', name: 'signed_up', time: TIME }]
    })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 2, events_processed: 1 })
    assert.equal((await storedUser(s, 'u2')).profile.first_name, 'Bob')
  })

  test('item 28: an event without any identifier is listed in errors while the other is processed', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { events: [{ external_id: 'u1', name: 'a', time: TIME }, { name: 'b', time: TIME }] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', events_processed: 1, errors: [{ type: REQUIRED, input_array: 'events', index: 1 }] })
    assert.deepEqual((await storedUser(s, 'u1')).custom_events.map((e: { name: string }) => e.name), ['a'])
  })

  test('item 29: when every object is invalid the answer is 400 with the fatal message and every error, and nothing is written', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, {
      attributes: [{ first_name: 'x' }],
      purchases: [{ external_id: 'u1', product_id: 'p', currency: 'XYZ', price: 1, time: TIME }]
    })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), {
      message: NO_VALID,
      errors: [
        { type: REQUIRED, input_array: 'attributes', index: 0 },
        { type: '\'currency\' must be an ISO 4217 currency', input_array: 'purchases', index: 0 }
      ]
    })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('item 30: an empty body object is 400 with the fatal message and an empty errors list', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, {})
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: NO_VALID, errors: [] })
  })

  test('item 30: empty arrays are 400 with the fatal message too', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [], events: [], purchases: [] })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: NO_VALID, errors: [] })
  })

  test('item 31: 76 attribute objects are 400 Max Input Length Exceeded and nothing is written', async (t) => {
    const s = await restSetup(t)
    const attributes = Array.from({ length: 76 }, (_, i) => ({ external_id: `u${i}`, plan: 'pro' }))
    const res = await track(s, { attributes })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: 'Max Input Length Exceeded' })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('item 31: 75 objects in each of the three arrays are accepted', async (t) => {
    const s = await restSetup(t)
    const ids = Array.from({ length: 75 }, (_, i) => `u${i}`)
    const res = await track(s, {
      attributes: ids.map((id) => ({ external_id: id, plan: 'pro' })),
      events: ids.map((id) => ({ external_id: id, name: 'e', time: TIME })),
      purchases: ids.map((id) => ({ external_id: id, product_id: 'p', currency: 'USD', price: 1, time: TIME }))
    })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 75, events_processed: 75, purchases_processed: 75 })
  })

  test('item 32: a purchase quantity of 101, 0 or a string is \'quantity\' is not valid', async (t) => {
    const s = await restSetup(t)
    const p = { external_id: 'u1', product_id: 'p', currency: 'USD', price: 1, time: TIME }
    const res = await track(s, { purchases: [{ ...p, quantity: 100 }, { ...p, quantity: 101 }, { ...p, quantity: '2' }, { ...p, quantity: 0 }] })
    assert.equal(res.statusCode, 201)
    const type = '\'quantity\' is not valid'
    assert.deepEqual(json(res), {
      message: 'success',
      purchases_processed: 1,
      errors: [1, 2, 3].map((index) => ({ type, input_array: 'purchases', index }))
    })
    const u = await storedUser(s, 'u1')
    assert.deepEqual(u.purchases, [{ name: 'p', first: '2026-11-01T10:00:00.000Z', last: '2026-11-01T10:00:00.000Z', count: 100 }])
    assert.equal(u.total_revenue, 100)
  })

  test('item 33: a purchase in currency XYZ is \'currency\' must be an ISO 4217 currency', async (t) => {
    const s = await restSetup(t)
    const p = { external_id: 'u1', product_id: 'p', price: 2.5, time: TIME }
    const res = await track(s, { purchases: [{ ...p, currency: 'EUR' }, { ...p, currency: 'XYZ' }] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), {
      message: 'success', purchases_processed: 1, errors: [{ type: '\'currency\' must be an ISO 4217 currency', input_array: 'purchases', index: 1 }]
    })
  })

  test('item 34: an invalid email attribute rejects that object with Braze\'s email error', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ external_id: 'u1', email: 'not-an-email', first_name: 'A' }, { external_id: 'u2', email: 'ok@example.com' }] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), {
      message: 'success',
      attributes_processed: 1,
      errors: [{ type: 'The value provided for the \'email\' field is not a valid email.', input_array: 'attributes', index: 0 }]
    })
    assert.deepEqual((await storedUsers(s)).map((u) => u.external_id), ['u2'])
  })

  test('item 35: an event property named time or event_name rejects that event', async (t) => {
    const s = await restSetup(t)
    const e = { external_id: 'u1', name: 'played', time: TIME }
    const res = await track(s, { events: [{ ...e, properties: { time: 1 } }, { ...e, properties: { event_name: 'x' } }, { ...e, properties: { song: 'y' } }] })
    assert.equal(res.statusCode, 201)
    const type = '\'properties\' may not use the reserved keys \'time\' or \'event_name\''
    assert.deepEqual(json(res), {
      message: 'success', events_processed: 1, errors: [{ type, input_array: 'events', index: 0 }, { type, input_array: 'events', index: 1 }]
    })
  })

  test('an event time in the future is recorded as now', async (t) => {
    const s = await restSetup(t)
    await track(s, { events: [{ external_id: 'u1', name: 'e', time: '2099-01-01T00:00:00Z' }] })
    assert.deepEqual((await storedUser(s, 'u1')).custom_events, [{ name: 'e', first: '2026-11-28T12:00:00.000Z', last: '2026-11-28T12:00:00.000Z', count: 1 }])
  })

  test('an event without a name or a valid time is listed with its field', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { events: [{ external_id: 'u1', time: TIME }, { external_id: 'u1', name: 'e', time: 'yesterday' }] })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), {
      message: NO_VALID,
      errors: [{ type: '\'name\' is not valid', input_array: 'events', index: 0 }, { type: '\'time\' is not valid', input_array: 'events', index: 1 }]
    })
  })

  test('a non-object element is listed as an error', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [42, { external_id: 'u1' }] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), {
      message: 'success', attributes_processed: 1, errors: [{ type: 'Each object in the array must be a JSON object', input_array: 'attributes', index: 0 }]
    })
  })

  test('attributes that is not an array is a 400 JSON error', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: { external_id: 'u1' } })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: '\'attributes\' must be an array' })
  })

  test('item 44: an unknown top-level partner key and the X-Braze-Batch and X-Braze-Bulk headers are ignored', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { partner: 'RudderStack', attributes: [{ external_id: 'u1', plan: 'pro' }] }, { 'x-braze-batch': 'true', 'x-braze-bulk': 'true' })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
  })

  test('item 45: success, per-object failure, auth failure, malformed JSON and an unknown path all answer JSON', async (t) => {
    const s = await restSetup(t)
    const responses = [
      await track(s, { attributes: [{ external_id: 'u1' }] }),
      await track(s, {}),
      await s.app.inject({ method: 'POST', url: '/users/track', payload: { attributes: [] } }),
      await s.app.inject({ method: 'POST', url: '/users/track', payload: '{"attributes": [', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.key}` } }),
      await s.app.inject({ method: 'POST', url: '/users/trak', payload: {} })
    ]
    assert.deepEqual(responses.map((r) => r.statusCode), [201, 400, 401, 400, 404])
    for (const r of responses) {
      assert.match(String(r.headers['content-type']), /^application\/json/)
      assert.equal(typeof json(r).message, 'string')
    }
  })
})

describe('/users/track hostile input', () => {
  test('a body nested thousands of levels deep is refused before it is parsed: 400, nothing stored', async (t) => {
    const s = await restSetup(t)
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)
    const deepArray = '['.repeat(20000) + '1' + ']'.repeat(20000)
    const payload = `{"attributes":[{"external_id":"u1","plain":1,"x":${deep},"y":${deepArray},"twitter":${deep}}],` +
      `"events":[{"external_id":"u1","name":"e","time":"${TIME}","properties":{"p":${deep}}}]}`
    const res = await s.app.inject({ method: 'POST', url: '/users/track', payload, headers: { 'content-type': 'application/json', authorization: `Bearer ${s.key}` } })
    assert.equal(res.statusCode, 400)
    assert.deepEqual(json(res), { message: 'Request body is nested too deeply (at most 64 levels)' })
    assert.equal((await storedUsers(s, { external_id: 'u1' })).length, 0)
  })

  test('values nested deeper than 50 levels inside a parsable body: the nested update is dropped, the properties are that event\'s error', async (t) => {
    const s = await restSetup(t)
    const deep = '{"a":'.repeat(55) + '1' + '}'.repeat(55)
    const payload = `{"attributes":[{"external_id":"u1","plain":1,"x":${deep},"twitter":${deep}}],` +
      `"events":[{"external_id":"u1","name":"e","time":"${TIME}","properties":{"p":${deep}}}]}`
    const res = await s.app.inject({ method: 'POST', url: '/users/track', payload, headers: { 'content-type': 'application/json', authorization: `Bearer ${s.key}` } })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1, events_processed: 0, errors: [{ type: "'properties' is nested too deeply (at most 50 levels)", input_array: 'events', index: 0 }] })
    const u = await storedUser(s, 'u1')
    assert.deepEqual([u.custom_attributes, u.profile], [{ plain: 1 }, {}])
  })
})
