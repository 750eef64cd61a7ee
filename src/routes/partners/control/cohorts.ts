/** Control plane: the cohorts a workspace holds (what a "<Partner> Cohorts" filter offers) and their members. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses, PageQuerySchema, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import {
  CohortListQuerySchema, CohortListSchema, LockCohortSchema, CohortMembersSchema, CohortParamsSchema, CohortSchema
} from '../../../schemas/partners/control/partners.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspaces/:workspace_id/cohorts', {
    schema: {
      tags: ['fake'],
      summary: 'List cohorts, optionally of one partner', description: 'The workspace\'s partner cohorts with name, member count and lock state: what a `<Partner> Cohorts` filter offers.',
      params: WorkspaceParamsSchema,
      querystring: CohortListQuerySchema,
      response: { 200: CohortListSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => ({ cohorts: app.services.cohorts.list(request.params.workspace_id, request.query.partner) }))

  app.get('/workspaces/:workspace_id/partners/:partner/cohorts/:cohort_id', {
    schema: {
      tags: ['fake'],
      summary: 'Get one cohort', description: 'One cohort with its name, whether the partner named it, member count and lock state.',
      params: CohortParamsSchema,
      response: { 200: CohortSchema, ...errorResponses(404) }
    }
  }, async (request) => {
    const { workspace_id: ws, partner, cohort_id: id } = request.params
    return app.services.cohorts.get(ws, partner, id)
  })

  app.get('/workspaces/:workspace_id/partners/:partner/cohorts/:cohort_id/members', {
    schema: {
      tags: ['fake'],
      summary: 'Page through a cohort\'s current members', description: 'The users in the cohort now, with their identifiers and when they were added. Follow `next_cursor` for more.',
      params: CohortParamsSchema,
      querystring: PageQuerySchema,
      response: { 200: CohortMembersSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const { workspace_id: ws, partner, cohort_id: id } = request.params
    return app.services.cohorts.members(ws, partner, id, request.query)
  })

  app.post('/workspaces/:workspace_id/partners/:partner/cohorts/:cohort_id/lock', {
    schema: {
      tags: ['fake'],
      summary: 'Lock a cohort: partner writes to it get 423 "Resource locked"', description: 'Partner writes to the cohort answer `423 Resource locked` for the next `writes` requests, or until unlocked.',
      params: CohortParamsSchema,
      body: LockCohortSchema.nullish(),
      response: { 200: CohortSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const { workspace_id: ws, partner, cohort_id: id } = request.params
    return app.services.cohorts.lock(ws, partner, id, request.body?.writes)
  })

  app.delete('/workspaces/:workspace_id/partners/:partner/cohorts/:cohort_id/lock', {
    schema: { tags: ['fake'], summary: 'Unlock a cohort', description: 'Partner writes to the cohort work again.', params: CohortParamsSchema, response: { 200: CohortSchema, ...errorResponses(404) } }
  }, async (request) => {
    const { workspace_id: ws, partner, cohort_id: id } = request.params
    return app.services.cohorts.unlock(ws, partner, id)
  })
}

export default routes
