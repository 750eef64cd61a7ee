/** Braze's segment endpoints and the segment export. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import list from './list.js'
import details from './details.js'
import dataSeries from './data-series.js'
import exportSegment from './export-segment.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, list, details, dataSeries, exportSegment)
}

export default surface
