import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isE164, phoneKey, readPhone } from '../../src/domain/shared/phone.js'
import { resolveIdentifier } from '../../src/domain/users/track/track-identifiers.js'
import { standardChange } from '../../src/domain/users/track/track-standard-fields.js'
import { checkPhones } from '../../src/domain/subscriptions/subscription-rules.js'

test('E.164 numbers are read as they are, written with or without separators', () => {
  assert.equal(readPhone('+442071838750'), '+442071838750')
  assert.equal(readPhone(' +44 20 7183 8750 '), '+442071838750')
  assert.equal(readPhone('+1 (415) 555-2671'), '+14155552671')
  assert.equal(readPhone('+551155256325'), '+551155256325')
})

test('the guide\'s 10-digit U.S. reading: a valid area code and no "+" make a +1 number', () => {
  assert.equal(readPhone('4155552671'), '+14155552671')
  assert.equal(readPhone('(415) 555-2671'), '+14155552671')
  assert.equal(readPhone('415.555.2671'), '+14155552671')
  assert.equal(readPhone('1 415 555 2671'), '+14155552671')
  assert.equal(readPhone(4155552671), '+14155552671')
  // not a valid area code (0xx, 1xx, x9x, N11) or exchange (0xx, 1xx)
  for (const bad of ['0155552671', '1155552671', '4915552671', '4115552671', '4150552671', '4151552671']) assert.equal(readPhone(bad), undefined, bad)
})

test('numbers the guide would not read are undefined: international without "+", too short or long, letters, extensions', () => {
  for (const bad of ['2071838750x', '442071838750', '555-1234', '12345', '+0123456789', '+1234567890123456', '+1 415 CALL NOW', '415-555-2671 ext 2', '', '++14155552671', '4155552671+']) {
    assert.equal(readPhone(bad), undefined, bad)
  }
  for (const bad of [null, true, {}, 4.5, -4155552671]) assert.equal(readPhone(bad), undefined)
})

test('phoneKey: the E.164 form when readable, else the trimmed text', () => {
  assert.equal(phoneKey('(415) 555-2671'), '+14155552671')
  assert.equal(phoneKey(' 555-1234 '), '555-1234')
})

test('E.164 strictly, for the endpoints that demand it: no U.S. reading, no separators', () => {
  assert.equal(isE164('+14155552671'), true)
  assert.equal(isE164('4155552671'), false)
  assert.equal(isE164('+1 415 555 2671'), false)
  assert.deepEqual(checkPhones([' +14155552671 ']), ['+14155552671'])
  assert.throws(() => checkPhones(['4155552671']), /E\.164/)
})

test('/users/track: the phone identifier and the phone attribute follow the same reading', () => {
  assert.deepEqual(resolveIdentifier({ phone: '(415) 555-2671' }), { identifier: { kind: 'phone', value: '+14155552671' }, mayCreate: true })
  assert.deepEqual(resolveIdentifier({ phone: '555-1234' }), { error: 'The value provided for the \'phone\' field is not a valid phone number.' })
  assert.deepEqual(standardChange('phone', '415 555 2671'), { target: 'phone', value: '+14155552671', points: 1 })
  // an attribute Braze cannot read is kept as given (an invalid number on the profile)
  assert.deepEqual(standardChange('phone', ' 555-1234 '), { target: 'phone', value: '555-1234', points: 1 })
})
