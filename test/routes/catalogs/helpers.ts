/** Catalog-surface helpers: Braze calls with the setup's key, a standard restaurants catalog. */
import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { json } from '../../helper.js'
import type { RestSetup } from '../../rest-factories.js'

export const RESTAURANT_FIELDS = [
  { name: 'id', type: 'string' }, { name: 'Name', type: 'string' }, { name: 'Rating', type: 'number' }, { name: 'Loyalty', type: 'boolean' },
  { name: 'Top_Dishes', type: 'array' }, { name: 'Open_Time', type: 'time' }, { name: 'Details', type: 'object' }, { name: 'Location', type: 'geo' }
]

export async function call (s: RestSetup, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, key = s.key): Promise<LightMyRequestResponse> {
  return s.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { payload: JSON.stringify(body) })
  })
}

export async function makeCatalog (s: RestSetup, name = 'restaurants', fields = RESTAURANT_FIELDS): Promise<void> {
  const res = await call(s, 'POST', '/catalogs', { catalogs: [{ name, description: 'My Restaurants', fields }] })
  assert.equal(res.statusCode, 201, res.body)
}

export async function addItems (s: RestSetup, items: unknown[], name = 'restaurants'): Promise<void> {
  for (let i = 0; i < items.length; i += 50) {
    const res = await call(s, 'POST', `/catalogs/${name}/items`, { items: items.slice(i, i + 50) })
    assert.equal(res.statusCode, 202, res.body)
  }
}

/** The error ids of a catalog envelope, checking its shape. */
export function errorIds (res: LightMyRequestResponse): string[] {
  const body = json(res)
  assert.equal(body.message, 'Invalid Request', res.body)
  for (const e of body.errors) assert.deepEqual(Object.keys(e), ['id', 'message', 'parameters', 'parameter_values'])
  return body.errors.map((e: { id: string }) => e.id)
}

export async function getItem (s: RestSetup, id: string, name = 'restaurants'): Promise<Record<string, unknown> | undefined> {
  const res = await call(s, 'GET', `/catalogs/${name}/items/${id}`)
  if (res.statusCode === 404) return undefined
  assert.equal(res.statusCode, 200, res.body)
  return json(res).items[0]
}

export async function listCatalogs (s: RestSetup): Promise<Array<Record<string, any>>> {
  const res = await call(s, 'GET', '/catalogs')
  assert.equal(res.statusCode, 200, res.body)
  return json(res).catalogs
}
