/** Control plane: seed users directly into the user store that cohort import matches. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import { SeedUsersRequestSchema, SeededUsersSchema } from '../../../schemas/users/control/users.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/workspaces/:workspace_id/users', {
    schema: {
      tags: ['fake'],
      summary: 'Seed users (all or none); a user without external_id is anonymous', description: 'Creates users that already exist in Braze (cohort import never creates users). Fields are stored verbatim; `profile` holds standard fields keyed as `/users/export/ids` names them. A taken identifier is a 409 and nothing is written.',
      params: WorkspaceParamsSchema,
      body: SeedUsersRequestSchema,
      response: { 201: SeededUsersSchema, ...errorResponses(400, 404, 409) }
    },
    // The 201 echoes up to 10,000 users that the service builds field by field in SeededUserSchema's
    // order from a body the schema has just validated; encoding them through zod again cost ~8 µs a
    // user (a fifth of the request) and changes no byte (test/routes/users/control-seed-users.test.ts).
    serializerCompiler: (route) => route.httpStatus === '201' ? (data: unknown) => JSON.stringify(data) : serializerCompiler(route as unknown as Parameters<typeof serializerCompiler>[0])
  }, async (request, reply) => reply.code(201).send({ users: app.services.users.seed(request.params.workspace_id, request.body.users) }))
}

export default routes
