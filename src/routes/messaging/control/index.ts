/** Control plane of the messaging surface: campaigns, Canvases, "Send now" and the outbox. */
import type { FastifyPluginAsync } from 'fastify'
import messaging from './messaging.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(messaging)
}

export default surface
