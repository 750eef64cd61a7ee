import { test } from 'node:test'
import assert from 'node:assert/strict'
import { newBrazeId } from '../../src/domain/ids.js'
import { buildTestApp, json, post } from '../helper.js'
import { makeWorkspace } from '../factories.js'

test('a braze_id is 24 hex digits whose first 8 are the creation second', () => {
  const at = Date.parse('2030-01-02T03:04:05Z')
  const id = newBrazeId(at)
  assert.match(id, /^[0-9a-f]{24}$/)
  assert.equal(parseInt(id.slice(0, 8), 16), at / 1000)
})

test('users created while the fake clock is set carry that time in their braze_id', async (t) => {
  const app = await buildTestApp(t)
  await post(app, '/_fake/clock', { set: '2030-01-02T03:04:05Z', freeze: true })
  const ws = await makeWorkspace(app)
  const [user] = json(await post(app, `/_fake/workspaces/${ws.id}/users`, { users: [{ external_id: 'u1' }] })).users
  assert.equal(parseInt(user.braze_id.slice(0, 8), 16), Date.parse('2030-01-02T03:04:05Z') / 1000)
})
