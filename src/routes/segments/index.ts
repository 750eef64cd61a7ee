/** Braze's segment endpoints and the segment export. */
import type { FastifyPluginAsync } from 'fastify'
import list from './list.js'
import details from './details.js'
import dataSeries from './data-series.js'
import exportSegment from './export-segment.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(list)
  await app.register(details)
  await app.register(dataSeries)
  await app.register(exportSegment)
}

export default surface
