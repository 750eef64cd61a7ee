/**
 * REST authentication of /users/track (checklist items 46–48, 52; _docs/_api/errors.md):
 * 401 echoes the key presented, 403 without the users.track permission. The key is checked
 * before the body.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { json, post } from '../../helper.js'
import { makeWorkspace } from '../../factories.js'
import { restKey, restSetup, storedUsers } from '../../rest-factories.js'

const BODY = { attributes: [{ external_id: 'u1', plan: 'pro' }] }

describe('/users/track authentication', () => {
  test('item 46: a missing Authorization header is 401 Invalid API key with nothing after the colon', async (t) => {
    const s = await restSetup(t)
    const res = await post(s.app, '/users/track', BODY)
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid API key: ' })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('item 46: an unknown key is 401 echoing the key, even with an invalid body', async (t) => {
    const s = await restSetup(t)
    const res = await post(s.app, '/users/track', { attributes: 'nope' }, { headers: { authorization: 'Bearer not-a-key' } })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: 'Invalid API key: not-a-key' })
  })

  test('item 46: a quoted key is 401 echoing the quotes', async (t) => {
    const s = await restSetup(t)
    const res = await post(s.app, '/users/track', BODY, { headers: { authorization: `Bearer "${s.key}"` } })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: `Invalid API key: "${s.key}"` })
  })

  test('item 46: a revoked key is 401', async (t) => {
    const s = await restSetup(t)
    await s.app.inject({ method: 'DELETE', url: `/_fake/workspaces/${s.workspaceId}/rest-api-keys/${s.key}` })
    const res = await post(s.app, '/users/track', BODY, { headers: { authorization: `Bearer ${s.key}` } })
    assert.equal(res.statusCode, 401)
    assert.deepEqual(json(res), { message: `Invalid API key: ${s.key}` })
  })

  test('item 47: a key without users.track is 403 Access Denied and writes nothing', async (t) => {
    const s = await restSetup(t, ['users.export.ids'])
    const res = await post(s.app, '/users/track', BODY, { headers: { authorization: `Bearer ${s.key}` } })
    assert.equal(res.statusCode, 403)
    assert.deepEqual(json(res), { message: 'Access Denied' })
    assert.deepEqual(await storedUsers(s), [])
  })

  test('item 48: a key of an iad-01 workspace used on iad-02 is 401, and works on its own cluster', async (t) => {
    const s = await restSetup(t)
    const headers = { authorization: `Bearer ${s.key}` }
    const other = await post(s.app, '/rest.iad-02.braze.com/users/track', BODY, { headers })
    assert.equal(other.statusCode, 401)
    assert.deepEqual(json(other), { message: `Invalid API key: ${s.key}` })
    const own = await post(s.app, '/rest.iad-01.braze.com/users/track', BODY, { headers })
    assert.equal(own.statusCode, 201)
  })

  test('item 48: a workspace on fra-01 is reached through its EU host', async (t) => {
    const s = await restSetup(t)
    const eu = await makeWorkspace(s.app, { cluster: 'fra-01' })
    const key = await restKey(s.app, eu.id, ['users.track'])
    const res = await post(s.app, '/users/track', BODY, { headers: { authorization: `Bearer ${key}`, host: 'rest.fra-01.braze.eu' } })
    assert.equal(res.statusCode, 201)
    assert.deepEqual(json(res), { message: 'success', attributes_processed: 1 })
  })

  test('item 52: an unknown path is 404 Invalid URL', async (t) => {
    const s = await restSetup(t)
    const res = await post(s.app, '/users/tracks', BODY, { headers: { authorization: `Bearer ${s.key}` } })
    assert.equal(res.statusCode, 404)
    assert.deepEqual(json(res), { message: 'Invalid URL' })
  })
})
