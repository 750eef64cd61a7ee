/** Control plane: the request journal of the Braze surface. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { JournalClearQuerySchema, JournalPageSchema, JournalQuerySchema } from '../../../schemas/toolkit/control/toolkit.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/requests', {
    schema: {
      tags: ['fake'],
      summary: 'Requests the Braze surface received, oldest first, with what each did (secrets masked)', description: 'The request journal: every Braze request with status, message, duration, injected fault, `effects` (what it changed) and the body with secrets masked. Every filter given must match; follow `next_cursor` for more.',
      querystring: JournalQuerySchema,
      response: { 200: JournalPageSchema, ...errorResponses(400) }
    }
  }, async (request) => app.services.journal.query(request.query))

  app.delete('/requests', {
    schema: {
      tags: ['fake'],
      summary: 'Clear the journal of one workspace (or all of it)', description: 'Deletes the journal entries of `workspace_id`, or every entry when it is absent.',
      querystring: JournalClearQuerySchema,
      response: { 204: z.undefined() }
    }
  }, async (request, reply) => {
    app.services.journal.clear(request.query.workspace_id)
    return reply.code(204).send()
  })
}

export default routes
