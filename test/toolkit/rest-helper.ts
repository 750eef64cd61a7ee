/**
 * Apps with a REST route for toolkit tests. The REST endpoints are built on other branches; when
 * this branch has no `POST /users/track`, a minimal stand-in is registered behind the real
 * requireRestKey hook, so the generic mechanisms (journal, faults, rate limits) are tested on a
 * REST route. Assertions only use what the real endpoint also does (2xx, headers, 401/429).
 */
import type { TestContext } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildOptions } from '../../src/app.js'
import { testConfig, type Env } from '../../src/config.js'
import { requireRestKey } from '../../src/routes/rest-authenticate.js'

export async function buildRestApp (t: TestContext, env: Env = {}, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(env), options)
  t.after(() => app.close())
  if (!app.hasRoute({ method: 'POST', url: '/users/track' })) {
    app.post('/users/track', { preValidation: requireRestKey('users.track') }, async (request, reply) => {
      request.effects = { stand_in: true }
      return reply.code(201).send({ message: 'success' })
    })
  }
  await app.ready()
  return app
}

export const TRACK_BODY = { attributes: [{ external_id: 'user-1', plan: 'pro' }] }

export async function track (app: FastifyInstance, key: string, extra: Record<string, string> = {}) {
  return app.inject({ method: 'POST', url: '/users/track', headers: { authorization: `Bearer ${key}`, ...extra }, payload: TRACK_BODY })
}
