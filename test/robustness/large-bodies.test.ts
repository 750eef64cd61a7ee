/**
 * A body over the limit always gets its 413 as JSON over a real socket, never a reset: the server
 * reads and discards the rest of the body before it answers (issue 13). Repeated, because the
 * reset was intermittent.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { testConfig } from '../../src/config.js'
import { startServer } from '../../src/server.js'

function send (url: string, size: number, chunked: boolean, path = '/partners/hightouch/cohorts/users'): Promise<{ status: number, body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, url)
    const req = request({
      host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-key', ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(size) }) }
    }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => { body += c })
      res.on('end', () => resolve({ status: res.statusCode!, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
    // written in 64 KiB pieces, as a client streams a big body
    const piece = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const pump = (): void => {
      while (sent < size) {
        const n = Math.min(piece.length, size - sent)
        sent += n
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) { req.once('drain', pump); return }
      }
      req.end()
    }
    pump()
  })
}

test('a 10 MB body gets 413 JSON every time over real sockets (Content-Length and chunked), never a connection reset', async (t) => {
  const server = await startServer(testConfig(), { docs: false })
  t.after(() => server.close())
  const expected = { message: 'Request body is larger than 1048576 bytes' }
  for (let round = 0; round < 4; round++) {
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => send(server.url, 10 * 1024 * 1024, i % 2 === 1)))
    for (const [i, r] of results.entries()) {
      const what = `round ${round}, request ${i} (${i % 2 === 1 ? 'chunked' : 'content-length'})`
      assert.equal(r.status, 'fulfilled', `${what}: ${r.status === 'rejected' ? String(r.reason) : ''}`)
      if (r.status !== 'fulfilled') continue
      assert.equal(r.value.status, 413, what)
      assert.deepEqual(JSON.parse(r.value.body), expected, what)
    }
  }
  // the server still answers normally afterwards
  assert.equal((await fetch(`${server.url}/health`)).status, 200)
})

test('the 413 holds on every surface (REST key routes, partner routes, the control plane), chunked or not, round after round', async (t) => {
  const server = await startServer(testConfig(), { docs: false })
  t.after(() => server.close())
  const paths = ['/users/track', '/campaigns/trigger/send', '/partners/hightouch/cohorts', '/_fake/workspaces']
  for (let round = 0; round < 3; round++) {
    const runs = paths.flatMap((path) => [false, true].map((chunked) => ({ path, chunked })))
    const results = await Promise.allSettled(runs.map(({ path, chunked }) => send(server.url, 10 * 1024 * 1024, chunked, path)))
    for (const [i, r] of results.entries()) {
      const what = `round ${round}, ${runs[i]!.path} (${runs[i]!.chunked ? 'chunked' : 'content-length'})`
      assert.equal(r.status, 'fulfilled', `${what}: ${r.status === 'rejected' ? String(r.reason) : ''}`)
      if (r.status !== 'fulfilled') continue
      assert.equal(r.value.status, 413, what)
      assert.deepEqual(JSON.parse(r.value.body), { message: 'Request body is larger than 1048576 bytes' }, what)
    }
  }
})
