/** Control plane of the messaging surface: campaigns, Canvases, "Send now" and the outbox. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import messaging from './messaging.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, messaging)
}

export default surface
