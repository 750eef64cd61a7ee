import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { validate } from '@readme/openapi-parser'
import { OPENAPI_PATH, generateOpenApi } from '../scripts/write-openapi.js'

test('openapi/openapi.json is what the route schemas generate (run `npm run openapi` after changing a route)', async () => {
  const committed = readFileSync(OPENAPI_PATH, 'utf8')
  assert.equal(await generateOpenApi(), committed)
})

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
