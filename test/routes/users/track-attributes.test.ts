/**
 * Attribute values through /users/track (checklist items 39–43; user_attributes_object.md,
 * nested_custom_attribute_support.md, array_of_objects.md).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { seedUsers } from '../../factories.js'
import { restSetup, storedUser, track, type RestSetup } from '../../rest-factories.js'

async function attrs (s: RestSetup, ...objects: Array<Record<string, unknown>>): Promise<void> {
  const res = await track(s, { attributes: objects.map((o) => ({ external_id: 'u1', ...o })) })
  assert.equal(res.statusCode, 201, res.body)
}

const custom = async (s: RestSetup) => (await storedUser(s, 'u1')).custom_attributes

describe('/users/track custom attributes', () => {
  test('item 39: inc 5 twice on 1 gives 11', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { my_int: 1 })
    await attrs(s, { my_int: { inc: 5 } })
    await attrs(s, { my_int: { inc: 5 } })
    assert.deepEqual(await custom(s), { my_int: 11 })
  })

  test('inc on a missing attribute counts from 0 and may be negative', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { score: { inc: -3 } })
    assert.deepEqual(await custom(s), { score: -3 })
  })

  test('item 39: add and remove in one operation apply both', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { tags: ['a', 'c'] })
    await attrs(s, { tags: { add: ['b'], remove: ['a'] } })
    assert.deepEqual(await custom(s), { tags: ['c', 'b'] })
  })

  test('item 39: null removes an attribute', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { x: 'y', keep: true })
    await attrs(s, { x: null })
    assert.deepEqual(await custom(s), { keep: true })
  })

  test('item 40: an array is de-duplicated and a re-added element moves to the end', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { arr: ['a', 'a', 'b'] })
    assert.deepEqual(await custom(s), { arr: ['a', 'b'] })
    await attrs(s, { arr: { add: ['a'] } })
    assert.deepEqual(await custom(s), { arr: ['b', 'a'] })
  })

  test('arrays keep at most 25 elements: a longer array is truncated and adds beyond 25 drop the oldest', async (t) => {
    const s = await restSetup(t)
    const thirty = Array.from({ length: 30 }, (_, i) => `v${i}`)
    await attrs(s, { arr: thirty })
    assert.deepEqual((await custom(s)).arr, thirty.slice(0, 25))
    await attrs(s, { arr: { add: ['new'] } })
    assert.deepEqual((await custom(s)).arr, [...thirty.slice(1, 25), 'new'])
  })

  test('custom attributes keep their JSON types and date strings become ISO-8601 dates', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { s: 'text', n: 1.5, b: false, d: '2024-02-03', dt: '2024-02-03T04:05:06+01:00', far: '3500-01-01' })
    assert.deepEqual(await custom(s), {
      s: 'text', n: 1.5, b: false, d: '2024-02-03T00:00:00.000Z', dt: '2024-02-03T03:05:06.000Z', far: '3500-01-01'
    })
  })

  test('item 41: a nested object replaces the stored one without _merge_objects and deep-merges with it', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { obj: { a: 1, inner: { x: 1, y: 2 } } })
    await attrs(s, { obj: { inner: { x: 9 } } })
    assert.deepEqual(await custom(s), { obj: { inner: { x: 9 } } })
    await attrs(s, { obj: { b: 2, inner: { y: 3 } }, _merge_objects: true })
    assert.deepEqual(await custom(s), { obj: { b: 2, inner: { x: 9, y: 3 } } })
    await attrs(s, { obj: { b: null }, _merge_objects: true })
    assert.deepEqual(await custom(s), { obj: { inner: { x: 9, y: 3 } } })
  })

  test('$time inside a nested object is stored as an ISO-8601 date', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { obj: { when: { $time: '2020-05-28' } } })
    assert.deepEqual(await custom(s), { obj: { when: '2020-05-28T00:00:00.000Z' } })
  })

  test('item 42: $update changes only matching objects (with _merge_objects) and $remove removes every match', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { pets: [{ id: 1, type: 'dog', name: 'Rex' }, { id: 2, type: 'cat', name: 'Tom' }, { id: 3, type: 'dog', name: 'Fido' }] })
    await attrs(s, {
      _merge_objects: true,
      pets: { $update: [{ $identifier_key: 'id', $identifier_value: 2, $new_object: { name: 'Tommy', age: 3 } }] }
    })
    assert.deepEqual((await custom(s)).pets, [
      { id: 1, type: 'dog', name: 'Rex' }, { id: 2, type: 'cat', name: 'Tommy', age: 3 }, { id: 3, type: 'dog', name: 'Fido' }
    ])
    await attrs(s, { pets: { $remove: [{ $identifier_key: 'type', $identifier_value: 'dog' }] } })
    assert.deepEqual((await custom(s)).pets, [{ id: 2, type: 'cat', name: 'Tommy', age: 3 }])
    await attrs(s, { pets: { $add: [{ id: 4, type: 'fish' }] } })
    assert.deepEqual((await custom(s)).pets, [{ id: 2, type: 'cat', name: 'Tommy', age: 3 }, { id: 4, type: 'fish' }])
  })

  test('item 43: an invalid $time drops every nested-attribute update of the request and keeps the other attributes', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ external_id: 'u2', custom_attributes: { obj2: { a: 1 } } }])
    const res = await track(s, {
      attributes: [
        { external_id: 'u1', plain: 'kept', obj: { when: { $time: 'not a date' } } },
        { external_id: 'u2', plain: 'kept too', obj2: { a: 2 } }
      ]
    })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 2 })
    assert.deepEqual(await custom(s), { plain: 'kept' })
    assert.deepEqual((await storedUser(s, 'u2')).custom_attributes, { obj2: { a: 1 }, plain: 'kept too' })
  })

  test('a nested key with a dot or a dollar sign is an invalid nested value', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { ok: 1, obj: { 'a.b': 1 }, other: { fine: true } })
    assert.deepEqual(await custom(s), { ok: 1 })
  })
})

describe('/users/track standard profile fields', () => {
  test('standard fields are normalised and stored under their export names', async (t) => {
    const s = await restSetup(t)
    await attrs(s, {
      first_name: 'Jon', last_name: 'Snow', email: ' Jon@Example.COM ', gender: 'female', country: 'United States', dob: '1980-12-21',
      time_zone: 'America/New_York', home_city: 'Winterfell', language: 'en', current_location: { longitude: -73.99, latitude: 40.75 },
      email_subscribe: 'opted_in', push_subscribe: 'unsubscribed', phone: '+15551234567'
    })
    const u = await storedUser(s, 'u1')
    assert.equal(u.email, 'jon@example.com')
    assert.equal(u.phone, '+15551234567')
    assert.equal(u.email_subscribe, 'opted_in')
    assert.equal(u.push_subscribe, 'unsubscribed')
    assert.deepEqual(u.profile, {
      first_name: 'Jon', last_name: 'Snow', gender: 'F', country: 'US', dob: '1980-12-21', time_zone: 'America/New_York',
      home_city: 'Winterfell', language: 'en', last_coordinates: [-73.99, 40.75], email_opted_in_at: '2026-11-28T12:00:00.000Z',
      push_unsubscribed_at: '2026-11-28T12:00:00.000Z'
    })
    assert.deepEqual(u.custom_attributes, {})
  })

  test('an unknown country is stored as null, an invalid time_zone or dob is not set', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { country: 'DE', time_zone: 'Europe/Berlin', dob: '1990-01-01' })
    await attrs(s, { country: 'Atlantis', time_zone: 'Mars/Olympus', dob: '12/21/1980' })
    assert.deepEqual((await storedUser(s, 'u1')).profile, { time_zone: 'Europe/Berlin', dob: '1990-01-01' })
  })

  test('subscription groups and push tokens are accepted and kept', async (t) => {
    const s = await restSetup(t)
    const group = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'
    await s.app.inject({ method: 'POST', url: `/_fake/workspaces/${s.workspaceId}/subscription-groups`, payload: { id: group, name: 'News', channel: 'email' } })
    await attrs(s, {
      subscription_groups: [{ subscription_group_id: group, subscription_state: 'subscribed' }],
      push_tokens: [{ app_id: 'app', token: 'tok', device_id: 'dev' }],
      push_subscribe: 'opted_in'
    })
    const u = await storedUser(s, 'u1')
    assert.deepEqual(u.subscriptions.groups, { [group]: 'subscribed' })
    assert.equal(u.subscriptions.has_push_token, true)
    assert.deepEqual(u.profile, {
      push_tokens: [{ app: 'app', token: 'tok', device_id: 'dev', notifications_enabled: true }],
      push_opted_in_at: '2026-11-28T12:00:00.000Z'
    })
  })

  test('null removes a standard field', async (t) => {
    const s = await restSetup(t)
    await attrs(s, { first_name: 'A', email: 'a@example.com' })
    await attrs(s, { first_name: null, email: null })
    const u = await storedUser(s, 'u1')
    assert.deepEqual(u.profile, {})
    assert.equal(u.email, null)
  })
})
