// fake-braze from Node tests with Testcontainers: start the image, wait on its /health route,
// provision a workspace through the control plane, and check what a Hightouch-style sync left.
// FAKE_BRAZE_IMAGE names the image (default fake-braze:latest). On machines whose containers only
// get the host's network (these CI machines, see DEVELOPERS.md), FAKE_BRAZE_HOST_NETWORK=1 runs it
// with --network host on FAKE_BRAZE_PORT (default 4000) instead of a mapped port.
// test/container/image.test.ts runs this file against the image it builds.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { GenericContainer, Wait } from 'testcontainers'

const IMAGE = process.env.FAKE_BRAZE_IMAGE ?? 'fake-braze:latest'
const HOST_NETWORK = process.env.FAKE_BRAZE_HOST_NETWORK === '1'
const PORT = Number(process.env.FAKE_BRAZE_PORT ?? 4000)
// The image listens beyond loopback, so it wants a control token (or FAKE_BRAZE_INSECURE_CONTROL_PLANE=true).
const TOKEN = randomBytes(16).toString('hex')

let container
let base

async function waitForHealth (url, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(`${url}/health`)
      if (res.status === 200) return
    } catch {}
    if (Date.now() > deadline) throw new Error(`${url}/health did not answer 200`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function control (method, path, body) {
  const res = await fetch(`${base}/_fake${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body)
  })
  return { status: res.status, json: await res.json() }
}

before(async () => {
  let c = new GenericContainer(IMAGE)
    .withEnvironment({ FAKE_BRAZE_CONTROL_TOKEN: TOKEN, FAKE_BRAZE_DB: ':memory:', FAKE_BRAZE_PORT: String(PORT) })
  c = HOST_NETWORK
    // no mapped port to probe: wait for the ready line, then for /health below
    ? c.withNetworkMode('host').withWaitStrategy(Wait.forLogMessage(/fake-braze listening on/))
    : c.withExposedPorts(PORT).withWaitStrategy(Wait.forHttp('/health', PORT).forStatusCode(200))
  container = await c.withStartupTimeout(60_000).start()
  base = HOST_NETWORK ? `http://127.0.0.1:${PORT}` : `http://${container.getHost()}:${container.getMappedPort(PORT)}`
  await waitForHealth(base)
})

after(async () => { await container?.stop({ timeout: 5_000 }) })

test('a workspace provisioned through the control plane takes a Hightouch cohort sync', async () => {
  assert.equal((await control('POST', '/workspaces', { id: 'tc', cluster: 'iad-01' })).status, 201)
  assert.equal((await control('POST', '/workspaces/tc/partners/hightouch/data-import-keys', { key: 'tc-hightouch-key' })).status, 201)
  assert.equal((await control('POST', '/workspaces/tc/users', { users: [{ external_id: 'user-1' }, { external_id: 'user-2' }] })).status, 201)

  // what the code under test would send to Braze's partner endpoint
  const res = await fetch(`${base}/partners/hightouch/cohorts/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      partner_api_key: 'fake-hightouch-us-partner-api-key',
      client_secret: 'tc-hightouch-key',
      cohort_id: 'vip-buyers',
      cohort_changes: [{ user_ids: ['user-1', 'ghost'] }]
    })
  })
  assert.deepEqual([res.status, await res.json()], [201, { message: 'success' }])

  const members = await control('GET', '/workspaces/tc/partners/hightouch/cohorts/vip-buyers/members')
  assert.deepEqual(members.json.members.map((m) => m.external_id), ['user-1'])
})

test('the control plane refuses a caller without the token', async () => {
  const res = await fetch(`${base}/_fake/workspaces`)
  assert.equal(res.status, 401)
})
