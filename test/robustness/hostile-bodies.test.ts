/**
 * Hostile bodies are stopped at the edge with a Braze-style 400 (issue 17): a body nested deeper
 * than MAX_BODY_DEPTH is refused before it is parsed; a free-form object (trigger_properties,
 * context, event properties…) deeper than 50 levels, with too many keys or too long a string,
 * is refused naming its field. Nothing is stored.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { freeFormProblem, jsonDepthExceeds, MAX_BODY_DEPTH } from '../../src/domain/shared/leniency.js'
import { json } from '../helper.js'
import { call, messagingSetup, outbox } from '../routes/messaging/messaging-helpers.js'
import { storedUsers } from '../rest-factories.js'

const nestedArrays = (n: number): string => '['.repeat(n) + ']'.repeat(n)
const nestedObject = (n: number): unknown => { let v: unknown = 'leaf'; for (let i = 0; i < n; i++) v = { k: v }; return v }

test('the depth scan counts brackets outside strings only', () => {
  assert.equal(jsonDepthExceeds(nestedArrays(10), 10), false)
  assert.equal(jsonDepthExceeds(nestedArrays(11), 10), true)
  assert.equal(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[[[[[[[[[[[[[[[' }), 3), false)
  assert.equal(jsonDepthExceeds(JSON.stringify({ s: 'a\\"[[[[[[[' }), 3), false)
  assert.equal(jsonDepthExceeds(JSON.stringify({ s: 'a\\' }) + nestedArrays(5), 3), true) // an escaped backslash ends no string early
  assert.equal(jsonDepthExceeds(`[${JSON.stringify('x\\"]]]]')},${nestedArrays(3)}]`, 3), true)
  assert.equal(freeFormProblem(nestedObject(50)), undefined)
  assert.equal(freeFormProblem(nestedObject(51)), 'depth')
  assert.equal(freeFormProblem({ a: Array.from({ length: 1001 }, () => 1) }), 'keys')
  assert.equal(freeFormProblem({ a: 'x'.repeat(65_537) }), 'string')
})

test('a 5,000-level nested array in trigger_properties or context is a 400, not a 500', async (t) => {
  const s = await messagingSetup(t)
  for (const [url, field, id] of [['/campaigns/trigger/send', 'trigger_properties', 'campaign_id'], ['/canvas/trigger/send', 'context', 'canvas_id'], ['/canvas/trigger/send', 'canvas_entry_properties', 'canvas_id']] as const) {
    const payload = `{"${id}":"winback","${field}":{"a":${nestedArrays(5000)}},"broadcast":true}`
    const res = await s.app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' } })
    assert.equal(res.statusCode, 400, `${url} ${field}: ${res.body}`)
    assert.deepEqual(json(res), { message: `Request body is nested too deeply (at most ${MAX_BODY_DEPTH} levels)` })
  }
  // the same on a partner route (body errors not deferred) and on the control plane
  for (const url of ['/partners/hightouch/cohorts', '/_fake/workspaces', '/users/track']) {
    const res = await s.app.inject({ method: 'POST', url, payload: `{"x":${nestedArrays(100_000)}}`, headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' } })
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`)
  }
  assert.equal((await outbox(s)).length, 0)
})

test('free-form objects out of bounds are 400s naming the field; in bounds they are sent', async (t) => {
  const s = await messagingSetup(t)
  const cases: Array<[unknown, string]> = [
    [{ campaign_id: 'winback', trigger_properties: nestedObject(51), recipients: [{ external_user_id: 'u1' }] }, "'trigger_properties' is nested too deeply (at most 50 levels)"],
    [{ campaign_id: 'winback', recipients: [{ external_user_id: 'u1', trigger_properties: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])) }] }, "'recipients[0].trigger_properties' has too many keys or items (at most 1000 in one object or array)"],
    [{ campaign_id: 'winback', trigger_properties: { big: 'x'.repeat(70_000) }, recipients: [{ external_user_id: 'u1' }] }, "'trigger_properties' contains a string longer than 65536 characters"]
  ]
  for (const [body, message] of cases) {
    const res = await call(s, '/campaigns/trigger/send', body)
    assert.equal(res.statusCode, 400, res.body)
    assert.equal(json(res).message, message)
  }
  assert.equal((await outbox(s)).length, 0)
  const ok = await call(s, '/campaigns/trigger/send', { campaign_id: 'winback', trigger_properties: { deep: nestedObject(40) }, recipients: [{ external_user_id: 'u1' }] })
  assert.equal(ok.statusCode, 201, ok.body)
})

test('/users/track: event properties out of bounds are that object\'s error; the rest applies', async (t) => {
  const s = await messagingSetup(t)
  const res = await call(s, '/users/track', {
    attributes: [{ external_id: 'n1', plan: 'pro' }],
    events: [{ external_id: 'n1', name: 'deep', time: '2026-11-28T12:00:00Z', properties: { p: nestedObject(55) } }]
  })
  assert.equal(res.statusCode, 201, res.body)
  assert.deepEqual(json(res).errors, [{ type: "'properties' is nested too deeply (at most 50 levels)", input_array: 'events', index: 0 }])
  assert.equal((await storedUsers(s, { external_id: 'n1' })).length, 1)
})
