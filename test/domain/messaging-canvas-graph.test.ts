/** The pure rules of issue 21: Canvas graph checks, variant buckets and splits, frequency caps. */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { checkCanvasGraph, findCycle } from '../../src/domain/messaging/canvas-graph.js'
import { canvasSteps, stepsOf } from '../../src/domain/messaging/definitions.js'
import { CapCounts, historyThreshold, overCap, frequencyRulesError, type FrequencyRule } from '../../src/domain/messaging/frequency-capping.js'
import { assign, bucketOf, makeSplit, splitError } from '../../src/domain/messaging/variants.js'

const ok = () => undefined

test('canvasSteps: next defaults to the following step, null after the last; explicit null leaves', () => {
  const steps = canvasSteps([{ id: 'a', name: 'A' }, { id: 'b', name: 'B', type: 'delay', delay_s: 5 }, { id: 'c', name: 'C', next: null }, { id: 'd', name: 'D' }])
  assert.deepEqual(steps.map((s) => [s.id, s.type, s.next]), [['a', 'message', 'b'], ['b', 'delay', 'c'], ['c', 'message', null], ['d', 'message', null]])
  // stored Canvases from before step types: a message list in order
  assert.deepEqual(stepsOf({ steps: [{ id: 'x', name: 'X', messages: [] }, { id: 'y', name: 'Y', messages: [] }] as any }).map((s) => [s.type, s.next]), [['message', 'y'], ['message', null]])
})

test('checkCanvasGraph names the step of each fault', () => {
  const bad = (input: Parameters<typeof canvasSteps>[0], re: RegExp, filterError: (f: unknown) => string | undefined = ok): void =>
    assert.throws(() => checkCanvasGraph(canvasSteps(input), filterError), (e: Error) => re.test(e.message))
  bad([{ id: 'a', name: 'A', next: 'b' }, { id: 'b', name: 'B', next: 'a' }], /step "a".*cycle: a -> b -> a/)
  bad([{ id: 'a', name: 'A', next: 'zz' }], /step "a".*"zz"/)
  bad([{ id: 'a', name: 'A', type: 'delay', delay_s: -1 }], /step "a".*negative/)
  bad([{ id: 'a', name: 'A', type: 'delay' }], /step "a".*needs delay_s/)
  bad([{ id: 'e', name: 'E', type: 'experiment', paths: [{ name: 'x', percent: 70, next: null }, { name: 'y', percent: 20, next: null }] }], /step "e".*90/)
  bad([{ id: 'p', name: 'P', type: 'audience_paths', paths: [{ name: 'x', next: null }, { name: 'y', next: null }] }], /step "p".*only one path/)
  bad([{ id: 'p', name: 'P', type: 'audience_paths', paths: [{ name: 'x', filter: {}, next: null }] }], /step "p".*paths\[0\] \("x"\)\.filter: nope/, () => 'nope')
  checkCanvasGraph(canvasSteps([{ id: 'a', name: 'A' }, { id: 'p', name: 'P', type: 'audience_paths', paths: [{ name: 'x', filter: {}, next: 'a2' }, { name: 'rest', next: null }] }, { id: 'a2', name: 'A2' }]), ok)
  assert.equal(findCycle(canvasSteps([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }])), undefined)
})

test('variants: the bucket is sha256("<key>:<user>")[0..4] mod 100; ranges in order, control last', () => {
  const b = createHash('sha256').update('camp:u1').digest().readUInt32BE(0) % 100
  assert.equal(bucketOf('camp', 'u1'), b)
  // the one-shot digest gives the same bucket as the Hash object for any user id
  for (const u of ['', 'Zoë 🎉', 'user-123456', 'x'.repeat(300), '6b12780640340eba8ce023e9', ...Array.from({ length: 1000 }, (_, i) => `user-${i}`)]) {
    assert.equal(bucketOf('c:step', u), createHash('sha256').update(`c:step:${u}`).digest().readUInt32BE(0) % 100, u)
  }
  const split = makeSplit('camp', [{ percent: 50, variant: 'A' }, { percent: 30, variant: 'B' }])
  assert.equal(assign(split, 'u1'), b < 50 ? 'A' : b < 80 ? 'B' : null)
  const counts = { A: 0, B: 0, control: 0 }
  for (let i = 0; i < 2000; i++) counts[(assign(split, `user-${i}`) ?? 'control') as 'A' | 'B' | 'control']++
  assert.ok(counts.A > 900 && counts.A < 1100 && counts.B > 500 && counts.B < 700 && counts.control > 320 && counts.control < 480, JSON.stringify(counts))
  assert.equal(splitError([undefined, undefined], null), undefined)
  assert.equal(splitError([50, 50], null), undefined)
  assert.equal(splitError([50, 30], 20), undefined)
  assert.match(splitError([50, 30], 10)!, /90/)
  assert.match(splitError([50, undefined], null)!, /every variant/)
})

test('frequency capping counts the window ending now, per channel or all', () => {
  const rules = [{ channel: 'email' as const, max: 2, period_s: 60 }, { channel: 'all' as const, max: 3, period_s: 3600 }]
  const at = 1_000_000
  assert.equal(overCap(rules, [{ channel: 'email', time: at - 10_000 }], 'email', at), false)
  assert.equal(overCap(rules, [{ channel: 'email', time: at - 10_000 }, { channel: 'email', time: at }], 'email', at), true)
  assert.equal(overCap(rules, [{ channel: 'email', time: at - 61_000 }, { channel: 'email', time: at }], 'email', at), false)
  assert.equal(overCap(rules, [{ channel: 'sms', time: at - 1 }, { channel: 'push', time: at - 2 }, { channel: 'sms', time: at - 3 }], 'webhook', at), true)
  assert.match(frequencyRulesError([{ channel: 'sms', max: 1, period_s: 5 }, { channel: 'sms', max: 2, period_s: 5 }])!, /rules\[1\]/)
})

test('local time: a wall-clock time happens at each zone\'s own instant; no or an unknown zone reads it as UTC', async () => {
  const { localInstant, zoneOffsetMs } = await import('../../src/domain/messaging/local-time.js')
  const wall = Date.UTC(2026, 10, 29, 9, 0, 0)
  assert.equal(new Date(localInstant(wall, 'Asia/Tokyo')).toISOString(), '2026-11-29T00:00:00.000Z')
  assert.equal(new Date(localInstant(wall, 'America/New_York')).toISOString(), '2026-11-29T14:00:00.000Z')
  assert.equal(new Date(localInstant(Date.UTC(2026, 6, 1, 9), 'America/New_York')).toISOString(), '2026-07-01T13:00:00.000Z', 'summer time')
  assert.equal(localInstant(wall, undefined), wall)
  assert.equal(localInstant(wall, 'Not/AZone'), wall)
  assert.equal(zoneOffsetMs('Asia/Kolkata', wall), 5.5 * 3_600_000)
})

test('CapCounts answers as overCap for any history, including deliveries made during the send, also seeded with only the counts near a cap', () => {
  const at = Date.UTC(2026, 10, 28, 12)
  const rules: FrequencyRule[] = [{ channel: 'email', max: 2, period_s: 60 }, { channel: 'all', max: 3, period_s: 3600 }, { channel: 'sms', max: 1, period_s: 86_400 }]
  const channels = ['email', 'sms', 'push', 'webhook']
  let seed = 7
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
  for (let user = 0; user < 300; user++) {
    const history: Array<{ channel: string, time: number }> = []
    const counts = new CapCounts(rules, at)
    for (let k = rand(6); k > 0; k--) {
      // inside and outside every window, on the boundaries, and after `at` (a clock set back)
      const d = { channel: channels[rand(4)]!, time: at - [0, 1, 59_999, 60_000, 60_001, 3_599_999, 3_600_000, 86_399_999, 90_000_000, -5][rand(10)]! }
      history.push(d)
      counts.add(user, d.channel, d.time)
    }
    // What a broadcast reads (repository deliveryCounts): per rule, the user's count in the window, only
    // when it reaches historyThreshold for the deliveries this send can make (one per channel below).
    // It must answer as overCap before each of those deliveries (not for one more than the send makes).
    const seeded = new CapCounts(rules, at)
    rules.forEach((r, i) => {
      const n = history.filter((d) => d.time > at - r.period_s * 1000 && d.time <= at && (r.channel === 'all' || d.channel === r.channel)).length
      const perUser = channels.filter((ch) => r.channel === 'all' || ch === r.channel).length
      if (n >= historyThreshold(r, perUser)) seeded.seed(i, user, n)
    })
    for (const ch of channels) {
      assert.equal(counts.over(user, ch), overCap(rules, history, ch, at), `user ${user} ${ch} ${JSON.stringify(history)}`)
      assert.equal(seeded.over(user, ch), overCap(rules, history, ch, at), `seeded: user ${user} ${ch} ${JSON.stringify(history)}`)
      if (!counts.over(user, ch)) { history.push({ channel: ch, time: at }); counts.add(user, ch, at); seeded.add(user, ch, at) }
      assert.equal(counts.over(user, ch), overCap(rules, history, ch, at), `user ${user} ${ch} after a delivery`)
    }
  }
})
