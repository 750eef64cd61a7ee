/**
 * Which user /users/track writes, and when it creates one (checklist items 36–38;
 * post_user_track.md, user_attributes_object.md).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json } from '../../helper.js'
import { seedUsers } from '../../factories.js'
import { restSetup, storedUser, storedUsers, track } from '../../rest-factories.js'

const TIME = '2026-11-01T10:00:00Z'

describe('/users/track identifiers', () => {
  test('item 36: an unknown external_id creates the user', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ external_id: 'new-1', first_name: 'Neo' }] })
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
    const u = await storedUser(s, 'new-1')
    assert.match(u.braze_id, /^[0-9a-f]{24}$/)
    assert.deepEqual(u.profile, { first_name: 'Neo' })
  })

  test('item 36: an unknown external_id with _update_existing_only true is accepted but creates nothing', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ external_id: 'new-1', first_name: 'Neo', _update_existing_only: true }] })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('item 36: _update_existing_only true still updates a user that exists', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ external_id: 'old-1' }])
    await track(s, { attributes: [{ external_id: 'old-1', first_name: 'Ola', _update_existing_only: true }] })
    assert.equal((await storedUser(s, 'old-1')).profile.first_name, 'Ola')
  })

  test('an unknown external_id in an event creates the user and records the event', async (t) => {
    const s = await restSetup(t)
    await track(s, { events: [{ external_id: 'ev-1', name: 'opened', time: TIME }] })
    assert.equal((await storedUser(s, 'ev-1')).custom_events[0].count, 1)
  })

  test('item 37: a user_alias without _update_existing_only creates no profile', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ user_alias: { alias_name: 'a1', alias_label: 'crm' }, plan: 'pro' }] })
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('item 37: a user_alias with _update_existing_only false creates an alias-only profile', async (t) => {
    const s = await restSetup(t)
    await track(s, { attributes: [{ user_alias: { alias_name: 'a1', alias_label: 'crm' }, _update_existing_only: false, plan: 'pro' }] })
    const users = await storedUsers(s, { alias_label: 'crm', alias_name: 'a1' })
    assert.equal(users.length, 1)
    assert.equal(users[0]!.external_id, null)
    assert.deepEqual(users[0]!.user_aliases, [{ alias_name: 'a1', alias_label: 'crm' }])
    assert.deepEqual(users[0]!.custom_attributes, { plan: 'pro' })
  })

  test('a user_alias of an existing user updates it without _update_existing_only', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ external_id: 'u1', aliases: [{ alias_name: 'a1', alias_label: 'crm' }] }])
    await track(s, { attributes: [{ user_alias: { alias_name: 'a1', alias_label: 'crm' }, plan: 'pro' }] })
    assert.deepEqual((await storedUser(s, 'u1')).custom_attributes, { plan: 'pro' })
  })

  test('a braze_id updates its user and never creates one', async (t) => {
    const s = await restSetup(t)
    const [seeded] = await seedUsers(s.app, s.workspaceId, [{ external_id: 'u1' }])
    const res = await track(s, { attributes: [{ braze_id: seeded!.braze_id, plan: 'pro' }, { braze_id: '000000000000000000000000', plan: 'x' }] })
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 2 })
    assert.deepEqual((await storedUsers(s)).map((u) => [u.external_id, u.custom_attributes]), [['u1', { plan: 'pro' }]])
  })

  test('item 38: an unknown email identifier creates an email-only profile with the lower-cased email', async (t) => {
    const s = await restSetup(t)
    await track(s, { attributes: [{ email: 'New@Example.COM', first_name: 'Em' }] })
    const users = await storedUsers(s)
    assert.equal(users.length, 1)
    assert.equal(users[0]!.external_id, null)
    assert.equal(users[0]!.email, 'new@example.com')
    assert.deepEqual(users[0]!.user_aliases, [])
    assert.deepEqual(users[0]!.profile, { first_name: 'Em' })
  })

  test('item 38: with both email and phone, the email is the identifier and the phone is set', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ external_id: 'by-email', email: 'e@example.com' }, { external_id: 'by-phone', phone: '+15550001111' }])
    await track(s, { attributes: [{ email: 'e@example.com', phone: '+15550001111', plan: 'pro' }] })
    assert.deepEqual((await storedUser(s, 'by-email')).custom_attributes, { plan: 'pro' })
    assert.equal((await storedUser(s, 'by-email')).phone, '+15550001111')
    assert.deepEqual((await storedUser(s, 'by-phone')).custom_attributes, {})
  })

  test('an unknown email identifier with _update_existing_only true creates nothing', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ email: 'ghost@example.com', plan: 'x', _update_existing_only: true }] })
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('a phone identifier updates the matching user and an unknown one creates a phone-only profile', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ external_id: 'p1', phone: '+15550001111' }])
    await track(s, { attributes: [{ phone: '+15550001111', plan: 'a' }, { phone: '+15550002222', plan: 'b' }] })
    assert.deepEqual((await storedUser(s, 'p1')).custom_attributes, { plan: 'a' })
    const created = await storedUsers(s, { phone: '+15550002222' })
    assert.deepEqual(created.map((u) => [u.external_id, u.custom_attributes]), [[null, { plan: 'b' }]])
  })

  test('an invalid phone identifier is listed as an error', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ phone: 'call me', plan: 'a' }, { external_id: 'u1' }] })
    assert.deepEqual(json(res), {
      message: 'success', attributes_processed: 1,
      errors: [{ type: 'The value provided for the \'phone\' field is not a valid phone number.', input_array: 'attributes', index: 0 }]
    })
  })

  test('several users with one email: the most recently updated user with an external_id wins over newer anonymous ones', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ external_id: 'a', email: 'dup@example.com' }, { external_id: 'b', email: 'dup@example.com' }])
    s.advance(1000)
    await track(s, { attributes: [{ external_id: 'a', first_name: 'A' }] })
    s.advance(1000)
    await track(s, { attributes: [{ email: 'other@example.com', push_subscribe: 'opted_in' }] }) // unrelated user
    await seedUsers(s.app, s.workspaceId, [{ email: 'dup@example.com', device_ids: ['d1'] }])
    s.advance(1000)
    await track(s, { attributes: [{ email: 'dup@example.com', plan: 'pro' }] })
    const users = await storedUsers(s, { email: 'dup@example.com' })
    assert.deepEqual(users.map((u) => [u.external_id, u.custom_attributes]), [['a', { plan: 'pro' }], ['b', {}], [null, {}]])
  })

  test('several anonymous users with one email: the most recently updated one wins', async (t) => {
    const s = await restSetup(t)
    await seedUsers(s.app, s.workspaceId, [{ email: 'dup@example.com', device_ids: ['d1'] }, { email: 'dup@example.com', device_ids: ['d2'] }])
    const [first] = await storedUsers(s)
    s.advance(1000)
    await track(s, { attributes: [{ braze_id: first!.braze_id, first_name: 'First' }] })
    await track(s, { attributes: [{ email: 'dup@example.com', plan: 'pro' }] })
    const users = await storedUsers(s, { email: 'dup@example.com' })
    assert.deepEqual(users.map((u) => u.custom_attributes), [{ plan: 'pro' }, {}])
  })

  test('a malformed user_alias is listed as an error', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, { attributes: [{ user_alias: { alias_name: 'x' } }, { external_id: 'u1' }] })
    assert.deepEqual(json(res).errors, [{ type: '\'user_alias\' must be an object with \'alias_name\' and \'alias_label\' strings', input_array: 'attributes', index: 0 }])
  })

  test('objects for one user apply in order: attributes, then events, then purchases', async (t) => {
    const s = await restSetup(t)
    const res = await track(s, {
      purchases: [{ external_id: 'u1', product_id: 'p', currency: 'USD', price: 3, time: TIME, _update_existing_only: true }],
      attributes: [{ external_id: 'u1', first_name: 'A' }]
    })
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1, purchases_processed: 1 })
    assert.equal((await storedUser(s, 'u1')).total_revenue, 3)
  })
})
