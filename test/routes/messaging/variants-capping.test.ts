/**
 * Variants and control groups (deterministic by the documented hash), their breakdown in
 * /campaigns/details and /campaigns/data_series, and frequency capping on the fake's clock.
 */
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { buildTestApp, json } from '../../helper.js'
import { call, control, messagingSetup, outbox } from './messaging-helpers.js'

function bucket (key: string, user: string): number {
  return createHash('sha256').update(`${key}:${user}`).digest().readUInt32BE(0) % 100
}
const hook = (id: string, extra: Record<string, unknown> = {}) => ({ id, channel: 'webhook', url: 'https://hook.example/x', request_method: 'POST', body: id, ...extra })

test('campaign variants and the control group: each user lands where the documented hash says, every time', async (t) => {
  const s = await messagingSetup(t)
  const ids = Array.from({ length: 40 }, (_, i) => `v${i}`)
  assert.equal((await call(s, '/users/track', { attributes: ids.map((id) => ({ external_id: id })) })).statusCode, 201)
  const res = await control(s, 'POST', '/campaigns', {
    id: 'ab', name: 'AB', kind: 'api_triggered', re_eligibility_s: 0, control_percent: 20,
    messages: [hook('va', { percent: 50, name: 'A' }), hook('vb', { percent: 30, name: 'B' })]
  })
  assert.equal(res.statusCode, 201, res.body)
  const expected = (id: string): string | null => { const b = bucket('ab', id); return b < 50 ? 'va' : b < 80 ? 'vb' : null }
  for (let i = 0; i < ids.length; i += 20) {
    assert.equal((await call(s, '/campaigns/trigger/send', { campaign_id: 'ab', recipients: ids.slice(i, i + 20).map((id) => ({ external_user_id: id })) })).statusCode, 201)
  }
  const msgs = await outbox(s, { campaign_id: 'ab' })
  assert.equal(msgs.length, 40)
  for (const m of msgs) {
    const want = expected(m.external_id)
    if (want === null) assert.deepEqual([m.status, m.reason, m.variation_id], ['skipped', 'control_group', undefined], m.external_id)
    else assert.deepEqual([m.status, m.variation_id], ['delivered', want], m.external_id)
  }
  const control20 = ids.filter((id) => expected(id) === null).length
  assert.ok(control20 > 0 && control20 < 40)
  // the same user lands in the same variant on the next send
  s.advance(1000)
  await call(s, '/campaigns/trigger/send', { campaign_id: 'ab', recipients: [{ external_user_id: 'v0' }] })
  const again = (await outbox(s, { campaign_id: 'ab', external_id: 'v0' })).map((m) => m.variation_id ?? m.reason)
  assert.equal(again.length, 2)
  assert.equal(again[0], again[1])

  const details = json(await call(s, '/campaigns/details?campaign_id=ab'))
  assert.deepEqual(details.variants.map((v: any) => [v.variation_name, v.percent, v.unique_recipients]), [
    ['A', 50, ids.filter((id) => expected(id) === 'va').length],
    ['B', 30, ids.filter((id) => expected(id) === 'vb').length],
    ['Control Group', 20, control20]
  ])
  const series = json(await call(s, '/campaigns/data_series?campaign_id=ab&length=1&ending_at=2026-11-28T23:00:00Z'))
  const webhook = series.data[0].messages.webhook
  assert.equal(webhook.find((x: any) => x.variation_name === 'Control Group').unique_recipients, control20)
  assert.equal(webhook.find((x: any) => x.variation_api_id === 'vb').unique_recipients, ids.filter((id) => expected(id) === 'vb').length)
})

test('variant percentages that do not make 100 are a 400', async (t) => {
  const s = await messagingSetup(t)
  const res = await control(s, 'POST', '/campaigns', { name: 'Bad', kind: 'api', control_percent: 10, messages: [hook('a', { percent: 50 }), hook('b', { percent: 30 })] })
  assert.equal(res.statusCode, 400, res.body)
  assert.match(json(res).message, /add up to 90, not 100/)
  const half = await control(s, 'POST', '/campaigns', { name: 'Bad', kind: 'api', messages: [hook('a', { percent: 100 }), hook('b')] })
  assert.equal(half.statusCode, 400, half.body)
})

test('frequency capping: over the cap is skipped as frequency_capped; the window follows the clock; overrides are honoured', async (t) => {
  const s = await messagingSetup(t)
  const put = await control(s, 'PUT', '/frequency-capping', { rules: [{ channel: 'webhook', max: 2, period_s: 86_400 }] })
  assert.equal(put.statusCode, 200, put.body)
  assert.deepEqual(json(await control(s, 'GET', '/frequency-capping')).rules, [{ channel: 'webhook', max: 2, period_s: 86_400 }])
  const send = async (extra: Record<string, unknown> = {}) => {
    const res = await call(s, '/messages/send', { external_user_ids: ['u1'], messages: { webhook: { url: 'https://x', request_method: 'POST', body: 'b' } }, ...extra })
    assert.equal(res.statusCode, 201, res.body)
    return json(res).dispatch_id as string
  }
  await send()
  await send()
  const third = await send()
  assert.deepEqual((await outbox(s, { dispatch_id: third })).map((m) => [m.status, m.reason]), [['skipped', 'frequency_capped']])
  const overridden = await send({ override_frequency_capping: true })
  assert.equal((await outbox(s, { dispatch_id: overridden }))[0]?.status, 'delivered')

  // a campaign that ignores capping, and one that does not, on the trigger endpoint
  await control(s, 'POST', '/campaigns', { id: 'free', name: 'Free', kind: 'api_triggered', re_eligibility_s: 0, ignore_frequency_capping: true, messages: [hook('f')] })
  await control(s, 'POST', '/campaigns', { id: 'capped', name: 'Capped', kind: 'api_triggered', re_eligibility_s: 0, messages: [hook('c')] })
  await call(s, '/campaigns/trigger/send', { campaign_id: 'free', recipients: [{ external_user_id: 'u1' }] })
  await call(s, '/campaigns/trigger/send', { campaign_id: 'capped', recipients: [{ external_user_id: 'u1' }] })
  await call(s, '/campaigns/trigger/send', { campaign_id: 'capped', override_frequency_capping: true, recipients: [{ external_user_id: 'u1' }] })
  assert.deepEqual((await outbox(s, { campaign_id: 'free' })).map((m) => m.status), ['delivered'])
  assert.deepEqual((await outbox(s, { campaign_id: 'capped' })).map((m) => m.reason ?? m.status), ['frequency_capped', 'delivered'])

  // other channels are not capped by a webhook rule; a day later the window has moved on
  s.advance(86_400_000 + 1000)
  const later = await send()
  assert.equal((await outbox(s, { dispatch_id: later }))[0]?.status, 'delivered')

  assert.equal((await control(s, 'PUT', '/frequency-capping', { rules: [{ channel: 'webhook', max: -1, period_s: 60 }] })).statusCode, 400)
  assert.equal((await control(s, 'PUT', '/frequency-capping', { rules: [{ channel: 'email', max: 1, period_s: 60 }, { channel: 'email', max: 2, period_s: 60 }] })).statusCode, 400)

  // seed files and snapshots carry the rules
  const snap = json(await control(s, 'GET', '/snapshot'))
  assert.deepEqual(snap.workspaces[0].frequency_capping, { rules: [{ channel: 'webhook', max: 2, period_s: 86_400 }] })
  const fresh = await buildTestApp(t)
  assert.equal((await fresh.inject({ method: 'POST', url: '/_fake/seed', payload: snap })).statusCode, 201)
  assert.deepEqual(json(await fresh.inject({ url: `/_fake/workspaces/${s.workspaceId}/frequency-capping` })).rules, [{ channel: 'webhook', max: 2, period_s: 86_400 }])
})

test('frequency capping on a broadcast past 1,000 users (the window read once for the send) caps exactly the users over a rule of the send\'s channel', async (t) => {
  const s = await messagingSetup(t)
  const ids = Array.from({ length: 1100 }, (_, i) => `b${i}`)
  for (let i = 0; i < ids.length; i += 75) {
    const res = await call(s, '/users/track', { attributes: ids.slice(i, i + 75).map((id) => ({ external_id: id, bulk: true })) })
    assert.equal(res.statusCode, 201, res.body)
  }
  assert.equal((await control(s, 'POST', '/segments', { id: 'bulk', name: 'Bulk', filter: { filter: 'custom_attribute', attribute: 'bulk', operator: 'equals', value: true } })).statusCode, 201)
  assert.equal((await control(s, 'PUT', '/frequency-capping', { rules: [{ channel: 'webhook', max: 2, period_s: 3600 }, { channel: 'email', max: 1, period_s: 86_400 }] })).statusCode, 200)
  for (const id of ['wide1', 'wide2', 'wide3']) {
    assert.equal((await control(s, 'POST', '/campaigns', { id, name: id, kind: 'api_triggered', segment_id: 'bulk', re_eligibility_s: 0, messages: [hook(id)] })).statusCode, 201)
  }
  const broadcast = async (id: string): Promise<string> => {
    const res = await call(s, '/campaigns/trigger/send', { campaign_id: id, broadcast: true })
    assert.equal(res.statusCode, 201, res.body)
    return json(res).dispatch_id as string
  }
  const skipped = async (dispatchId: string) => (await outbox(s, { dispatch_id: dispatchId, status: 'skipped' })).map((m) => [m.external_id, m.reason])

  assert.deepEqual(await skipped(await broadcast('wide1')), [])
  // b7 gets a second webhook within the hour, b8 an email (another channel's rule does not count)
  await call(s, '/messages/send', { external_user_ids: ['b7'], messages: { webhook: { url: 'https://x', request_method: 'POST', body: 'b' } } })
  await call(s, '/users/track', { attributes: [{ external_id: 'b8', email: 'b8@example.com' }] })
  await call(s, '/messages/send', { external_user_ids: ['b8'], messages: { email: { from: 'a@example.com', subject: 's', body: 'b' } } })
  s.advance(60_000)
  assert.deepEqual(await skipped(await broadcast('wide2')), [['b7', 'frequency_capped']])
  // an hour later the webhook window has moved on
  s.advance(3_600_000)
  assert.deepEqual(await skipped(await broadcast('wide3')), [])
})

test('frequency capping on a broadcast past 1,000 users counts the send\'s own deliveries when a rule can count two to one user, and reads the history a split send can reach', async (t) => {
  const s = await messagingSetup(t)
  const ids = Array.from({ length: 1050 }, (_, i) => `c${i}`)
  for (let i = 0; i < ids.length; i += 75) {
    const res = await call(s, '/users/track', { attributes: ids.slice(i, i + 75).map((id) => ({ external_id: id, email: `${id}@example.com`, many: true })) })
    assert.equal(res.statusCode, 201, res.body)
  }
  assert.equal((await control(s, 'POST', '/segments', { id: 'many', name: 'Many', filter: { filter: 'custom_attribute', attribute: 'many', operator: 'equals', value: true } })).statusCode, 201)
  // what the journal records of the send (the outbox read is paged at 1,000)
  const broadcast = async (id: string): Promise<{ delivered: number, skipped: number, by_reason: Record<string, number>, dispatch_id: string }> => {
    const res = await call(s, '/campaigns/trigger/send', { campaign_id: id, broadcast: true })
    assert.equal(res.statusCode, 201, res.body)
    const dispatchId = json(res).dispatch_id as string
    const journal = json(await s.app.inject({ url: `/_fake/requests?workspace_id=${s.workspaceId}&path=/campaigns/trigger/send` })).requests as Array<{ effects: { dispatch_id: string, delivered: number, skipped: number, by_reason: Record<string, number> } }>
    const effects = journal.find((r) => r.effects.dispatch_id === dispatchId)?.effects
    assert.ok(effects !== undefined)
    return { ...effects, dispatch_id: dispatchId }
  }

  // a webhook and an email, at most one message an hour on any channel: every user gets the webhook, the email is capped
  assert.equal((await control(s, 'PUT', '/frequency-capping', { rules: [{ channel: 'all', max: 1, period_s: 3600 }] })).statusCode, 200)
  const email = { id: 'second', channel: 'email', from: 'Shop <shop@example.com>', subject: 'Hi', body: '<p>Hi</p>' }
  assert.equal((await control(s, 'POST', '/campaigns', { id: 'pair', name: 'pair', kind: 'api_triggered', segment_id: 'many', re_eligibility_s: 0, messages: [hook('first'), email] })).statusCode, 201)
  const pair = await broadcast('pair')
  assert.equal(pair.delivered, ids.length)
  assert.deepEqual(pair.by_reason, { frequency_capped: ids.length })
  assert.deepEqual((await outbox(s, { external_id: 'c9', dispatch_id: pair.dispatch_id })).map((m) => [m.variation_id, m.status]), [['first', 'delivered'], ['second', 'skipped']])

  // a day later, two webhooks a day: c5 already had two, c6 one; a 50/50 split gives each user one webhook
  s.advance(86_400_000)
  assert.equal((await control(s, 'PUT', '/frequency-capping', { rules: [{ channel: 'webhook', max: 2, period_s: 86_400 }] })).statusCode, 200)
  for (const [user, n] of [['c5', 2], ['c6', 1]] as const) {
    for (let i = 0; i < n; i++) await call(s, '/messages/send', { external_user_ids: [user], messages: { webhook: { url: 'https://x', request_method: 'POST', body: 'b' } } })
  }
  s.advance(60_000)
  assert.equal((await control(s, 'POST', '/campaigns', { id: 'split', name: 'split', kind: 'api_triggered', segment_id: 'many', re_eligibility_s: 0, messages: [hook('a', { percent: 50 }), hook('b', { percent: 50 })] })).statusCode, 201)
  const split = await broadcast('split')
  assert.equal(split.delivered, ids.length - 1)
  assert.deepEqual((await outbox(s, { dispatch_id: split.dispatch_id, status: 'skipped' })).map((m) => [m.external_id, m.reason]), [['c5', 'frequency_capped']])
})
