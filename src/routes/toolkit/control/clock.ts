/** Control plane: the fake's clock and the eventual-consistency delay of exports. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { ClockCommandSchema, ClockSchema, VisibilitySchema } from '../../../schemas/toolkit/control/toolkit.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/clock', {
    schema: { tags: ['fake'], summary: 'The fake\'s current time and whether it is frozen', description: 'The time every timestamp the fake writes comes from.', response: { 200: ClockSchema } }
  }, async () => app.services.clockControl.state())

  app.post('/clock', {
    schema: {
      tags: ['fake'],
      summary: 'Set, advance or freeze the clock every timestamp (and rate-limit window) follows', description: '`set` jumps to a time, `advance_ms` moves forward, `freeze` stops or restarts time. Workspaces, users, cohorts, the journal and rate-limit windows all follow this clock.',
      body: ClockCommandSchema,
      response: { 200: ClockSchema, ...errorResponses(400, 409) }
    }
  }, async (request) => app.services.clockControl.command(request.body))

  app.delete('/clock', {
    schema: { tags: ['fake'], summary: 'Back to system time, running', description: 'Undoes every clock change.', response: { 200: ClockSchema, ...errorResponses(409) } }
  }, async () => app.services.clockControl.reset())

  app.get('/visibility', {
    schema: { tags: ['fake'], summary: 'Delay before writes become visible to export endpoints', description: 'The eventual-consistency delay `/users/export/ids` and `/users/export/segment` apply to newly written users.', response: { 200: VisibilitySchema } }
  }, async () => ({ delay_ms: app.services.visibility.delayMs() }))

  app.put('/visibility', {
    schema: {
      tags: ['fake'],
      summary: 'Set the delay before writes become visible to export endpoints (eventual consistency)', description: 'Users written within `delay_ms` are not found by export endpoints yet, like Braze\'s eventual consistency. `0` turns it off.',
      body: VisibilitySchema,
      response: { 200: VisibilitySchema, ...errorResponses(400) }
    }
  }, async (request) => {
    app.services.visibility.setDelay(request.body.delay_ms)
    return { delay_ms: app.services.visibility.delayMs() }
  })
}

export default routes
