/** Toolkit tests exercise the generic mechanisms (journal, faults, rate limits) on the real /users/track. */
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildOptions } from '../../src/app.js'
import { testConfig, type Env } from '../../src/config.js'

export async function buildRestApp (t: TestContext, env: Env = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(env), options)
  t.after(() => app.close())
  await app.ready()
  return app
}

export const TRACK_BODY = { attributes: [{ external_id: 'user-1', plan: 'pro' }] }

export async function track (app: FastifyInstance, key: string, extra: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/users/track', headers: { authorization: `Bearer ${key}`, ...extra }, payload: TRACK_BODY })
}
