/**
 * One log line per request (Fastify's own two lines are turned off): method, masked URL,
 * cluster, status and duration. Bodies and headers are never logged.
 */
import fp from 'fastify-plugin'
import { maskUrl } from '../domain/shared/secrets.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** What a Braze-surface request did (matched, ignored, created…), for the request journal. */
    effects?: unknown
  }
}

const WRITES_INFO = new Set(['info', 'debug', 'trace'])

export default fp(async (app) => {
  app.addHook('onResponse', (request, reply, done) => {
    // The level check first: building the line (URL masking) is wasted work when it is not written.
    if (!WRITES_INFO.has(app.log.level)) { done(); return }
    request.log.info({
      method: request.method,
      url: maskUrl(request.originalUrl),
      cluster: request.cluster?.id,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 100) / 100
    }, 'request')
    done()
  })
}, { name: 'request-log' })
