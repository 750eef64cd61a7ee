/**
 * The layer and surface rules of src/ (.dependency-cruiser.cjs, README "Layout") run inside npm test:
 * a lower layer importing a higher one, a route importing a repository, or a surface reaching into
 * another surface's internals fails here with the offending import named.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { cruise, type ICruiseResult } from 'dependency-cruiser'

const require = createRequire(import.meta.url)

test('src/ keeps the layer and surface rules of .dependency-cruiser.cjs', async () => {
  const config = require('../../.dependency-cruiser.cjs')
  const result = await cruise(['src'], { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true })
  const output = result.output as ICruiseResult
  const violations = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)
  assert.deepEqual(violations, [])
  // A rule set that matched nothing would pass vacuously: make sure the graph was really walked.
  assert.ok(output.summary.totalCruised > 150, `only ${output.summary.totalCruised} modules cruised`)
})
