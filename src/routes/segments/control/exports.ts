/**
 * Download URLs of /users/export/segment: fake-braze stands in for the S3 link Braze returns when
 * the company has no bucket of its own. Like a pre-signed URL it needs no key.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorResponses } from '../../../schemas/shared/common.js'
import { ExportFileParamsSchema, SegmentExportListSchema } from '../../../schemas/segments/control/segments.js'
import { WorkspaceParamsSchema } from '../../../schemas/shared/common.js'

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workspaces/:workspace_id/segment-exports', {
    schema: {
      tags: ['fake'],
      summary: 'A workspace\'s /users/export/segment jobs, newest first, with their status and any callback error', description: 'Each export job with `status` (running, done, failed), `user_count`, and the error of its `callback_endpoint` call, if any.',
      params: WorkspaceParamsSchema,
      response: { 200: SegmentExportListSchema, ...errorResponses(404) }
    }
  }, async (request) => ({ exports: app.services.segmentExports.list(request.params.workspace_id) }))

  app.get('/exports/:file', {
    schema: {
      tags: ['fake'],
      summary: 'Download a finished segment export (zip of newline-delimited user objects, 5,000 users per file)',
      description: '404 until the export is ready.',
      params: ExportFileParamsSchema,
      response: { 200: z.any().meta({ description: 'The zip file: newline-delimited user objects, 5,000 users per file', contentMediaType: 'application/zip' }), ...errorResponses(404) }
    }
  }, async (request, reply) => {
    const zip = app.services.segmentExports.download(request.params.file)
    return reply.type('application/zip').header('content-disposition', `attachment; filename="${request.params.file}"`).send(zip)
  })
}

export default routes
