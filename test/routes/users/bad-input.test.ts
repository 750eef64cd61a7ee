import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json, post } from '../../helper.js'
import { rest, restWorkspace, seedUsers } from './rest.js'

const ENDPOINTS = ['/users/export/ids', '/users/alias/new', '/users/alias/update', '/users/identify', '/users/delete', '/users/merge']

test('a body that is not a JSON object is a 400 {"message":"Request body must be a JSON object"} on every export and identity endpoint', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  for (const url of ENDPOINTS) {
    for (const body of [[], 'text', 42]) {
      const res = await post(app, url, JSON.stringify(body), { headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' } })
      assert.deepEqual([res.statusCode, json(res)], [400, { message: 'Request body must be a JSON object' }], `${url} ${JSON.stringify(body)}`)
    }
  }
})

test('wrongly typed fields never produce a 5xx and never change a user', async (t) => {
  const app = await buildTestApp(t)
  const ws = await restWorkspace(app)
  await seedUsers(app, ws.id, [{ external_id: 'u1', aliases: [{ alias_name: 'n', alias_label: 'l' }] }])
  const junk = [null, true, 1.5, 'x', [], [null], [1], [{}], { a: 1 }, [{ external_id: 5 }]]
  const fields: Record<string, string[]> = {
    '/users/export/ids': ['external_ids', 'user_aliases', 'device_id', 'braze_id', 'email_address', 'phone', 'fields_to_export'],
    '/users/alias/new': ['user_aliases'],
    '/users/alias/update': ['alias_updates'],
    '/users/identify': ['aliases_to_identify', 'emails_to_identify', 'phone_numbers_to_identify', 'merge_behavior'],
    '/users/delete': ['external_ids', 'user_aliases', 'braze_ids', 'email_addresses', 'phone_numbers'],
    '/users/merge': ['merge_updates']
  }
  for (const [url, names] of Object.entries(fields)) {
    for (const name of names) {
      for (const value of junk) {
        const res = await rest(app, ws, url, { [name]: value })
        assert.ok(res.statusCode < 500, `${url} ${name}=${JSON.stringify(value)} → ${res.statusCode} ${res.body}`)
        assert.equal(typeof json(res).message, 'string')
      }
    }
  }
  const after = await rest(app, ws, '/users/export/ids', { external_ids: ['u1'], fields_to_export: ['external_id', 'user_aliases'] })
  assert.deepEqual(json(after).users, [{ external_id: 'u1', user_aliases: [{ alias_name: 'n', alias_label: 'l' }] }])
})
