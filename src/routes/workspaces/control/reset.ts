/** Control plane: wipe all state (moto's /moto-api/reset), for a clean slate between test runs. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/reset', {
    schema: { tags: ['fake'], summary: 'Delete every workspace, key, user and cohort', description: 'Clears everything: workspaces and all their data, the journal, fault rules, rate-limit settings, the visibility delay and the clock. Run it to start the examples again from the top.', response: { 204: z.undefined() } }
  }, async (_request, reply) => {
    app.services.workspaces.reset()
    return reply.code(204).send()
  })
}

export default routes
