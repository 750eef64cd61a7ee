/** Control plane of the workspaces surface: workspaces, REST API keys, data points, and reset. */
import type { FastifyPluginAsync } from 'fastify'
import workspaces from './workspaces.js'
import restApiKeys from './rest-api-keys.js'
import dataPoints from './data-points.js'
import reset from './reset.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(workspaces)
  await app.register(restApiKeys)
  await app.register(dataPoints)
  await app.register(reset)
}

export default surface
