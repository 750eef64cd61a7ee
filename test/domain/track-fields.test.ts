import { test } from 'node:test'
import assert from 'node:assert/strict'
import { standardChange } from '../../src/domain/users/track/track-standard-fields.js'
import { normaliseEmail, resolveIdentifier } from '../../src/domain/users/track/track-identifiers.js'
import { countryCode, ianaTimeZone, isIsoCurrency } from '../../src/domain/users/track/iso-codes.js'
import { parseBrazeDate } from '../../src/domain/users/track/track-dates.js'
import { planAttributes } from '../../src/domain/users/track/track-attributes.js'
import { planEvent, planPurchase } from '../../src/domain/users/track/track-activity.js'

test('countries map codes and English names to alpha-2, anything else to null', () => {
  assert.deepEqual(['us', 'United States', 'USA', 'Australia', 'germany', 'Atlantis', 'EU'].map(countryCode), ['US', 'US', 'US', 'AU', 'DE', null, null])
})

test('genders normalise to M, F, O, N, P or null', () => {
  assert.deepEqual(['m', 'Female', 'other', 'N', 'prefer not to say', 'robot'].map((g) => (standardChange('gender', g) as { value: unknown }).value), ['M', 'F', 'O', 'N', 'P', null])
})

test('time zones, currencies and dates', () => {
  assert.equal(ianaTimeZone('America/New_York'), 'America/New_York')
  assert.equal(ianaTimeZone('Mars/Olympus'), undefined)
  assert.ok(isIsoCurrency('USD') && !isIsoCurrency('XYZ'))
  assert.equal(parseBrazeDate('2020-01-02T03:04:05:678Z'), Date.UTC(2020, 0, 2, 3, 4, 5, 678))
  assert.equal(parseBrazeDate('12/21/1980'), Date.UTC(1980, 11, 21))
  assert.equal(parseBrazeDate('soon'), undefined)
})

test('emails are trimmed and lower-cased', () => {
  assert.equal(normaliseEmail(' A@B.co '), 'a@b.co')
  assert.equal(normaliseEmail('a@b'), undefined)
})

test('identifier precedence: external_id, user_alias, braze_id, email, phone; creation rules per kind', () => {
  assert.deepEqual(resolveIdentifier({ external_id: 'e', email: 'a@b.co' }), { identifier: { kind: 'external_id', value: 'e' }, mayCreate: true })
  assert.deepEqual(resolveIdentifier({ external_id: 'e', _update_existing_only: true }), { identifier: { kind: 'external_id', value: 'e' }, mayCreate: false })
  const alias = { alias_name: 'n', alias_label: 'l' }
  assert.equal((resolveIdentifier({ user_alias: alias }) as { mayCreate: boolean }).mayCreate, false)
  assert.equal((resolveIdentifier({ user_alias: alias, _update_existing_only: false }) as { mayCreate: boolean }).mayCreate, true)
  assert.equal((resolveIdentifier({ braze_id: 'b', _update_existing_only: false }) as { mayCreate: boolean }).mayCreate, false)
  assert.deepEqual(resolveIdentifier({ email: 'A@B.co', phone: '+15551234567' }), { identifier: { kind: 'email', value: 'a@b.co' }, mayCreate: true })
  assert.deepEqual(resolveIdentifier({ first_name: 'x' }), { error: '\'external_id\', \'braze_id\', \'user_alias\', \'email\' or \'phone\' is required' })
})

test('planAttributes separates standard fields, custom attributes and control keys', () => {
  const plan = planAttributes({ external_id: 'e', _merge_objects: true, first_name: 'A', plan: 'pro', bio: 'ignored' })
  assert.ok(!('error' in plan))
  assert.equal(plan.mergeObjects, true)
  assert.deepEqual(plan.standard, [{ target: 'profile', key: 'first_name', value: 'A', points: 1 }])
  assert.deepEqual(plan.custom.map((c) => c.key), ['plan'])
})

test('events and purchases: required fields, clamped time, quantity 1..100, ISO 4217', () => {
  const now = Date.UTC(2026, 0, 1)
  assert.deepEqual(planEvent({ external_id: 'e', name: 'n', time: '2030-01-01' }, now), { identifier: { kind: 'external_id', value: 'e' }, mayCreate: true, name: 'n', time: now, appId: '' })
  const p = { external_id: 'e', product_id: 'p', currency: 'usd', price: 1, time: '2025-01-01' }
  assert.equal((planPurchase(p, now) as { currency: string }).currency, 'USD')
  assert.deepEqual(planPurchase({ ...p, quantity: 1.5 }, now), { error: '\'quantity\' is not valid' })
  assert.deepEqual(planPurchase({ ...p, price: '1' }, now), { error: '\'price\' is not valid' })
  assert.deepEqual(planPurchase({ ...p, product_id: '' }, now), { error: '\'product_id\' is not valid' })
})
