/** Pure rules of the subscriptions surface: the new-address state, the date window, identifier checks. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { asList, checkPhones, dateWindow, globalState, normaliseEmails, stateForNewAddress, statusWord } from '../../src/domain/subscriptions/subscription-rules.js'
import { BrazeError } from '../../src/domain/shared/errors.js'

const fails = (fn: () => unknown, message: string): void => assert.throws(fn, (e: BrazeError) => e.statusCode === 400 && e.message === message)

describe('global state', () => {
  test('item 152: never set is subscribed', () => {
    assert.equal(globalState(null), 'subscribed')
    assert.equal(globalState('opted_in'), 'opted_in')
  })
  test('item 153: a changed address resets to subscribed; an address state (item 154) or another profile\'s is inherited', () => {
    assert.equal(stateForNewAddress(undefined, []), 'subscribed')
    assert.equal(stateForNewAddress('unsubscribed', ['opted_in']), 'unsubscribed')
    assert.equal(stateForNewAddress(null, ['opted_in']), 'opted_in')
    assert.equal(stateForNewAddress(null, [null]), 'subscribed')
  })
  test('status words are capitalised; no history is Unknown', () => {
    assert.deepEqual([statusWord('subscribed'), statusWord('unsubscribed'), statusWord(undefined)], ['Subscribed', 'Unsubscribed', 'Unknown'])
  })
})

describe('identifiers', () => {
  test('a string or an array of strings', () => {
    assert.deepEqual(asList('a', 'x'), ['a'])
    assert.equal(asList(undefined, 'x'), undefined)
    fails(() => asList([1], 'bad'), 'bad')
  })
  test('emails are trimmed and lower-cased; phones must be E.164', () => {
    assert.deepEqual(normaliseEmails([' A@X.com ']), ['a@x.com'])
    fails(() => normaliseEmails(['nope']), 'email must be a valid email address or an array of at most 50 of them')
    assert.deepEqual(checkPhones(['+12223334444']), ['+12223334444'])
    fails(() => checkPhones(['+0123']), 'phone numbers must be in E.164 format (+ and up to 15 digits)')
    fails(() => checkPhones(['+1234567890123456']), 'phone numbers must be in E.164 format (+ and up to 15 digits)')
  })
})

describe('date window', () => {
  test('end_date is required unless an identifier is given; start before end; end day included', () => {
    assert.deepEqual(dateWindow({ start_date: '2026-11-01', end_date: '2026-11-02' }, false, true), { startMs: Date.UTC(2026, 10, 1), endMs: Date.UTC(2026, 10, 3) })
    assert.deepEqual(dateWindow({}, true, true), {})
    fails(() => dateWindow({ start_date: '2026-11-01' }, false, true), 'end_date is required')
    fails(() => dateWindow({ end_date: '2026-11-01' }, false, true), 'start_date or email is required')
    fails(() => dateWindow({ start_date: '2026-11-02', end_date: '2026-11-02' }, false, true), 'start_date must be before end_date')
    fails(() => dateWindow({ start_date: '2026-02-30', end_date: '2026-11-02' }, false, true), 'dates must be YYYY-MM-DD')
  })
})
