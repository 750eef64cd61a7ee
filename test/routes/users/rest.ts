/** Shared setup of the REST user-data tests: a workspace, a REST key, and calls with it. */
import assert from 'node:assert/strict'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { json, post } from '../../helper.js'
import { makeWorkspace, seedUsers } from '../../factories.js'

export interface RestWorkspace { id: string, key: string }

export async function restWorkspace (app: FastifyInstance, permissions?: string[]): Promise<RestWorkspace> {
  const ws = await makeWorkspace(app)
  const res = await post(app, `/_fake/workspaces/${ws.id}/rest-api-keys`, permissions === undefined ? {} : { permissions })
  assert.equal(res.statusCode, 201, res.body)
  return { id: ws.id, key: json(res).key }
}

export async function rest (app: FastifyInstance, ws: RestWorkspace, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return post(app, url, body, { headers: { authorization: `Bearer ${ws.key}` } })
}

export async function exportIds (app: FastifyInstance, ws: RestWorkspace, body: unknown): Promise<Record<string, any>> {
  const res = await rest(app, ws, '/users/export/ids', body)
  assert.equal(res.statusCode, 201, res.body)
  return json(res)
}

export { seedUsers }

/** A REST key (every permission) for a workspace made elsewhere, e.g. by `provision`. */
export async function restKeyFor (app: FastifyInstance, workspaceId: string): Promise<RestWorkspace> {
  const res = await post(app, `/_fake/workspaces/${workspaceId}/rest-api-keys`, {})
  assert.equal(res.statusCode, 201, res.body)
  return { id: workspaceId, key: json(res).key }
}
