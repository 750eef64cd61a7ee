/** Subscription-surface helpers: groups through the control plane, Braze calls with the setup's key. */
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { json, post } from '../../helper.js'
import type { RestSetup } from '../../rest-factories.js'

export const EMAIL_GROUP = '3b1bbd7d-9b1f-4bb6-a7b0-5a8d1f7f0a11'
export const SMS_GROUP = '9c2f4e1a-0d3b-4c5e-8f7a-1b2c3d4e5f60'

export async function makeGroup (s: RestSetup, id: string, channel: 'email' | 'sms' | 'whatsapp', name = `${channel} group`): Promise<Record<string, any>> {
  const res = await post(s.app, `/_fake/workspaces/${s.workspaceId}/subscription-groups`, { id, name, channel })
  assert.equal(res.statusCode, 201, res.body)
  return json(res)
}

export async function brazePost (s: RestSetup, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return post(s.app, url, body, { headers: { authorization: `Bearer ${s.key}` } })
}

export async function brazeGet (s: RestSetup, url: string): Promise<LightMyRequestResponse> {
  return s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${s.key}` } })
}

export async function statusOf (s: RestSetup, group: string, query: string): Promise<Record<string, string>> {
  const res = await brazeGet(s, `/subscription/status/get?subscription_group_id=${group}&${query}`)
  assert.equal(res.statusCode, 200, res.body)
  return json(res).status
}

export async function users (s: RestSetup, body: unknown[]): Promise<void> {
  const res = await post(s.app, `/_fake/workspaces/${s.workspaceId}/users`, { users: body })
  assert.equal(res.statusCode, 201, res.body)
}
