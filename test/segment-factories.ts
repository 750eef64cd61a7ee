/** Segment helpers over the control plane and the partner endpoints (never raw SQL). */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { json, post } from './helper.js'
import { nameCall, usersCall, walkMembers, type Provisioned } from './factories.js'

export async function nameCohort (app: FastifyInstance, p: Provisioned, cohortId: string, name: string): Promise<void> {
  const res = await post(app, `/partners/${p.partner}/cohorts`, nameCall(p, cohortId, name))
  assert.equal(res.statusCode, 201, res.body)
}

export async function addToCohort (app: FastifyInstance, p: Provisioned, cohortId: string, userIds: string[], remove = false): Promise<void> {
  const res = await post(app, `/partners/${p.partner}/cohorts/users`, usersCall(p, cohortId, [{ user_ids: userIds, ...(remove && { should_remove: true }) }]))
  assert.equal(res.statusCode, 201, res.body)
}

export async function makeSegment (app: FastifyInstance, workspaceId: string, filter: unknown, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await post(app, `/_fake/workspaces/${workspaceId}/segments`, { name: 'Segment', filter, ...extra })
  assert.equal(res.statusCode, 201, res.body)
  return json(res)
}

/** Every member's external_id (or braze_id), sorted, walking all pages. */
export async function segmentMembers (app: FastifyInstance, workspaceId: string, segmentId: string, limit = 100): Promise<string[]> {
  return await walkMembers(app, `/_fake/workspaces/${workspaceId}/segments/${segmentId}/members`, limit)
}

export async function restKey (app: FastifyInstance, workspaceId: string, permissions?: string[]): Promise<string> {
  const res = await post(app, `/_fake/workspaces/${workspaceId}/rest-api-keys`, permissions === undefined ? {} : { permissions })
  assert.equal(res.statusCode, 201, res.body)
  return json(res).key
}

export async function restGet (app: FastifyInstance, key: string, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ url, headers: { authorization: `Bearer ${key}` } })
}

export async function restPost (app: FastifyInstance, key: string, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return post(app, url, body, { headers: { authorization: `Bearer ${key}` } })
}
