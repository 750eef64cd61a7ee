import { test } from 'node:test'
import assert from 'node:assert/strict'
import { aliasesToMove, mergeUserFields } from '../../src/domain/users/identity/user-merge-rules.js'
import { pickByPrioritization, prioritizationError } from '../../src/domain/users/prioritization.js'

test('merging copies only the fields the kept user lacks and sums total_revenue', () => {
  const keep = { email: null, phone: '+1', profile: { first_name: 'Kept', country: null }, customAttributes: { plan: 'gold' }, totalRevenue: 10 }
  const gone = { email: 'g@x.com', phone: '+2', profile: { first_name: 'Gone', country: 'FR', dob: '1990-01-01' }, customAttributes: { plan: 'free', vip: true }, totalRevenue: 5.5 }
  assert.deepEqual(mergeUserFields(keep, gone), {
    email: 'g@x.com',
    phone: '+1',
    profile: { first_name: 'Kept', country: 'FR', dob: '1990-01-01' },
    customAttributes: { plan: 'gold', vip: true },
    totalRevenue: 15.5
  })
})

test('aliases move unless the kept user already holds that label', () => {
  const keep = [{ alias_name: 'k', alias_label: 'email' }]
  const gone = [{ alias_name: 'g', alias_label: 'email' }, { alias_name: 'a1', alias_label: 'amplitude_id' }]
  assert.deepEqual(aliasesToMove(keep, gone), [{ alias_name: 'a1', alias_label: 'amplitude_id' }])
})

test('prioritization: identified/unidentified filter, recency picks one, ties and leftovers pick none', () => {
  const a = { pk: 1, externalId: 'a', updatedAt: 10 }
  const b = { pk: 2, externalId: null, updatedAt: 20 }
  const c = { pk: 3, externalId: null, updatedAt: 30 }
  assert.equal(pickByPrioritization([a, b, c], ['identified']), a)
  assert.equal(pickByPrioritization([a, b, c], ['unidentified']), undefined, 'two unidentified users: no pick')
  assert.equal(pickByPrioritization([a, b, c], ['unidentified', 'most_recently_updated']), c)
  assert.equal(pickByPrioritization([a, b, c], ['least_recently_updated']), a)
  assert.equal(pickByPrioritization([b], ['identified']), undefined, 'a lone unidentified user is not "identified"')
  assert.equal(pickByPrioritization([b, { ...c, updatedAt: 20 }], ['most_recently_updated']), undefined)
})

test('prioritization arrays are checked: missing, unknown values and contradictory pairs', () => {
  assert.equal(prioritizationError(['identified', 'most_recently_updated']), undefined)
  assert.equal(prioritizationError(undefined), "'prioritization' is required and must be a non-empty array when identifying users by email or phone")
  assert.equal(prioritizationError(['newest']), "'prioritization' values must be 'identified', 'unidentified', 'most_recently_updated' or 'least_recently_updated'")
  assert.equal(prioritizationError(['most_recently_updated', 'least_recently_updated']),
    "Request can not contain both of 'most_recently_updated' and 'least_recently_updated' values in the 'prioritization' array")
  assert.equal(prioritizationError(['identified', 'unidentified']),
    "Request can not contain both of 'identified' and 'unidentified' values in the 'prioritization' array")
})
