/** Builds state through the control plane, never raw SQL. */
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { json, post } from './helper.js'

export interface Provisioned {
  workspaceId: string
  cluster: string
  partner: string
  /** the data import key (client_secret) */
  secret: string
  /** the partner API key for this workspace's region */
  partnerApiKey: string
}

export async function makeWorkspace (app: FastifyInstance, body: Record<string, unknown> = {}): Promise<{ id: string, cluster: string }> {
  const res = await post(app, '/_fake/workspaces', body)
  assert.equal(res.statusCode, 201, res.body)
  return json(res)
}

export async function makeKey (app: FastifyInstance, workspaceId: string, partner: string, key?: string): Promise<string> {
  const res = await post(app, `/_fake/workspaces/${workspaceId}/partners/${partner}/data-import-keys`, key === undefined ? {} : { key })
  assert.equal(res.statusCode, 201, res.body)
  return json(res).key
}

export async function partnerApiKey (app: FastifyInstance, partner: string, region: 'us' | 'eu'): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/_fake/partners' })
  const found = json<{ partners: Array<{ name: string, api_keys: { us: string, eu: string } }> }>(res).partners.find((p) => p.name === partner)
  assert.ok(found)
  return found.api_keys[region]
}

export async function provision (app: FastifyInstance, opts: { partner?: string, cluster?: string } = {}): Promise<Provisioned> {
  const partner = opts.partner ?? 'hightouch'
  const ws = await makeWorkspace(app, opts.cluster === undefined ? {} : { cluster: opts.cluster })
  const secret = await makeKey(app, ws.id, partner)
  const region = ws.cluster.startsWith('fra-') ? 'eu' : 'us'
  return { workspaceId: ws.id, cluster: ws.cluster, partner, secret, partnerApiKey: await partnerApiKey(app, partner, region) }
}

export async function seedUsers (app: FastifyInstance, workspaceId: string, users: Array<Record<string, unknown>>): Promise<Array<Record<string, any>>> {
  const res = await post(app, `/_fake/workspaces/${workspaceId}/users`, { users })
  assert.equal(res.statusCode, 201, res.body)
  return json(res).users
}

/** Every member's external_id (or braze_id), sorted, walking all pages of a members endpoint. */
export async function walkMembers (app: FastifyInstance, url: string, limit?: number): Promise<string[]> {
  const out: string[] = []
  let cursor: string | undefined
  do {
    const params = new URLSearchParams()
    if (limit !== undefined) params.set('limit', String(limit))
    if (cursor !== undefined) params.set('cursor', cursor)
    const q = params.size === 0 ? '' : `?${params.toString()}`
    const res = await app.inject({ method: 'GET', url: `${url}${q}` })
    assert.equal(res.statusCode, 200, res.body)
    const body = json(res)
    for (const m of body.members) out.push(m.external_id ?? m.braze_id)
    cursor = body.next_cursor
  } while (cursor !== undefined)
  return out.sort()
}

export async function members (app: FastifyInstance, p: Provisioned, cohortId: string): Promise<string[]> {
  return await walkMembers(app, `/_fake/workspaces/${p.workspaceId}/partners/${p.partner}/cohorts/${encodeURIComponent(cohortId)}/members`)
}

/** Body of a user cohort call with this workspace's credentials. */
export function usersCall (p: Provisioned, cohortId: string, changes: unknown[]): Record<string, unknown> {
  return { partner_api_key: p.partnerApiKey, client_secret: p.secret, cohort_id: cohortId, cohort_changes: changes }
}

export function nameCall (p: Provisioned, cohortId: string, name: string, createdAt = '2026-11-28T12:00:00Z'): Record<string, unknown> {
  return { partner_api_key: p.partnerApiKey, client_secret: p.secret, cohort_id: cohortId, name, created_at: createdAt }
}
