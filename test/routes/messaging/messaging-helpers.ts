/** Messaging test setup: a workspace with users, a cohort segment, and a REST key — all through the API. */
import assert from 'node:assert/strict'
import type { TestContext } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { json, post } from '../../helper.js'
import { restSetup, type RestSetup } from '../../rest-factories.js'

export async function call (s: RestSetup, url: string, body?: unknown): Promise<LightMyRequestResponse> {
  if (body === undefined) return s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${s.key}` } })
  return post(s.app, url, body, { headers: { authorization: `Bearer ${s.key}` } })
}

export async function control (s: RestSetup, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<LightMyRequestResponse> {
  return s.app.inject({ method, url: `/_fake/workspaces/${s.workspaceId}${path}`, ...(body !== undefined && { payload: body as object }) })
}

export async function outbox (s: RestSetup, query: Record<string, string> = {}): Promise<Array<Record<string, any>>> {
  const res = await control(s, 'GET', `/messages?${new URLSearchParams({ limit: '1000', ...query }).toString()}`)
  assert.equal(res.statusCode, 200, res.body)
  return json(res).messages
}

/**
 * u1 (gold, Ann), u2 (unsubscribed from email), u3 (no email) are in the "vip" segment
 * (custom attribute vip = true); u4 is not. Campaign "winback" (API-triggered email) targets vip.
 */
export async function messagingSetup (t: TestContext): Promise<RestSetup> {
  const s = await restSetup(t)
  const track = await call(s, '/users/track', {
    attributes: [
      { external_id: 'u1', email: 'ann@example.com', first_name: 'Ann', vip: true, tier: 'gold' },
      { external_id: 'u2', email: 'bob@example.com', email_subscribe: 'unsubscribed', vip: true },
      { external_id: 'u3', vip: true },
      { external_id: 'u4', email: 'dan@example.com', first_name: 'Dan', vip: false }
    ]
  })
  assert.equal(track.statusCode, 201, track.body)
  const seg = await control(s, 'POST', '/segments', { id: 'vip', name: 'VIP', filter: { filter: 'custom_attribute', attribute: 'vip', operator: 'equals', value: true } })
  assert.equal(seg.statusCode, 201, seg.body)
  const camp = await control(s, 'POST', '/campaigns', {
    id: 'winback', name: 'Win-back', kind: 'api_triggered', segment_id: 'vip',
    messages: [{ id: 'winback-email', channel: 'email', from: 'Shop <shop@example.com>', subject: 'Hi {{${first_name} | default: "friend"}}', body: '{{custom_attribute.${tier}}}: {{api_trigger_properties.${discount}}}' }]
  })
  assert.equal(camp.statusCode, 201, camp.body)
  return s
}
