/** Checklist 58 over HTTP: with a visibility delay, a just-tracked user appears in exports only once the (fake) clock has moved past it. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { makeWorkspace } from '../../factories.js'

test('a tracked user is invisible to /users/export/ids until the visibility delay has passed on the fake clock', async (t) => {
  const app = await buildTestApp(t)
  const ws = await makeWorkspace(app)
  const key = json(await post(app, `/_fake/workspaces/${ws.id}/rest-api-keys`)).key
  const auth = { headers: { authorization: `Bearer ${key}` } }
  assert.equal((await post(app, '/_fake/clock', { freeze: true })).statusCode, 200)
  assert.equal((await app.inject({ method: 'PUT', url: '/_fake/visibility', payload: { delay_ms: 30_000 } })).statusCode, 200)
  assert.equal((await post(app, '/users/track', { attributes: [{ external_id: 'new-user', plan: 'pro' }] }, auth)).statusCode, 201)

  const query = { external_ids: ['new-user'], fields_to_export: ['external_id', 'custom_attributes'] }
  const before = json(await post(app, '/users/export/ids', query, auth))
  assert.deepEqual(before, { message: 'success', users: [], invalid_user_ids: ['new-user'] })

  await post(app, '/_fake/clock', { advance_ms: 30_000 })
  const after = json(await post(app, '/users/export/ids', query, auth))
  assert.deepEqual(after, { message: 'success', users: [{ external_id: 'new-user', custom_attributes: { plan: 'pro' } }] })
})
