/** /favicon.ico and /favicon.svg: real images, outside the Braze surface (never journaled). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { buildTestApp, json } from '../helper.js'

test('/favicon.ico is a 16×16 ICO and /favicon.svg an SVG; neither reaches the request journal', async (t) => {
  const app = await buildTestApp(t)
  const ico = await app.inject({ url: '/favicon.ico' })
  assert.equal(ico.statusCode, 200)
  assert.equal(ico.headers['content-type'], 'image/x-icon')
  const bytes = ico.rawPayload
  assert.deepEqual([...bytes.subarray(0, 6)], [0, 0, 1, 0, 1, 0]) // ICONDIR: an icon with one image
  assert.equal(bytes[6], 16)
  assert.equal(bytes.readUInt32LE(14) + 22, bytes.length) // the image fills the rest of the file
  assert.equal(bytes.readUInt16LE(22 + 14), 32) // 32 bits per pixel
  const svg = await app.inject({ url: '/favicon.svg' })
  assert.equal(svg.statusCode, 200)
  assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/)
  assert.match(svg.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  await app.inject({ url: '/segments/list' }) // a Braze call, journaled (the journal is on)
  const journal = json(await app.inject({ url: '/_fake/requests' }))
  assert.ok(journal.requests.some((r: { path: string }) => r.path === '/segments/list'), JSON.stringify(journal).slice(0, 300))
  assert.deepEqual(journal.requests.filter((r: { path: string }) => r.path.startsWith('/favicon')), [])
})

test('Swagger UI links the fake\'s icon', async (t) => {
  const app = await buildTestApp(t, {}, { docs: true })
  const page = await app.inject({ url: '/docs/' })
  const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(page.body)?.[1]
  assert.ok(href !== undefined, page.body.slice(0, 800))
  const icon = await app.inject({ url: `/docs/${href.replace(/^\.\//, '')}` })
  assert.equal(icon.statusCode, 200)
  assert.match(icon.body, /<svg/)
})
