import type { TestContext } from 'node:test'
import { Writable } from 'node:stream'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp, type BuildOptions } from '../src/app.js'
import { testConfig, type Env } from '../src/config.js'

/** A fresh app on its own :memory: database, closed when the test ends. */
export async function buildTestApp (t: TestContext, env: Env = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(env), options)
  t.after(() => app.close())
  await app.ready()
  return app
}

/** Collects log lines as parsed JSON objects plus the raw text. */
export function logSink (): { stream: Writable, lines: () => Array<Record<string, unknown>>, text: () => string } {
  let raw = ''
  const stream = new Writable({
    write (chunk, _enc, cb) { raw += String(chunk); cb() }
  })
  return {
    stream,
    text: () => raw,
    lines: () => raw.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>)
  }
}

export async function post (app: FastifyInstance, url: string, payload?: unknown, extra: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url, ...(payload !== undefined && { payload: payload as InjectOptions['payload'] }), ...extra })
}

export function json<T = Record<string, any>> (res: LightMyRequestResponse): T {
  return res.json() as T
}
