/** The vitest example runs inside `npm test` (the node:test example is in the test glob itself). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

test('examples/vitest passes under vitest against the built package', () => {
  if (!existsSync(`${ROOT}dist/bundle/index.mjs`)) spawnSync('npm', ['run', 'build'], { cwd: ROOT })
  const { NODE_TEST_CONTEXT: _, NODE_OPTIONS: __, ...env } = process.env
  const r = spawnSync(process.execPath, [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', '--config', 'examples/vitest/vitest.config.ts'], { cwd: ROOT, env, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
  assert.match(r.stdout, /1 passed/)
})
