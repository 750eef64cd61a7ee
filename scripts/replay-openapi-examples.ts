/**
 * Replays the documented examples (src/plugins/openapi-examples.ts) in order against an app, as
 * Swagger UI's "Try it out" would send them. Used by `npm run openapi` to record the answers and by
 * test/openapi.test.ts to check that each example still answers its documented status.
 */
import type { FastifyInstance } from 'fastify'
import { EXAMPLE_REST_API_KEY, EXAMPLE_WORKSPACE, resolveRefs, type OperationExample } from '../src/plugins/openapi-examples.js'

export interface ReplayedExample {
  readonly example: OperationExample
  readonly url: string
  readonly status: number
  readonly contentType: string
  readonly body: unknown
}

export function exampleUrl (example: OperationExample, answers: ReadonlyMap<string, unknown>): string {
  let path = example.op.slice(example.op.indexOf(' ') + 1)
  const answerOf = (op: string): unknown => answers.get(op)
  for (const [name, value] of Object.entries(example.params ?? {})) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(resolveRefs(value, answerOf))))
  }
  const qs = new URLSearchParams(Object.entries(example.query ?? {}).map(([k, v]): [string, string] => [k, String(resolveRefs(v, answerOf))])).toString()
  return qs === '' ? path : `${path}?${qs}`
}

/** Waits for segment exports (asynchronous) before downloading them, like a user would. */
async function settle (app: FastifyInstance, example: OperationExample): Promise<void> {
  if (!example.op.startsWith('GET /_fake/exports/')) return
  for (let i = 0; i < 100; i++) {
    const list = await app.inject({ url: `/_fake/workspaces/${EXAMPLE_WORKSPACE}/segment-exports` })
    const exports = (list.json() as { exports?: Array<{ status: string }> }).exports ?? []
    if (exports.every((e) => e.status !== 'running')) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export async function replayExamples (app: FastifyInstance, examples: readonly OperationExample[]): Promise<ReplayedExample[]> {
  const answers = new Map<string, unknown>()
  const out: ReplayedExample[] = []
  for (const example of examples) {
    await settle(app, example)
    const url = exampleUrl(example, answers)
    const method = example.op.slice(0, example.op.indexOf(' ')) as 'GET'
    const res = await app.inject({
      method,
      url,
      headers: {
        ...(example.rest === true && { authorization: `Bearer ${EXAMPLE_REST_API_KEY}` }),
        ...(example.body !== undefined && { 'content-type': 'application/json' })
      },
      ...(example.body !== undefined && { payload: JSON.stringify(resolveRefs(example.body, (op) => answers.get(op))) })
    })
    const contentType = String(res.headers['content-type'] ?? '')
    const body: unknown = contentType.startsWith('application/json') && res.body !== '' ? res.json() : undefined
    answers.set(example.op, body)
    out.push({ example, url, status: res.statusCode, contentType, body })
  }
  return out
}
