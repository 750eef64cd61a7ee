/** Control plane: load seed files and take snapshots in the same format (openapi/seed.schema.json). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import { SeedFileSchema, SeedResultSchema } from '../../../schemas/toolkit/control/seed.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/seed', {
    schema: {
      tags: ['fake'],
      summary: 'Load workspaces with fixed ids: keys, users with activity, cohorts, segments, data points (all or nothing)', description: 'Loads a seed file (the format of `openapi/seed.schema.json` and of snapshots). All workspaces load or none; a taken id or key is a 409, a bad field a 400 naming its path.',
      body: SeedFileSchema,
      response: { 201: SeedResultSchema, ...errorResponses(400, 409) }
    },
    bodyLimit: 256 * 1024 * 1024
  }, async (request, reply) => reply.code(201).send(app.services.seeds.load(request.body)))

  app.get('/workspaces/:workspace_id/snapshot', {
    schema: {
      tags: ['fake'],
      summary: 'The workspace in the seed format; POST it to /_fake/seed of a fresh server to reproduce it', description: 'Everything of the workspace with every field explicit: keys, users with profile and activity, cohorts with members and lock state, segments with their size history, data point totals.',
      params: WorkspaceParamsSchema,
      response: { 200: SeedFileSchema, ...errorResponses(404) }
    }
  }, async (request) => app.services.seeds.snapshot(request.params.workspace_id))
}

export default routes
