import { test } from 'node:test'
import assert from 'node:assert/strict'
import { countIdentifiers, planMembershipSteps } from '../../src/domain/partners/cohort-membership.js'
import { BrazeError } from '../../src/domain/shared/errors.js'

test('identifiers are counted across every object and kind', () => {
  assert.equal(countIdentifiers([{ user_ids: ['a', 'b'], device_ids: ['d'] }, { aliases: [{ alias_name: 'n', alias_label: 'l' }], should_remove: true }]), 4)
  assert.equal(countIdentifiers([]), 0)
})

test('exactly 1,000 identifiers pass and 1,001 throw Braze\'s 400', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i))
  assert.equal(planMembershipSteps([{ user_ids: ids(999) }, { device_ids: ['x'] }]).length, 2)
  assert.throws(() => planMembershipSteps([{ user_ids: ids(1000) }, { device_ids: ['x'] }]), (e: BrazeError) =>
    e.statusCode === 400 && e.message === 'Only 1,000 user_ids, device_ids, and aliases are allowed per request')
})

test('steps keep request order, default to add, and drop duplicates within a step', () => {
  const steps = planMembershipSteps([
    { user_ids: ['a', 'a', 'b'], aliases: [{ alias_name: 'n', alias_label: 'l' }, { alias_label: 'l', alias_name: 'n' }] },
    { device_ids: ['d'], should_remove: true },
    { user_ids: ['a'], should_remove: false }
  ])
  assert.deepEqual(steps.map((s) => s.op), ['add', 'remove', 'add'])
  assert.deepEqual(steps[0]!.userIds, ['a', 'b'])
  assert.equal(steps[0]!.aliases.length, 1)
})
