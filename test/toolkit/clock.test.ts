import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'
import { nameCall, provision, seedUsers, usersCall } from '../factories.js'
import { createControllableClock } from '../../src/domain/shared/clock.js'
import { createVisibilityService } from '../../src/domain/toolkit/visibility-service.js'

const T0 = '2030-01-02T03:04:05.000Z'

test('a frozen, set clock stamps workspaces, keys, users, cohorts, members and the journal', async (t) => {
  const app = await buildTestApp(t)
  const res = await post(app, '/_fake/clock', { set: T0, freeze: true })
  assert.equal(res.statusCode, 200)
  assert.deepEqual(json(res), { now: T0, frozen: true })
  const p = await provision(app)
  assert.equal(json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}` })).created_at, T0)
  assert.equal(json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/data-import-keys` })).data_import_keys[0].created_at, T0)
  const [user] = await seedUsers(app, p.workspaceId, [{ external_id: 'u1' }])
  assert.equal(user!.created_at, T0)
  await post(app, '/_fake/clock', { advance_ms: 1500 })
  const later = '2030-01-02T03:04:06.500Z'
  await post(app, '/partners/hightouch/cohorts', nameCall(p, 'c', 'C'))
  await post(app, '/partners/hightouch/cohorts/users', usersCall(p, 'c', [{ user_ids: ['u1'] }]))
  const cohort = json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c` }))
  assert.equal(cohort.created_at, later)
  assert.equal(cohort.updated_at, later)
  assert.equal(json(await app.inject({ url: `/_fake/workspaces/${p.workspaceId}/partners/hightouch/cohorts/c/members` })).members[0].added_at, later)
  assert.deepEqual(json(await app.inject({ url: '/_fake/requests' })).requests.map((r: any) => r.time), [later, later])
  assert.deepEqual(json(await app.inject({ url: '/_fake/clock' })), { now: later, frozen: true })
})

test('an unfrozen clock runs on from the instant it was set to', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/clock', { set: T0 })
  const state = json(await app.inject({ url: '/_fake/clock' }))
  assert.equal(state.frozen, false)
  const drift = Date.parse(state.now) - Date.parse(T0)
  assert.ok(drift >= 0 && drift < 5000, String(drift))
})

test('DELETE /_fake/clock and POST /_fake/reset return to system time, running', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/clock', { set: T0, freeze: true })
  const back = json(await app.inject({ method: 'DELETE', url: '/_fake/clock' }))
  assert.equal(back.frozen, false)
  assert.ok(Math.abs(Date.parse(back.now) - Date.now()) < 5000)
  await post(app, '/_fake/clock', { set: T0, freeze: true })
  assert.equal((await post(app, '/_fake/reset')).statusCode, 204)
  assert.equal(json(await app.inject({ url: '/_fake/clock' })).frozen, false)
})

test('bad clock commands are 400 naming the field', async (t) => {
  const app = await buildTestApp(t)
  for (const [body, field] of [[{ set: 'tomorrow' }, 'body.set'], [{ advance_ms: 'x' }, 'body.advance_ms'], [{ freeze: 'yes' }, 'body.freeze'], [{}, 'body'], [{ speed: 2 }, 'body']] as const) {
    const res = await post(app, '/_fake/clock', body)
    assert.equal(res.statusCode, 400, JSON.stringify(body))
    assert.match(json(res).message, new RegExp(`^${field.replace('.', '\\.')}: `), JSON.stringify(body))
  }
})

test('an app built with a fixed clock reports it and refuses to steer it (409)', async (t) => {
  const app = await buildTestApp(t, {}, { clock: { now: () => Date.parse(T0) } })
  assert.deepEqual(json(await app.inject({ url: '/_fake/clock' })), { now: T0, frozen: false })
  assert.equal((await post(app, '/_fake/clock', { advance_ms: 1 })).statusCode, 409)
})

test('the visibility delay is configurable (config and control plane) and reset by POST /_fake/reset', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_VISIBILITY_DELAY_MS: '250' })
  assert.deepEqual(json(await app.inject({ url: '/_fake/visibility' })), { delay_ms: 250 })
  const put = await app.inject({ method: 'PUT', url: '/_fake/visibility', payload: { delay_ms: 60000 } })
  assert.deepEqual(json(put), { delay_ms: 60000 })
  const bad = await app.inject({ method: 'PUT', url: '/_fake/visibility', payload: { delay_ms: -1 } })
  assert.equal(bad.statusCode, 400)
  assert.match(json(bad).message, /^body\.delay_ms: /)
  await post(app, '/_fake/reset')
  assert.deepEqual(json(await app.inject({ url: '/_fake/visibility' })), { delay_ms: 250 })
})

test('visibility: a write is hidden from exports until the delay has passed on the fake\'s clock', () => {
  const clock = createControllableClock({ now: () => 1_000_000 })
  const visibility = createVisibilityService({ clock, delayMs: 5000 })
  const writtenAt = clock.now()
  assert.equal(visibility.isVisible(writtenAt), false)
  clock.advance(4999)
  assert.equal(visibility.isVisible(writtenAt), false)
  assert.equal(visibility.cutoff(), writtenAt - 1)
  clock.advance(1)
  assert.equal(visibility.isVisible(writtenAt), true)
  visibility.setDelay(0)
  assert.equal(visibility.isVisible(clock.now() + 10), true, 'no delay: everything is visible at once')
})

test('the controllable clock freezes, sets and advances, and unfreezing keeps the frozen instant', () => {
  let system = 1000
  const clock = createControllableClock({ now: () => system })
  clock.freeze(true)
  system = 5000
  assert.equal(clock.now(), 1000)
  clock.advance(10)
  assert.equal(clock.now(), 1010)
  clock.freeze(false)
  system = 5005
  assert.equal(clock.now(), 1015)
  clock.set(42)
  assert.equal(clock.now(), 42)
  clock.reset()
  assert.deepEqual(clock.state(), { now: 5005, frozen: false })
})

test('{set, freeze: true} freezes at exactly the set instant even when the base clock ticks between steps', async () => {
  const { createClockControl } = await import('../../src/domain/toolkit/clock-control.js')
  let tick = Date.parse('2026-01-01T00:00:00Z')
  const ticking = { now: () => tick++ }
  const control = createClockControl(createControllableClock(ticking))
  assert.deepEqual(control.command({ set: T0, freeze: true }), { now: T0, frozen: true })
  assert.deepEqual(control.command({ freeze: true, advance_ms: 1000 }), { now: '2030-01-02T03:04:06.000Z', frozen: true })
})
