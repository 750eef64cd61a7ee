/**
 * Records the answer of every documented example (src/plugins/openapi-examples.ts) on a fresh app
 * whose clock is frozen at 2026-11-28T12:00:00Z, into openapi/example-responses.json (read by
 * src/plugins/swagger.ts when it builds the document). Part of `npm run openapi`; run it after
 * changing a route's answer or an example. test/openapi.test.ts fails when the JSON drifts.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'
import { createControllableClock } from '../src/domain/shared/clock.js'
import { OPERATION_EXAMPLES } from '../src/plugins/openapi-examples.js'
import { EXAMPLE_RESPONSES_PATH } from '../src/plugins/swagger.js'
import { replayExamples } from './replay-openapi-examples.js'

export { EXAMPLE_RESPONSES_PATH }

/** The file's text, or the examples that did not answer as documented. */
export async function recordExampleResponses (): Promise<{ json: string } | { failed: string[] }> {
  const clock = createControllableClock()
  const app = await buildApp(testConfig({ FAKE_BRAZE_PUBLIC_URL: 'http://127.0.0.1:4000' }), { clock, docs: false })
  try {
    await app.ready()
    await app.inject({ method: 'POST', url: '/_fake/clock', payload: { set: '2026-11-28T12:00:00Z', freeze: true } })
    const replayed = await replayExamples(app, OPERATION_EXAMPLES)
    const failed = replayed.filter((r) => r.status !== r.example.status)
    if (failed.length > 0) return { failed: failed.map((f) => `${f.example.op} (${f.url}) answered ${f.status}, documented ${f.example.status}: ${JSON.stringify(f.body)}`) }
    const responses = Object.fromEntries(replayed.map((r) => [r.example.op, { status: r.status, ...(r.body !== undefined && { body: r.body }) }]))
    return { json: JSON.stringify(responses, null, 2) + '\n' }
  } finally {
    await app.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const recorded = await recordExampleResponses()
  if ('failed' in recorded) {
    for (const line of recorded.failed) process.stderr.write(line + '\n')
    process.exitCode = 1
  } else {
    writeFileSync(EXAMPLE_RESPONSES_PATH, recorded.json)
    process.stdout.write(`wrote ${EXAMPLE_RESPONSES_PATH}\n`)
  }
}
