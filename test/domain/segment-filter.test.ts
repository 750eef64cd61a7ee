/** Pure helpers of the segment area: tree resolution, the tree in words, daily series, export objects. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { describeFilter, resolveFilter, type CohortLookup } from '../../src/domain/segments/segment-filter.js'
import { dailySeries } from '../../src/domain/segments/segment-series.js'
import { BrazeError } from '../../src/domain/shared/errors.js'

const cohorts: CohortLookup = (partner, id) => (partner === 'hightouch' && id === 'vip' ? { pk: 7, name: 'VIP buyers' } : undefined)
const VIP = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip' }

describe('resolveFilter', () => {
  test('turns excludes and every negative operator into an explicit not', () => {
    assert.deepEqual(resolveFilter({ and: [{ ...VIP, operator: 'excludes_value' }, { filter: 'custom_attribute', attribute: 'plan', operator: 'not_equals', value: 'gold' }] }, cohorts), {
      kind: 'and',
      children: [
        { kind: 'not', child: { kind: 'cohort', cohortPk: 7 } },
        { kind: 'not', child: { kind: 'attribute', attribute: 'plan', test: 'equals', value: 'gold' } }
      ]
    })
  })

  test('refuses trees nested deeper than 16 levels', () => {
    let tree: unknown = VIP
    for (let i = 0; i < 17; i++) tree = { not: tree }
    assert.throws(() => resolveFilter(tree, cohorts), (e: BrazeError) => e.statusCode === 400 && /nests at most 16 levels$/.test(e.message))
  })

  test('refuses an attribute name with a double quote (it would break the JSON path)', () => {
    assert.throws(() => resolveFilter({ filter: 'custom_attribute', attribute: 'a"b', operator: 'exists' }, cohorts),
      (e: BrazeError) => e.message === 'Invalid segment filter at filter.attribute: must be a custom attribute name (a non-empty string without ")')
  })
})

describe('describeFilter', () => {
  test('renders the tree in words with the cohort\'s current name and groups in parentheses', () => {
    const tree = { or: [{ and: [VIP, { filter: 'custom_attribute', attribute: 'score', operator: 'greater_than', value: 5 }] }, { not: { filter: 'external_id', operator: 'exists' } }] }
    assert.equal(describeFilter(tree, cohorts), '(Hightouch Cohorts includes "VIP buyers" AND Custom Attribute "score" is greater than 5) OR NOT (External User ID exists)')
  })

  test('shows the cohort id when the cohort is no longer known', () => {
    assert.equal(describeFilter({ filter: 'census_cohorts', operator: 'excludes_value', value: 'gone' }, cohorts), 'Census Cohorts excludes "gone"')
  })
})

describe('dailySeries', () => {
  const at = (iso: string): number => Date.parse(iso)
  test('starts at creation, stops today, and carries the last recorded size forward', () => {
    assert.deepEqual(dailySeries({
      recorded: [{ day: '2026-11-02', size: 5 }, { day: '2026-11-04', size: 9 }],
      createdAt: at('2026-11-02T08:00:00Z'), now: at('2026-11-05T12:00:00Z'), endingAt: at('2026-11-09T00:00:00Z'), length: 30
    }), [
      { time: '2026-11-02', size: 5 }, { time: '2026-11-03', size: 5 }, { time: '2026-11-04', size: 9 }, { time: '2026-11-05', size: 9 }
    ])
  })

  test('length counts back from ending_at', () => {
    assert.deepEqual(dailySeries({
      recorded: [{ day: '2026-11-01', size: 1 }], createdAt: at('2026-11-01T00:00:00Z'), now: at('2026-11-20T00:00:00Z'), endingAt: at('2026-11-10T05:00:00Z'), length: 2
    }), [{ time: '2026-11-09', size: 1 }, { time: '2026-11-10', size: 1 }])
  })
})
