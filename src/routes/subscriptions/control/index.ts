/** Control plane of the subscriptions surface: groups as the dashboard makes them, and provider events. */
import type { FastifyPluginAsync } from 'fastify'
import groups from './subscription-groups.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(groups)
}

export default surface
