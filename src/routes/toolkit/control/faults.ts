/** Control plane: fault injection rules for the Braze surface. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { CreateFaultSchema, FaultListSchema, FaultParamsSchema, FaultSchema } from '../../../schemas/toolkit/control/toolkit.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/faults', {
    schema: {
      tags: ['fake'],
      summary: 'Inject a fault: a status with a Braze-shaped body, latency, or a dropped connection', description: 'Adds a rule that matches Braze requests by workspace and route and answers them with a status (Braze\'s body and headers), a delay, or a dropped socket; `times` and `probability` (seeded) limit it. Rules are checked in creation order.',
      body: CreateFaultSchema,
      response: { 201: FaultSchema, ...errorResponses(400, 404) }
    }
  }, async (request, reply) => reply.code(201).send(app.services.faults.add(request.body)))

  app.get('/faults', {
    schema: { tags: ['fake'], summary: 'List active fault rules', description: 'The fault rules still in force, with how often each has fired (`injected`) and how many times are left.', response: { 200: FaultListSchema } }
  }, async () => ({ faults: app.services.faults.list() }))

  app.delete('/faults/:id', {
    schema: { tags: ['fake'], summary: 'Delete one fault rule', description: 'Removes the rule with this id (from `POST /_fake/faults`).', params: FaultParamsSchema, response: { 204: z.undefined(), ...errorResponses(404) } }
  }, async (request, reply) => {
    app.services.faults.remove(request.params.id)
    return reply.code(204).send()
  })

  app.delete('/faults', {
    schema: { tags: ['fake'], summary: 'Delete every fault rule', description: 'Removes every fault rule of every workspace.', response: { 204: z.undefined() } }
  }, async (_request, reply) => {
    app.services.faults.clearAll()
    return reply.code(204).send()
  })
}

export default routes
