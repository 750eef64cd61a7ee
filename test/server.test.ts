/** One real socket: the fake is reachable as consumers use it, Host-based cluster routing included. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { startServer } from '../src/server.js'
import { testConfig } from '../src/config.js'

function httpPost (url: string, body: unknown, host?: string): Promise<{ status: number, body: any, type: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body)
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...(host !== undefined && { host }) } }, (res) => {
      let raw = ''
      res.on('data', (c) => { raw += c })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: raw === '' ? undefined : JSON.parse(raw), type: String(res.headers['content-type']) }))
    })
    req.on('error', reject)
    req.end(data)
  })
}

test('startServer listens on a free port and serves the Braze and control-plane surfaces over HTTP', async (t) => {
  const server = await startServer(testConfig())
  t.after(() => server.close())
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
  const ws = await httpPost(`${server.url}/_fake/workspaces`, { cluster: 'fra-01' })
  assert.equal(ws.status, 201)
  assert.equal(ws.body.rest_endpoint, `${server.url}/rest.fra-01.braze.eu`)
  const key = await httpPost(`${server.url}/_fake/workspaces/${ws.body.id}/partners/segment/data-import-keys`, {})
  const body = { partner_api_key: 'fake-segment-eu-partner-api-key', client_secret: key.body.key, cohort_id: 'will_add_in_constant', cohort_changes: [] }
  const byHost = await httpPost(`${server.url}/partners/segment/cohorts/users`, body, 'rest.fra-01.braze.eu')
  assert.equal(byHost.status, 201)
  assert.deepEqual(byHost.body, { message: 'success' })
  const byPrefix = await httpPost(`${ws.body.rest_endpoint}/partners/segment/cohorts/users`, body)
  assert.equal(byPrefix.status, 201)
  // a request that names no cluster is served on its data import key's cluster (issue 9 point 1) …
  const unnamed = await httpPost(`${server.url}/partners/segment/cohorts/users`, body)
  assert.equal(unnamed.status, 201)
  // … one that names another cluster is not
  const wrongCluster = await httpPost(`${server.url}/partners/segment/cohorts/users`, body, 'rest.iad-01.braze.com')
  assert.equal(wrongCluster.status, 401)
  assert.match(wrongCluster.type, /^application\/json/)
})

test('close() releases the port and the database', async () => {
  const server = await startServer(testConfig())
  await server.close()
  await assert.rejects(fetch(`${server.url}/health`))
})
