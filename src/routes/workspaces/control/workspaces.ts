/** Control plane: workspaces (Braze creates them in its dashboard). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { CreateWorkspaceSchema, ProvisionedWorkspaceSchema, WorkspaceListSchema, WorkspaceSchema, WorkspaceSettingsSchema } from '../../../schemas/workspaces/control/workspaces.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import { baseUrl } from '../../shared/base-url.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post('/workspaces', {
    schema: {
      tags: ['fake'],
      summary: 'Create a workspace on a cluster', description: 'The first step. A workspace is one Braze app group on one cluster; give it a fixed `id` (the examples use `acme`). With `partners` it also issues a data import key per partner and a REST API key with every permission, and answers with all the credentials a sync needs.',
      body: CreateWorkspaceSchema.nullish(),
      response: { 201: ProvisionedWorkspaceSchema, ...errorResponses(400, 409) }
    }
  }, async (request, reply) => reply.code(201).send(app.services.provisioning.createWorkspace(request.body ?? {}, baseUrl(request))))

  app.get('/workspaces', {
    schema: { tags: ['fake'], summary: 'List workspaces', description: 'Every workspace with its cluster and the `rest_endpoint` that reaches it on this fake.', response: { 200: WorkspaceListSchema } }
  }, async (request) => ({ workspaces: app.services.workspaces.list(baseUrl(request)) }))

  app.get('/workspaces/:workspace_id', {
    schema: { tags: ['fake'], summary: 'Get a workspace', description: 'One workspace with its cluster, real REST host and `rest_endpoint` (the base URL to point a client at).', params: WorkspaceParamsSchema, response: { 200: WorkspaceSchema, ...errorResponses(404) } }
  }, async (request) => app.services.workspaces.get(request.params.workspace_id, baseUrl(request)))

  app.patch('/workspaces/:workspace_id', {
    schema: {
      tags: ['fake'],
      summary: 'Change a workspace\'s Braze-side settings: onboarding date, pricing model, legacy api_key',
      description: 'Only the fields sent change. `onboarded_at` decides whether `/users/export/ids` requires `fields_to_export`, `pricing_model` the /users/track limits and rate-limit headers, `legacy_api_key` whether the `api_key` parameter is accepted.',
      params: WorkspaceParamsSchema,
      body: WorkspaceSettingsSchema,
      response: { 200: WorkspaceSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => app.services.workspaces.updateSettings(request.params.workspace_id, request.body, baseUrl(request)))

  app.delete('/workspaces/:workspace_id', {
    schema: {
      tags: ['fake'],
      summary: 'Delete a workspace and everything in it (keys, users, cohorts); other workspaces are untouched', description: 'Removes the workspace with its keys, users, cohorts, segments, exports, journal entries and fault rules.',
      params: WorkspaceParamsSchema,
      response: { 204: z.undefined(), ...errorResponses(404) }
    }
  }, async (request, reply) => {
    app.services.workspaces.delete(request.params.workspace_id)
    return reply.code(204).send()
  })
}

export default routes
