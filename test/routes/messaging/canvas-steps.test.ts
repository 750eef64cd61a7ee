/**
 * Canvas steps over time (issue 21): a Canvas run across several advances of POST /_fake/clock,
 * audience paths, experiment paths by the documented bucket, exit criteria, the graph's 400s.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test, type TestContext } from 'node:test'
import { buildTestApp, json, post } from '../../helper.js'
import { makeWorkspace } from '../../factories.js'
import { restKey, type RestSetup } from '../../rest-factories.js'
import { call, control, outbox } from './messaging-helpers.js'

const START = '2026-11-28T12:00:00.000Z'

/** The bucket COVERAGE.md documents: first 4 bytes of sha256("<key>:<user>"), big-endian, mod 100. */
function bucket (key: string, user: string): number {
  return createHash('sha256').update(`${key}:${user}`).digest().readUInt32BE(0) % 100
}

/** An app on the default clock, frozen at START and moved only by POST /_fake/clock. */
async function clockSetup (t: TestContext): Promise<RestSetup & { tick: (ms: number) => Promise<void> }> {
  const app = await buildTestApp(t)
  assert.equal((await post(app, '/_fake/clock', { set: START, freeze: true })).statusCode, 200)
  const ws = await makeWorkspace(app)
  const s = { app, workspaceId: ws.id, key: await restKey(app, ws.id), advance: () => { throw new Error('use tick') } }
  const track = await call(s, '/users/track', {
    attributes: [
      { external_id: 'u1', email: 'ann@example.com', first_name: 'Ann', vip: true },
      { external_id: 'u4', email: 'dan@example.com', first_name: 'Dan', vip: false }
    ]
  })
  assert.equal(track.statusCode, 201, track.body)
  const tick = async (ms: number): Promise<void> => { assert.equal((await post(app, '/_fake/clock', { advance_ms: ms })).statusCode, 200) }
  return { ...s, tick }
}

const hook = (body: string) => ({ channel: 'webhook', url: 'https://hook.example/x', request_method: 'POST', body })
const HOUR = 3_600_000

const journey = {
  id: 'journey',
  name: 'VIP journey',
  steps: [
    { id: 'welcome', name: 'Welcome', messages: [{ id: 'w', ...hook('hi {{${first_name}}}') }] },
    { id: 'wait-day', name: 'Wait a day', type: 'delay', delay_s: 86_400 },
    {
      id: 'split', name: 'VIP or not', type: 'audience_paths',
      paths: [
        { name: 'VIP', filter: { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: true }, next: 'offer' },
        { name: 'Everyone else', next: 'nudge' }
      ]
    },
    { id: 'offer', name: 'Offer', next: 'wait-hour', messages: [{ id: 'o', ...hook('offer for {{context.${plan}}}') }] },
    { id: 'nudge', name: 'Nudge', next: null, messages: [{ id: 'n', ...hook('nudge') }] },
    { id: 'wait-hour', name: 'Wait an hour', type: 'delay', delay_s: 3600 },
    { id: 'last', name: 'Last call', messages: [{ id: 'l', ...hook('last call {{${first_name}}}') }] }
  ]
}

test('a Canvas runs across clock advances: message, delay, audience paths, a second delay; every outbox record names its step', async (t) => {
  const s = await clockSetup(t)
  const created = await control(s, 'POST', '/canvases', journey)
  assert.equal(created.statusCode, 201, created.body)
  assert.equal(json(created).steps[1].next, 'split', 'next defaults to the following step')

  const sent = await call(s, '/canvas/trigger/send', { canvas_id: 'journey', context: { plan: 'gold' }, recipients: [{ external_user_id: 'u1' }, { external_user_id: 'u4' }] })
  assert.equal(sent.statusCode, 201, sent.body)
  let msgs = await outbox(s, { canvas_id: 'journey' })
  assert.deepEqual(msgs.map((m) => [m.external_id, m.step_id, m.status, m.body]), [['u1', 'welcome', 'delivered', 'hi Ann'], ['u4', 'welcome', 'delivered', 'hi Dan']])
  let progress = json(await control(s, 'GET', '/canvases/journey/progress'))
  assert.equal(progress.steps.find((x: any) => x.id === 'wait-day').waiting, 2)
  assert.equal(progress.steps.find((x: any) => x.id === 'wait-day').next_due_at, '2026-11-29T12:00:00.000Z')

  await s.tick(23 * HOUR)
  assert.equal((await outbox(s, { canvas_id: 'journey', status: 'delivered' })).length, 2, 'nothing moves before the delay is over')

  await s.tick(HOUR)
  msgs = (await outbox(s, { canvas_id: 'journey', status: 'delivered' })).slice(2)
  assert.deepEqual(msgs.map((m) => [m.external_id, m.step_id, m.body, m.time]), [
    ['u1', 'offer', 'offer for gold', '2026-11-29T12:00:00.000Z'],
    ['u4', 'nudge', 'nudge', '2026-11-29T12:00:00.000Z']
  ])
  progress = json(await control(s, 'GET', '/canvases/journey/progress'))
  assert.deepEqual(progress.steps.map((x: any) => [x.id, x.waiting, x.users]), [
    ['welcome', 0, 2], ['wait-day', 0, 0], ['split', 0, 0], ['offer', 0, 1], ['nudge', 0, 1], ['wait-hour', 1, 0], ['last', 0, 0]
  ])

  // One jump over the last delay and more: the step runs at its own due time
  await s.tick(5 * HOUR)
  msgs = (await outbox(s, { canvas_id: 'journey', status: 'delivered' })).slice(4)
  assert.deepEqual(msgs.map((m) => [m.external_id, m.step_id, m.body, m.time]), [['u1', 'last', 'last call Ann', '2026-11-29T13:00:00.000Z']])
  progress = json(await control(s, 'GET', '/canvases/journey/progress'))
  assert.equal(progress.steps.reduce((n: number, x: any) => n + x.waiting, 0), 0, 'everyone has left the Canvas')

  const details = json(await call(s, '/canvas/details?canvas_id=journey'))
  assert.deepEqual(details.steps.map((x: any) => [x.id, x.type, x.next_step_ids]), [
    ['welcome', 'message', ['wait-day']], ['wait-day', 'delay', ['split']], ['split', 'audience_paths', ['offer', 'nudge']],
    ['offer', 'message', ['wait-hour']], ['nudge', 'message', []], ['wait-hour', 'delay', ['last']], ['last', 'message', []]
  ])
  assert.deepEqual(details.steps[2].next_paths, [{ name: 'VIP', next_step_id: 'offer' }, { name: 'Everyone else', next_step_id: 'nudge' }])
  const series = json(await call(s, '/canvas/data_series?canvas_id=journey&ending_at=2026-11-29T23:00:00Z&length=2&include_step_breakdown=true'))
  const [day1, day2] = series.data.stats
  assert.equal(day1.step_stats.welcome.messages.webhook[0].sent, 2)
  assert.equal(day2.step_stats.offer.messages.webhook[0].sent, 1)
  assert.equal(day2.step_stats.nudge.messages.webhook[0].sent, 1)
  assert.equal(day2.step_stats.last.messages.webhook[0].sent, 1)
  assert.deepEqual(day2.step_stats['wait-day'].messages, {})
})

test('exit criteria and the target segment are checked at each step: a user who leaves gets nothing more', async (t) => {
  const s = await clockSetup(t)
  const res = await control(s, 'POST', '/canvases', {
    id: 'cv', name: 'Exit', re_eligibility_s: 1, exit_filter: { custom_attribute: { custom_attribute_name: 'churned', comparison: 'equals', value: true } },
    steps: [{ id: 'a', name: 'A', messages: [hook('a')] }, { id: 'd', name: 'D', type: 'delay', delay_s: 60 }, { id: 'b', name: 'B', messages: [hook('b')] }]
  })
  assert.equal(res.statusCode, 201, res.body)
  await call(s, '/canvas/trigger/send', { canvas_id: 'cv', recipients: [{ external_user_id: 'u1' }, { external_user_id: 'u4' }] })
  await call(s, '/users/track', { attributes: [{ external_id: 'u4', churned: true }] })
  await s.tick(10_000)
  // re-eligible after 1 s, but still waiting in the Canvas: not entered again [inferred]
  await call(s, '/canvas/trigger/send', { canvas_id: 'cv', recipients: [{ external_user_id: 'u1' }] })
  assert.deepEqual((await outbox(s, { canvas_id: 'cv', status: 'skipped' })).map((m) => [m.external_id, m.reason]), [['u1', 'already_in_canvas']])
  await s.tick(50_000)
  const msgs = await outbox(s, { canvas_id: 'cv', status: 'delivered' })
  assert.deepEqual(msgs.map((m) => [m.external_id, m.step_id]), [['u1', 'a'], ['u4', 'a'], ['u1', 'b']])
})

test('experiment paths split users by the documented bucket of "<canvas_id>:<step_id>:<external_id>"', async (t) => {
  const s = await clockSetup(t)
  const users = Array.from({ length: 30 }, (_, i) => `x${i}`)
  assert.equal((await call(s, '/users/track', { attributes: users.map((id) => ({ external_id: id })) })).statusCode, 201)
  const res = await control(s, 'POST', '/canvases', {
    id: 'exp', name: 'Experiment',
    steps: [
      { id: 'e', name: 'Split', type: 'experiment', paths: [{ name: 'A', percent: 40, next: 'a' }, { name: 'B', percent: 60, next: 'b' }] },
      { id: 'a', name: 'A', next: null, messages: [hook('a')] },
      { id: 'b', name: 'B', messages: [hook('b')] }
    ]
  })
  assert.equal(res.statusCode, 201, res.body)
  for (let i = 0; i < users.length; i += 10) {
    assert.equal((await call(s, '/canvas/trigger/send', { canvas_id: 'exp', recipients: users.slice(i, i + 10).map((id) => ({ external_user_id: id })) })).statusCode, 201)
  }
  const msgs = await outbox(s, { canvas_id: 'exp' })
  assert.equal(msgs.length, 30)
  for (const m of msgs) assert.equal(m.step_id, bucket('exp:e', m.external_id) < 40 ? 'a' : 'b', m.external_id)
  assert.ok(msgs.some((m) => m.step_id === 'a') && msgs.some((m) => m.step_id === 'b'))
})

test('old Canvases (a list of messages) still send every step at entry; seeds and snapshots carry the graph', async (t) => {
  const s = await clockSetup(t)
  await control(s, 'POST', '/canvases', { id: 'old', name: 'Old', steps: [{ id: 's1', name: 'S1', messages: [hook('one')] }, { id: 's2', name: 'S2', messages: [hook('two')] }] })
  await call(s, '/canvas/trigger/send', { canvas_id: 'old', recipients: [{ external_user_id: 'u1' }] })
  assert.deepEqual((await outbox(s, { canvas_id: 'old' })).map((m) => m.step_id), ['s1', 's2'])
  assert.equal((await control(s, 'POST', '/canvases', journey)).statusCode, 201)
  const snap = json(await control(s, 'GET', '/snapshot'))
  const saved = snap.workspaces[0].canvases.find((c: any) => c.id === 'journey')
  assert.equal(saved.steps[2].paths[0].filter.attribute, 'vip')
  assert.equal(saved.steps[1].delay_s, 86_400)
  const fresh = await buildTestApp(t)
  const load = await fresh.inject({ method: 'POST', url: '/_fake/seed', payload: snap })
  assert.equal(load.statusCode, 201, load.body)
  const again = json(await fresh.inject({ url: `/_fake/workspaces/${s.workspaceId}/snapshot` }))
  assert.deepEqual(again.workspaces[0].canvases, snap.workspaces[0].canvases)
})

test('a Canvas graph with a cycle, an unknown next, percentages off 100, a negative delay or a bad filter is a 400 naming the step', async (t) => {
  const s = await clockSetup(t)
  const bad = async (steps: unknown[], expect: RegExp): Promise<void> => {
    const res = await control(s, 'POST', '/canvases', { name: 'Bad', steps })
    assert.equal(res.statusCode, 400, res.body)
    assert.match(json(res).message, expect)
  }
  await bad([{ id: 'a', name: 'A', messages: [hook('a')] }, { id: 'b', name: 'B', type: 'delay', delay_s: 1, next: 'a' }], /step "a".*cycle: a -> b -> a/)
  await bad([{ id: 'a', name: 'A', next: 'nowhere', messages: [] }], /step "a".*next names no step.*nowhere/)
  await bad([{ id: 'e', name: 'E', type: 'experiment', paths: [{ name: 'A', percent: 50, next: null }, { name: 'B', percent: 40, next: null }] }], /step "e".*add up to 90, not 100/)
  await bad([{ id: 'm', name: 'M', control_percent: 10, messages: [{ ...hook('x'), percent: 80 }] }], /step "m".*add up to 90/)
  await bad([{ id: 'd', name: 'D', type: 'delay', delay_s: -5 }], /step "d".*delay_s may not be negative/)
  await bad([{ id: 'p', name: 'P', type: 'audience_paths', paths: [{ name: 'X', filter: { filter: 'nope' }, next: null }] }], /step "p".*paths\[0\] \("X"\)\.filter/)
  await bad([{ id: 'a', name: 'A', messages: [] }, { id: 'a', name: 'A2', messages: [] }], /step "a".*used twice/)
  const seed = await s.app.inject({ method: 'POST', url: '/_fake/seed', payload: { workspaces: [{ id: 'seeded', canvases: [{ name: 'C', steps: [{ id: 'x', name: 'X', type: 'delay', delay_s: -1 }] }] }] } })
  assert.equal(seed.statusCode, 400, seed.body)
  assert.match(json(seed).message, /workspaces\[0\]\.canvases\[0\]: steps\[0\] \(step "x"\): delay_s may not be negative/)
})
