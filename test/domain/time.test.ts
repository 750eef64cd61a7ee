import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isIso8601, parseIso8601 } from '../../src/domain/shared/time.js'

test('ISO-8601 forms partners send are accepted', () => {
  for (const v of ['2021-01-21T19:20:30+05:00', '2022-12-01T17:40:04.055Z', '2021-01-21', '2021-01-21T19:20:30', '2021-01-21T19:20Z', '2021-01-21T19:20:30+0500']) {
    assert.ok(isIso8601(v), v)
  }
  assert.equal(parseIso8601('2021-01-21T19:20:30+05:00'), Date.UTC(2021, 0, 21, 14, 20, 30))
  assert.equal(parseIso8601('2021-01-21'), Date.UTC(2021, 0, 21))
})

test('non-dates and impossible dates are refused', () => {
  for (const v of ['yesterday', '', '2021-02-30', '2021-13-01', '21-01-01', '2021-01-21T25:00:00Z', '1611256830']) {
    assert.ok(!isIso8601(v), v)
  }
})
