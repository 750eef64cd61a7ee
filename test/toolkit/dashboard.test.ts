import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { buildTestApp } from '../helper.js'
import errorHandler from '../../src/plugins/error-handler.js'
import dashboard from '../../src/plugins/dashboard.js'
import { loadConfig } from '../../src/config.js'
import { startFakeBraze } from '../../src/start.js'

test('/dashboard serves the built page, its script and stylesheet, with their content types', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_DASHBOARD: 'true' })
  const redirect = await app.inject({ url: '/dashboard' })
  assert.equal(redirect.statusCode, 302)
  assert.equal(redirect.headers.location, '/dashboard/')
  const page = await app.inject({ url: '/dashboard/' })
  assert.equal(page.statusCode, 200, page.body)
  assert.match(String(page.headers['content-type']), /^text\/html/)
  assert.match(page.body, /<script type="module" src="app.js">/)
  const js = await app.inject({ url: '/dashboard/app.js' })
  assert.equal(js.statusCode, 200)
  assert.match(String(js.headers['content-type']), /^text\/javascript/)
  // Offline: the bundle names no other host to load code from.
  assert.doesNotMatch(js.body, /https?:\/\/(unpkg|cdn|esm\.sh|fonts\.)/)
  const css = await app.inject({ url: '/dashboard/app.css' })
  assert.match(String(css.headers['content-type']), /^text\/css/)
})

test('--no-dashboard (FAKE_BRAZE_DASHBOARD=false) leaves /dashboard a Braze 404', async (t) => {
  const app = await buildTestApp(t, { FAKE_BRAZE_DASHBOARD: 'false' })
  const res = await app.inject({ url: '/dashboard/' })
  assert.equal(res.statusCode, 404)
  assert.deepEqual(res.json(), { message: 'Invalid URL' })
})

test('a dashboard that was never built answers a JSON 503 that says how to build it', async (t) => {
  const app = Fastify()
  t.after(() => app.close())
  await app.register(errorHandler, { bodyLimit: 1024 * 1024 })
  const empty = mkdtempSync(join(tmpdir(), 'no-dashboard-'))
  writeFileSync(join(empty, 'index.html'), '<!doctype html>') // app.js missing: a half-built folder counts as unbuilt
  await app.register(dashboard, { dir: `${empty}/` })
  const res = await app.inject({ url: '/dashboard/' })
  assert.equal(res.statusCode, 503)
  assert.deepEqual(res.json(), { message: 'The dashboard is not built: run `npm run build` (it writes dist/dashboard/)' })
})

test('the dashboard is on for `serve` by default and off for startFakeBraze() unless asked', async (t) => {
  assert.equal(loadConfig({}).dashboard, true)
  assert.equal(loadConfig({ FAKE_BRAZE_DASHBOARD: 'off' }).dashboard, false)
  const plain = await startFakeBraze()
  t.after(() => plain.close())
  assert.equal((await fetch(`${plain.url}/dashboard/`)).status, 404)
  const withDashboard = await startFakeBraze({ dashboard: true })
  t.after(() => withDashboard.close())
  assert.equal((await fetch(`${withDashboard.url}/dashboard/`)).status, 200)
})

test('with --control-token the page loads (it holds no data) but every /_fake call it makes needs the token', async (t) => {
  const token = 'dashboard-control-token-0123456789'
  const app = await buildTestApp(t, { FAKE_BRAZE_DASHBOARD: 'true', FAKE_BRAZE_CONTROL_TOKEN: token })
  assert.equal((await app.inject({ url: '/dashboard/' })).statusCode, 200)
  assert.equal((await app.inject({ url: '/dashboard/app.js' })).statusCode, 200)
  assert.equal((await app.inject({ url: '/_fake/workspaces' })).statusCode, 401)
  assert.equal((await app.inject({ url: '/_fake/workspaces', headers: { authorization: `Bearer ${token}` } })).statusCode, 200)
})
