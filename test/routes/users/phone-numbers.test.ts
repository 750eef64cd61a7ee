/**
 * Issue 17 item 7: phone numbers follow Braze's phone-number guide wherever they are accepted —
 * E.164, or ten U.S. digits read as +1 — except where an endpoint's doc demands E.164.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { json, post } from '../../helper.js'
import { restSetup, storedUsers, track } from '../../rest-factories.js'

test('a U.S. number written three ways names one phone-only user, stored and exported in E.164', async (t) => {
  const s = await restSetup(t)
  const auth = { headers: { authorization: `Bearer ${s.key}` } }
  const res = await track(s, { attributes: [{ phone: '(415) 555-2671', first_name: 'Pat' }] })
  assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
  const again = await track(s, { attributes: [{ phone: '+1 415 555 2671', last_name: 'Lee' }], events: [{ phone: '4155552671', name: 'texted', time: '2026-11-01T10:00:00Z' }] })
  assert.deepEqual(json(again), { message: 'success', attributes_processed: 1, events_processed: 1 })
  const users = await storedUsers(s)
  assert.equal(users.length, 1)
  assert.equal(users[0]!.phone, '+14155552671')
  assert.equal(users[0]!.profile.last_name, 'Lee')
  const exported = await post(s.app, '/users/export/ids', { phone: '415.555.2671', fields_to_export: ['phone', 'first_name'] }, auth)
  assert.deepEqual(json(exported).users, [{ phone: '+14155552671', first_name: 'Pat' }])
  // the control plane's filter reads the number the same way
  assert.equal((await storedUsers(s, { phone: '415-555-2671' })).length, 1)
})

test('numbers the guide does not read: an identifier is the object\'s error, an attribute is kept as given', async (t) => {
  const s = await restSetup(t)
  const res = await track(s, { attributes: [{ phone: '442071838750', plan: 'x' }, { external_id: 'kim', phone: '555-1234' }] })
  assert.deepEqual(json(res), { message: 'success', attributes_processed: 1, errors: [{ type: 'The value provided for the \'phone\' field is not a valid phone number.', input_array: 'attributes', index: 0 }] })
  const [kim] = await storedUsers(s, { external_id: 'kim' })
  assert.equal(kim!.phone, '555-1234')
})

test('an invalid-number mark in E.164 reaches the profile whose number was written locally; E.164-only endpoints refuse the U.S. reading', async (t) => {
  const s = await restSetup(t)
  await track(s, { attributes: [{ external_id: 'ro', phone: '(212) 555-0199' }] })
  const marked = await post(s.app, `/_fake/workspaces/${s.workspaceId}/deliverability-events`, { invalid_phone_numbers: [{ phone: '+12125550199' }] })
  assert.equal(marked.statusCode, 201, marked.body)
  const [ro] = await storedUsers(s, { external_id: 'ro' })
  assert.equal(ro!.subscriptions.phone_invalid, true)
  const remove = await post(s.app, '/sms/invalid_phone_numbers/remove', { phone_numbers: ['2125550199'] }, { headers: { authorization: `Bearer ${s.key}` } })
  assert.equal(remove.statusCode, 400)
  assert.match(json(remove).message, /E\.164/)
})

test('identify and delete by phone read the number the same way', async (t) => {
  const s = await restSetup(t)
  const auth = { headers: { authorization: `Bearer ${s.key}` } }
  await track(s, { attributes: [{ phone: '+1 212 555 0100', plan: 'x' }, { phone: '+12125550111', plan: 'y' }] })
  const identified = await post(s.app, '/users/identify', { phone_numbers_to_identify: [{ external_id: 'lu', phone: '(212) 555-0100', prioritization: ['unidentified'] }] }, auth)
  assert.equal(identified.statusCode, 201, identified.body)
  const [lu] = await storedUsers(s, { external_id: 'lu' })
  assert.equal(lu!.phone, '+12125550100')
  const deleted = await post(s.app, '/users/delete', { phone_numbers: ['212.555.0111'] }, auth)
  assert.deepEqual(json(deleted), { deleted: 1, message: 'success' })
  assert.deepEqual((await storedUsers(s)).map((u) => u.phone), ['+12125550100'])
})
