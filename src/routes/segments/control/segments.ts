/** Control plane: segments as the Braze dashboard makes them, their members now, and the cohort filter lookup. */
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { PageQuerySchema } from '../../../schemas/shared/common.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import {
  CreateSegmentSchema, PatchSegmentSchema, ReplaceSegmentSchema, SegmentFiltersSchema, SegmentListSchema, SegmentMembersSchema,
  SegmentParamsSchema, SegmentSchema
} from '../../../schemas/segments/control/segments.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const one = { 200: SegmentSchema, ...errorResponses(400, 404) }

  app.get('/workspaces/:workspace_id/segment-filters', {
    schema: {
      tags: ['fake'],
      summary: 'The "<Partner> Cohorts" filters and the cohorts each offers (the dashboard dropdown)',
      description: 'One filter per partner with an active data import key in the workspace.',
      params: WorkspaceParamsSchema,
      response: { 200: SegmentFiltersSchema, ...errorResponses(404) }
    }
  }, async (request) => ({ filters: app.services.segments.filters(request.params.workspace_id) }))

  app.post('/workspaces/:workspace_id/segments', {
    schema: {
      tags: ['fake'],
      summary: 'Create a segment from a filter tree', description: 'Plays the dashboard\'s segment builder. The filter tree combines `<partner>_cohorts` filters (a partner\'s cohorts), custom attributes, subscription states and identifiers with `and`/`or`/`not`; a bad node is a 400 naming its path. The answer holds the filter in words and the current size.',
      params: WorkspaceParamsSchema,
      body: CreateSegmentSchema,
      response: { 201: SegmentSchema, ...errorResponses(400, 404, 409) }
    }
  }, async (request, reply) => reply.code(201).send(app.services.segments.create(request.params.workspace_id, request.body)))

  app.get('/workspaces/:workspace_id/segments', {
    schema: { tags: ['fake'], summary: 'List segments, archived ones included', description: 'Every segment of the workspace with its filter, filter description and current size.', params: WorkspaceParamsSchema, response: { 200: SegmentListSchema, ...errorResponses(404) } }
  }, async (request) => ({ segments: app.services.segments.list(request.params.workspace_id) }))

  app.get('/workspaces/:workspace_id/segments/:segment_id', {
    schema: { tags: ['fake'], summary: 'Get one segment with its current size', description: 'One segment with its filter tree, `filter_description` and the number of users it reaches now.', params: SegmentParamsSchema, response: one }
  }, async (request) => app.services.segments.get(request.params.workspace_id, request.params.segment_id))

  app.patch('/workspaces/:workspace_id/segments/:segment_id', {
    schema: { tags: ['fake'], summary: 'Change some of a segment\'s fields', description: 'Changes only the fields given; the rest keep their values.', params: SegmentParamsSchema, body: PatchSegmentSchema, response: one }
  }, async (request) => app.services.segments.update(request.params.workspace_id, request.params.segment_id, request.body))

  app.put('/workspaces/:workspace_id/segments/:segment_id', {
    schema: { tags: ['fake'], summary: 'Replace a segment\'s fields', description: 'Replaces every field of the segment; fields left out are cleared.', params: SegmentParamsSchema, body: ReplaceSegmentSchema, response: one }
  }, async (request) => {
    const b = request.body
    return app.services.segments.update(request.params.workspace_id, request.params.segment_id, {
      ...b, tags: b.tags ?? [], description: b.description ?? null, analytics_tracking_enabled: b.analytics_tracking_enabled ?? false
    })
  })

  app.post('/workspaces/:workspace_id/segments/:segment_id/archive', {
    schema: { tags: ['fake'], summary: 'Archive a segment: it leaves GET /segments/list', description: 'Archived segments stay readable here and in `/segments/details`, but leave `/segments/list`.', params: SegmentParamsSchema, response: one }
  }, async (request) => app.services.segments.setArchived(request.params.workspace_id, request.params.segment_id, true))

  app.post('/workspaces/:workspace_id/segments/:segment_id/unarchive', {
    schema: { tags: ['fake'], summary: 'Unarchive a segment', description: 'Brings an archived segment back into `/segments/list`.', params: SegmentParamsSchema, response: one }
  }, async (request) => app.services.segments.setArchived(request.params.workspace_id, request.params.segment_id, false))

  app.delete('/workspaces/:workspace_id/segments/:segment_id', {
    schema: { tags: ['fake'], summary: 'Delete a segment, its size history and its exports', description: 'Removes the segment; `/segments/*` then answer as for an unknown segment.', params: SegmentParamsSchema, response: { 204: z.undefined(), ...errorResponses(404) } }
  }, async (request, reply) => {
    app.services.segments.delete(request.params.workspace_id, request.params.segment_id)
    return reply.code(204).send()
  })

  app.get('/workspaces/:workspace_id/segments/:segment_id/members', {
    schema: {
      tags: ['fake'],
      summary: 'Who the segment reaches now: a page of members and the total', description: 'Computed from the current users and cohort memberships: every add and remove a sync has sent counts. Follow `next_cursor` for more.',
      params: SegmentParamsSchema,
      querystring: PageQuerySchema,
      response: { 200: SegmentMembersSchema, ...errorResponses(400, 404) }
    }
  }, async (request) => app.services.segments.members(request.params.workspace_id, request.params.segment_id, request.query))
}

export default routes
