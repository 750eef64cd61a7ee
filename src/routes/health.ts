/** Readiness probe for CI and compose; not part of Braze, not in the OpenAPI document. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', async () => ({ status: 'ok' }))
}

export default routes
