/** Control plane: running data point totals per workspace (see COVERAGE.md for the counting rules). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { DataPointTotalsSchema } from '../../../schemas/workspaces/control/data-points.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspaces/:workspace_id/data-points', {
    schema: {
      tags: ['fake'],
      summary: 'Billable data points logged so far, per source and kind, as Braze counts them', description: 'Data points counted since the workspace was created: one per billable attribute key, custom event and purchased unit sent to `/users/track`, and one per user a partner cohort call adds or removes.',
      params: WorkspaceParamsSchema,
      response: { 200: DataPointTotalsSchema, ...errorResponses(404) }
    }
  }, async (request) => app.services.dataPoints.totals(request.params.workspace_id))
}

export default routes
