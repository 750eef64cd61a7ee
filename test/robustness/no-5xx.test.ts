/**
 * Every route of the OpenAPI document, authenticated, fed junk: the answer is always a JSON
 * body with a status below 500 ("no input produces a 5xx").
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../helper.js'
import { provision, seedUsers } from '../factories.js'

const JUNK: unknown[] = [
  null, [], 'x', 0, true, {}, { a: { b: { c: [1, { d: null }] } } },
  { cohort_id: [], cohort_changes: {}, name: {}, created_at: [], external_ids: 'x', attributes: 'x', events: {}, purchases: [null] },
  { users: [{ external_id: { nested: true } }], filter: { and: 'x' }, segment_id: 42, fields_to_export: [1, 2] },
  { attributes: [{ external_id: 'u1', n: 1e308 * 10 }], events: [{ external_id: 'u1', name: 'e', time: 'never' }] },
  { user_aliases: [{ alias_name: null }], aliases_to_identify: [{}], merge_updates: [[]], alias_updates: 'x' }
]

test('no route answers junk with a 5xx or a non-JSON body', async (t) => {
  const app = await buildTestApp(t)
  const p = await provision(app)
  await seedUsers(app, p.workspaceId, [{ external_id: 'u1' }])
  const restKey = json(await post(app, `/_fake/workspaces/${p.workspaceId}/rest-api-keys`)).key as string
  const doc = json(await app.inject({ url: '/docs/json' }))
  let checked = 0
  for (const [path, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const url = path
        .replace('{workspace_id}', p.workspaceId).replace('{partner}', 'hightouch')
        .replace(/\{[a-z_]+\}/g, 'x')
      for (const body of JUNK) {
        const withKeys = body !== null && typeof body === 'object' && !Array.isArray(body)
          ? { partner_api_key: p.partnerApiKey, client_secret: p.secret, ...body }
          : body
        const res = await app.inject({
          method: method.toUpperCase() as 'GET',
          url: method === 'get' ? `${url}?segment_id=${encodeURIComponent(JSON.stringify(body))}&length=x&page=-1` : url,
          headers: { authorization: `Bearer ${restKey}`, 'content-type': 'application/json' },
          ...(method !== 'get' && method !== 'delete' && { payload: JSON.stringify(withKeys) })
        })
        checked++
        assert.ok(res.statusCode < 500, `${method.toUpperCase()} ${url} ${JSON.stringify(body)} → ${res.statusCode} ${res.body}`)
        if (res.statusCode !== 204 && !url.endsWith('.zip')) {
          assert.match(String(res.headers['content-type']), /json/, `${method} ${url}`)
        }
      }
    }
  }
  assert.ok(checked > 100)
})
