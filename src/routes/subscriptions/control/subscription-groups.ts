/** Control plane: a workspace's subscription groups (Audience → Subscriptions in the dashboard) and deliverability events. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses, WorkspaceParamsSchema } from '../../../schemas/shared/common.js'
import {
  CreateSubscriptionGroupSchema, DeliverabilityEventsSchema, DeliverabilityResultSchema, SubscriptionGroupListSchema, SubscriptionGroupParamsSchema, SubscriptionGroupSchema
} from '../../../schemas/subscriptions/control/subscription-groups.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  const subs = app.services.subscriptions

  app.post('/workspaces/:workspace_id/subscription-groups', {
    schema: {
      tags: ['fake'],
      summary: 'Create a subscription group (email, SMS or WhatsApp)',
      description: 'The id is a UUID, generated when absent. At most 350 groups per workspace.',
      params: WorkspaceParamsSchema,
      body: CreateSubscriptionGroupSchema,
      response: { 201: SubscriptionGroupSchema, ...errorResponses(400, 404, 409) }
    }
  }, async (request, reply) => reply.code(201).send(subs.createGroup(request.params.workspace_id, request.body)))

  app.get('/workspaces/:workspace_id/subscription-groups', {
    schema: { tags: ['fake'], summary: 'List subscription groups, archived ones included', description: 'Every group of the workspace in creation order; archived groups carry `archived_at`.', params: WorkspaceParamsSchema, response: { 200: SubscriptionGroupListSchema, ...errorResponses(404) } }
  }, async (request) => ({ subscription_groups: subs.listGroups(request.params.workspace_id) }))

  app.get('/workspaces/:workspace_id/subscription-groups/:group_id', {
    schema: { tags: ['fake'], summary: 'Get one subscription group', description: 'The group\'s name, channel and dates; 404 names an unknown group.', params: SubscriptionGroupParamsSchema, response: { 200: SubscriptionGroupSchema, ...errorResponses(404) } }
  }, async (request) => subs.getGroup(request.params.workspace_id, request.params.group_id))

  app.delete('/workspaces/:workspace_id/subscription-groups/:group_id', {
    schema: {
      tags: ['fake'],
      summary: 'Archive a subscription group',
      description: 'Members keep their states; state changes for the group are no longer processed (Braze never deletes groups).',
      params: SubscriptionGroupParamsSchema,
      response: { 200: SubscriptionGroupSchema, ...errorResponses(404) }
    }
  }, async (request) => subs.archiveGroup(request.params.workspace_id, request.params.group_id))

  app.post('/workspaces/:workspace_id/deliverability-events', {
    schema: {
      tags: ['fake'],
      summary: 'Report hard bounces, spam complaints and invalid phone numbers, as a provider would',
      description: 'Marks the addresses and numbers as an email or SMS provider\'s callbacks would: they show up in `/email/hard_bounces` and `/sms/invalid_phone_numbers` and sends skip them. The answer counts each kind.',
      params: WorkspaceParamsSchema,
      body: DeliverabilityEventsSchema,
      response: { 201: DeliverabilityResultSchema, ...errorResponses(400, 404) }
    }
  }, async (request, reply) => reply.code(201).send(subs.deliverabilityEvents(request.params.workspace_id, request.body)))
}

export default routes
