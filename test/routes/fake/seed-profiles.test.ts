import { test } from 'node:test'
import assert from 'node:assert/strict'
import { seedUsers } from '../../factories.js'
import { restSetup, storedUser, track } from '../../rest-factories.js'

test('seeded users may carry profile fields and custom attributes, stored verbatim and updatable by /users/track', async (t) => {
  const s = await restSetup(t)
  const profile = { first_name: 'Sam', country: 'GB', last_coordinates: [1.5, 2.5] }
  const customAttributes = { plan: 'pro', visits: 3, tags: ['a'], nested: { x: true } }
  const [seeded] = await seedUsers(s.app, s.workspaceId, [{ external_id: 's1', profile, custom_attributes: customAttributes }])
  assert.deepEqual(seeded!.profile, profile)
  assert.deepEqual(seeded!.custom_attributes, customAttributes)
  await track(s, { attributes: [{ external_id: 's1', visits: { inc: 1 }, tags: { add: ['b'] } }] })
  const u = await storedUser(s, 's1')
  assert.deepEqual(u.profile, profile)
  assert.deepEqual(u.custom_attributes, { plan: 'pro', visits: 4, tags: ['a', 'b'], nested: { x: true } })
})

test('seeding without profile or custom attributes keeps them empty', async (t) => {
  const s = await restSetup(t)
  const [seeded] = await seedUsers(s.app, s.workspaceId, [{ external_id: 's1' }])
  assert.equal(seeded!.profile, undefined)
  const u = await storedUser(s, 's1')
  assert.deepEqual([u.profile, u.custom_attributes], [{}, {}])
})
