/** Control plane of the workspaces surface: workspaces, REST API keys, data points, and reset. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import workspaces from './workspaces.js'
import restApiKeys from './rest-api-keys.js'
import dataPoints from './data-points.js'
import reset from './reset.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, workspaces, restApiKeys, dataPoints, reset)
}

export default surface
