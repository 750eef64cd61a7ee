/** REST-surface helpers for /users/* tests: keys, calls and stored-user inspection through the control plane. */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildTestApp, json, post } from './helper.js'
import { makeWorkspace } from './factories.js'
import type { TestContext } from 'node:test'

export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0)

export interface RestSetup {
  app: FastifyInstance
  workspaceId: string
  key: string
  /** moves the app's clock forward */
  advance: (ms: number) => void
}

/** A fresh app on a controlled clock (starting at NOW) with one workspace and a REST key holding every permission. */
export async function restSetup (t: TestContext, permissions?: string[]): Promise<RestSetup> {
  let now = NOW
  const app = await buildTestApp(t, {}, { clock: { now: () => now } })
  const ws = await makeWorkspace(app)
  return { app, workspaceId: ws.id, key: await restKey(app, ws.id, permissions), advance: (ms) => { now += ms } }
}

export async function restKey (app: FastifyInstance, workspaceId: string, permissions?: string[]): Promise<string> {
  const res = await post(app, `/_fake/workspaces/${workspaceId}/rest-api-keys`, permissions === undefined ? {} : { permissions })
  assert.equal(res.statusCode, 201, res.body)
  return json(res).key
}

export async function track (s: RestSetup, body: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return post(s.app, '/users/track', body, { headers: { authorization: `Bearer ${s.key}`, ...headers } })
}

/** Stored users matching the filter (all users of the workspace when empty). */
export async function storedUsers (s: RestSetup, query: Record<string, string> = {}): Promise<Array<Record<string, any>>> {
  const qs = new URLSearchParams(query).toString()
  const res = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/user-profiles${qs === '' ? '' : `?${qs}`}` })
  assert.equal(res.statusCode, 200, res.body)
  return json(res).users
}

export async function storedUser (s: RestSetup, externalId: string): Promise<Record<string, any>> {
  const users = await storedUsers(s, { external_id: externalId })
  assert.equal(users.length, 1, `user ${externalId}`)
  return users[0]!
}

export async function dataPoints (s: RestSetup): Promise<Record<string, any>> {
  const res = await s.app.inject({ url: `/_fake/workspaces/${s.workspaceId}/data-points` })
  assert.equal(res.statusCode, 200, res.body)
  return json(res)
}
