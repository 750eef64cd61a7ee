/** Braze's Export analytics: custom event, KPI, session and purchase series, and the News Feed card exports. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import series from './series.js'
import feed from './feed.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, series, feed)
}

export default surface
