/**
 * Every route of the OpenAPI document, authenticated with a key holding every permission, fed
 * wrong shapes: wrong types for each documented body field and query parameter, arrays for
 * objects, null, an empty object, an empty body, strings of JSON, numbers. The answer is never a
 * 5xx, always the JSON envelope `{"message": …}`, and never in a schema library's wording
 * (issue 17: "Braze's words only").
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildTestApp, json, post } from '../helper.js'
import { provision, seedUsers } from '../factories.js'

/** zod's English phrases (and the shape of its "expected X, received Y"). */
const SCHEMA_WORDING = /Invalid input|expected .* received|Too (big|small)|Unrecognized keys?|Invalid option|Invalid (element|key|union|discriminator)|received (null|undefined)/i

const WHOLE_BODIES: Array<{ label: string, payload?: string }> = [
  { label: 'empty body', payload: undefined },
  { label: 'null', payload: 'null' },
  { label: 'array', payload: '[]' },
  { label: 'array of objects', payload: '[{}]' },
  { label: 'number', payload: '42' },
  { label: 'string', payload: '"x"' },
  { label: 'string of JSON', payload: JSON.stringify(JSON.stringify({ a: 1 })) },
  { label: 'empty object', payload: '{}' },
  { label: 'true', payload: 'true' }
]

const WRONG_VALUES: unknown[] = [null, 42, 1.5, true, 'x', '{"a":1}', [], [1, null], {}, { a: [] }, [{}], [[]]]

type Schema = Record<string, any>

function resolve (doc: Schema, s: Schema | undefined): Schema | undefined {
  if (s === undefined) return undefined
  if (typeof s.$ref === 'string') return resolve(doc, doc.components.schemas[s.$ref.split('/').pop()!])
  return s
}

/** Field paths of a body schema, one level into arrays of objects and nested objects. */
function fieldsOf (doc: Schema, s: Schema | undefined, depth = 0): string[][] {
  const schema = resolve(doc, s)
  if (schema === undefined || depth > 2) return []
  const variants = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map((v: Schema) => resolve(doc, v)!)
  const out: string[][] = []
  for (const v of variants) {
    for (const [k, sub] of Object.entries<Schema>(v.properties ?? {})) {
      out.push([k])
      const r = resolve(doc, sub)!
      const inner = r.type === 'array' ? resolve(doc, r.items) : r
      for (const p of fieldsOf(doc, inner, depth + 1)) out.push(r.type === 'array' ? [k, '0', ...p] : [k, ...p])
    }
  }
  return out
}

function bodyWith (path: string[], value: unknown): unknown {
  const [head, ...rest] = path
  if (head === undefined) return value
  if (head === '0') return [bodyWith(rest, value)]
  return { [head]: bodyWith(rest, value) }
}

async function setup (app: FastifyInstance): Promise<{ ws: string, restKey: string, partnerKeys: Record<string, string> }> {
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [{ external_id: 'u1' }])
  const restKey = json(await post(app, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`)).key as string
  return { ws: p.workspaceId, restKey, partnerKeys: { partner_api_key: p.partnerApiKey, client_secret: p.secret } }
}

test('no route answers a wrong shape with a 5xx, a non-JSON body or a schema library\'s wording', async (t) => {
  const app = await buildTestApp(t)
  const doc = json(await app.inject({ url: '/docs/json' }))
  let s = await setup(app)
  let checked = 0
  const failures: string[] = []
  const routes = Object.entries<Record<string, Schema>>(doc.paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))
    // Braze's surface first; the control plane's destructive calls last (a reset or a deleted workspace ends the key)
    .filter(({ path }) => path !== '/_fake/reset')
    .sort((a, b) => Number(a.path.startsWith('/_fake')) - Number(b.path.startsWith('/_fake')) || Number(a.method === 'delete') - Number(b.method === 'delete'))

  async function check (method: string, url: string, label: string, payload: string | undefined): Promise<void> {
    const res = await app.inject({
      method: method.toUpperCase() as 'GET',
      url,
      headers: { authorization: `Bearer ${s.restKey}`, ...(payload !== undefined && { 'content-type': 'application/json' }) },
      ...(payload !== undefined && { payload })
    })
    checked++
    const what = `${method.toUpperCase()} ${url} ${label} → ${res.statusCode} ${res.body.slice(0, 300)}`
    if (res.statusCode >= 500) failures.push(`5xx: ${what}`)
    if (res.statusCode === 204 || url.includes('.zip')) return
    if (!/json/.test(String(res.headers['content-type']))) { failures.push(`not JSON: ${what}`); return }
    if (res.statusCode >= 400) {
      const body = res.json() as { message?: unknown }
      if (typeof body.message !== 'string') failures.push(`no message: ${what}`)
      if (SCHEMA_WORDING.test(res.body)) failures.push(`schema wording: ${what}`)
    }
  }

  for (const { path, method, op } of routes) {
    const url = path.replace('{workspace_id}', s.ws).replace('{partner}', 'hightouch').replace(/\{[a-z_]+\}/g, 'x')
    const withKeys = (body: unknown): unknown => (url.startsWith('/partners/') && body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...s.partnerKeys, ...body } : body)
    const params: Schema[] = (op.parameters ?? []).filter((p: Schema) => p.in === 'query')
    if (method === 'get' || method === 'delete') {
      for (const p of params) {
        for (const v of ['', 'null', '[1,2]', '{"a":1}', '-1', 'true', 'x'.repeat(300)]) {
          await check(method, `${url}?${encodeURIComponent(p.name)}=${encodeURIComponent(v)}`, `${p.name}=${v.slice(0, 20)}`, undefined)
        }
        await check(method, `${url}?${encodeURIComponent(p.name)}=a&${encodeURIComponent(p.name)}=b`, `${p.name} twice`, undefined)
      }
      if (method === 'get') continue
    }
    for (const b of WHOLE_BODIES) {
      const payload = b.payload === undefined || b.payload === '[]' || !url.startsWith('/partners/') ? b.payload : JSON.stringify(withKeys(JSON.parse(b.payload)))
      await check(method, url, b.label, payload)
    }
    const bodySchema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined
    for (const field of fieldsOf(doc, bodySchema)) {
      for (const v of WRONG_VALUES) await check(method, url, `${field.join('.')}=${JSON.stringify(v)}`, JSON.stringify(withKeys(bodyWith(field, v))))
    }
    // a reset workspace or a deleted key would blunt the rest: provision again when the key no longer works
    if (url.startsWith('/_fake')) {
      const probe = await app.inject({ url: '/segments/list', headers: { authorization: `Bearer ${s.restKey}` } })
      if (probe.statusCode === 401) s = await setup(app)
    }
  }
  assert.deepEqual(failures.slice(0, 40), [], `${failures.length} failures of ${checked}`)
  assert.ok(checked > 2000, `only ${checked} requests`)
})
