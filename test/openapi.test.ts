import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { validate } from '@readme/openapi-parser'
import { OPENAPI_PATH, generateOpenApi } from '../scripts/write-openapi.js'
import { replayExamples } from '../scripts/replay-openapi-examples.js'
import { EXAMPLE_RESPONSES_PATH, recordExampleResponses } from '../scripts/write-openapi-examples.js'
import { CHAIN, OPERATION_EXAMPLES } from '../src/plugins/openapi-examples.js'

test('openapi/openapi.json is what the route schemas generate (run `npm run openapi` after changing a route)', async () => {
  const committed = readFileSync(OPENAPI_PATH, 'utf8')
  assert.equal(await generateOpenApi(), committed)
})

test('openapi/example-responses.json is what the examples answer on a fresh fake (run `npm run openapi` after changing an answer)', async () => {
  const recorded = await recordExampleResponses()
  assert.ok('json' in recorded, JSON.stringify(recorded))
  assert.deepEqual(withoutGenerated(JSON.parse(recorded.json)), withoutGenerated(JSON.parse(readFileSync(EXAMPLE_RESPONSES_PATH, 'utf8'))))
})

/** Values the fake generates afresh on every run (ids, buckets, timings, wall-clock time), masked so only real drift differs. */
const GENERATED_FIELDS = new Set(['random_bucket', 'duration_ms', 'now'])
const GENERATED_IDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{32}\b|\b[0-9a-f]{24}\b/g
function withoutGenerated (value: unknown, key?: string): unknown {
  if (key !== undefined && GENERATED_FIELDS.has(key)) return '<generated>'
  if (typeof value === 'string') return value.replace(GENERATED_IDS, '<id>')
  if (Array.isArray(value)) return value.map((v) => withoutGenerated(v))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutGenerated(v, k)]))
  return value
}

test('the OpenAPI document is valid OpenAPI 3.1 with Braze and control-plane routes under separate tags', async () => {
  const doc = JSON.parse(await generateOpenApi())
  const result = await validate(structuredClone(doc))
  assert.equal(result.valid, true, JSON.stringify(result))
  assert.equal(doc.openapi, '3.1.0')
  const tags = new Map<string, string[]>()
  for (const [path, ops] of Object.entries<Record<string, { tags: string[], summary: string }>>(doc.paths)) {
    for (const op of Object.values(ops)) {
      assert.ok(op.summary, `${path} has a summary`)
      for (const tag of op.tags) tags.set(tag, [...(tags.get(tag) ?? []), path])
    }
  }
  assert.ok(tags.get('partners')?.includes('/partners/{partner}/cohorts/users'))
  assert.ok(tags.get('fake')?.every((p) => p.startsWith('/_fake/')))
  assert.ok(!Object.keys(doc.paths).includes('/health'), 'untagged routes stay out')
})

test('Swagger UI is served at /docs', async (t) => {
  const { buildTestApp } = await import('./helper.js')
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/docs/' })
  assert.equal(res.statusCode, 200)
  assert.match(res.body, /swagger/i)
  const json = await app.inject({ url: '/docs/json' })
  assert.equal(json.statusCode, 200)
})

type Op = {
  tags: string[], description?: string, security?: unknown[]
  parameters?: Array<{ name: string, in: string, required?: boolean, example?: unknown, schema?: { enum?: string[] } }>
  requestBody?: { content: Record<string, { example?: unknown }> }
  responses: Record<string, { description: string, content?: Record<string, { example?: unknown, examples?: unknown }> }>
}
function operations (doc: { paths: Record<string, Record<string, Op>> }): Array<[string, Op]> {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, op]): [string, Op] => [`${m.toUpperCase()} ${path}`, op]))
}
/** Query parameters whose values the fake generates (opaque cursors, braze_ids): no fixed example can work. */
const GENERATED_QUERY_VALUES = new Set(['cursor', 'braze_id'])

test('every operation has a description, and every response status a description and an example (no "Default Response")', async () => {
  const doc = JSON.parse(await generateOpenApi())
  const problems: string[] = []
  for (const [key, op] of operations(doc)) {
    if (op.description === undefined || op.description.trim() === '') problems.push(`${key}: no description`)
    for (const [status, response] of Object.entries(op.responses)) {
      if (response.description === 'Default Response') problems.push(`${key} ${status}: "Default Response"`)
      const json = response.content?.['application/json']
      if (json !== undefined && json.example === undefined && json.examples === undefined) problems.push(`${key} ${status}: no example`)
      if (response.content === undefined && status !== '204') problems.push(`${key} ${status}: no schema`)
    }
    if (op.requestBody !== undefined && op.requestBody.content['application/json']?.example === undefined) problems.push(`${key}: no request example`)
    for (const p of op.parameters ?? []) {
      if (p.example === undefined && !(p.in === 'query' && GENERATED_QUERY_VALUES.has(p.name))) problems.push(`${key}: parameter ${p.name} has no example`)
      if ((p.name === 'partner' || p.name === 'cluster') && p.schema?.enum === undefined) problems.push(`${key}: parameter ${p.name} has no enum`)
    }
  }
  assert.deepEqual(problems, [])
})

/** The tags of Braze's REST endpoints, which take a REST API key. */
const REST_TAGS = ['users', 'segments', 'subscriptions', 'messaging', 'analytics', 'catalogs']

test('every REST operation (users, segments, subscriptions, messaging, analytics, catalogs) takes the bearer REST API key in Swagger UI; partner and control routes do not', async () => {
  const doc = JSON.parse(await generateOpenApi())
  assert.deepEqual(doc.components.securitySchemes.RestApiKey, { type: 'http', scheme: 'bearer', description: doc.components.securitySchemes.RestApiKey.description })
  for (const [key, op] of operations(doc)) {
    const rest = op.tags.some((tag) => REST_TAGS.includes(tag))
    assert.deepEqual(op.security, rest ? [{ RestApiKey: [] }] : undefined, key)
    if (rest) assert.match(op.description ?? '', /REST API key with the `[a-z_.]+` permission/, key)
  }
})

test('the control plane comes first ("start here"), then partners, users, segments, subscriptions, messaging, analytics and catalogs', async () => {
  const doc = JSON.parse(await generateOpenApi())
  const declared = doc.tags.map((t: { name: string }) => t.name)
  assert.deepEqual(declared, ['fake', 'partners', ...REST_TAGS])
  for (const [key, op] of operations(doc)) for (const tag of op.tags) assert.ok(declared.includes(tag), `${key}: tag ${tag} is declared with a description`)
  for (const tag of doc.tags) assert.ok(tag.description, `${tag.name} has a description`)
  assert.match(doc.tags[0].description, /Start here/)
})

test('every operation has exactly one documented example request', async () => {
  const doc = JSON.parse(await generateOpenApi())
  const documented = operations(doc).map(([key]) => key).sort()
  assert.deepEqual(OPERATION_EXAMPLES.map((e) => e.op).sort(), documented)
})

test('the examples chain on a fresh server (workspace acme → … → export), every other example answers as documented, and after reset the chain runs again', async (t) => {
  const { buildTestApp } = await import('./helper.js')
  const app = await buildTestApp(t, {}, { docs: false })
  const first = await replayExamples(app, OPERATION_EXAMPLES)
  assert.deepEqual(first.map((r) => `${r.example.op} → ${r.status}`), OPERATION_EXAMPLES.map((e) => `${e.op} → ${e.status}`))
  assert.equal(OPERATION_EXAMPLES.at(-1)?.op, 'POST /_fake/reset')
  const again = await replayExamples(app, CHAIN)
  assert.deepEqual(again.map((r) => `${r.example.op} → ${r.status}`), CHAIN.map((e) => `${e.op} → ${e.status}`))
  const members = again.find((r) => r.example.op.endsWith('/members'))?.body as { members: Array<{ external_id?: string }> }
  assert.deepEqual(members.members.map((m) => m.external_id ?? null), ['user-1', 'user-2', null])
  const exported = again.at(-1)?.body as { url: string }
  assert.match(exported.url, /\/_fake\/exports\/[0-9a-f-]+-\d+\.zip$/)
})
