/**
 * The built package as consumers get it: `npm test` builds first (pretest), then these import
 * `fake-braze` by name (package self-reference through `exports`) from ESM and CommonJS.
 */
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

before(() => {
  if (!existsSync(`${ROOT}dist/index.js`)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' })
})

function runNode (args: string[]): Record<string, unknown> {
  const { NODE_OPTIONS: _, ...env } = process.env
  const out = execFileSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>
}

const SCRIPT = `
  const braze = await startFakeBraze()
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  const res = await fetch(ws.rest_endpoint + '/partners/hightouch/cohorts/users', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner_api_key: ws.partner_api_keys.hightouch.current, client_secret: ws.data_import_keys.hightouch, cohort_id: 'c', cohort_changes: [] }) })
  const journal = await braze.control.requests({ workspace_id: ws.id })
  await braze.close()
  console.log(JSON.stringify({ status: res.status, journal: journal.length, url: braze.url }))
`

test('the built package imports from ESM by name and runs a fake', () => {
  const r = runNode(['--input-type=module', '-e', `import { startFakeBraze, createControlClient } from 'fake-braze'\nif (typeof createControlClient !== 'function') throw new Error('no client')\n${SCRIPT}`])
  assert.equal(r.status, 201)
  assert.equal(r.journal, 1)
  assert.match(String(r.url), /^http:\/\/127\.0\.0\.1:\d+$/)
})

test('the built package requires from CommonJS by name and runs a fake', () => {
  const r = runNode(['-e', `const { startFakeBraze, load } = require('fake-braze');\n(async () => {\nif (typeof (await load()).createControlClient !== 'function') throw new Error('no client')\n${SCRIPT}\n})().catch((e) => { console.error(e); process.exit(1) })`])
  assert.equal(r.status, 201)
  assert.equal(r.journal, 1)
})

test('package.json exports types and both conditions, and the declarations exist', () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
  assert.deepEqual(pkg.exports['.'], {
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './cjs/index.d.cts', default: './cjs/index.cjs' }
  })
  assert.match(readFileSync(`${ROOT}dist/index.d.ts`, 'utf8'), /startFakeBraze/)
  assert.match(readFileSync(`${ROOT}dist/client/types.d.ts`, 'utf8'), /type ProvisionedWorkspace =/)
  assert.match(readFileSync(`${ROOT}cjs/index.d.cts`, 'utf8'), /startFakeBraze/)
})
