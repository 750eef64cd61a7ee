/** Control plane of the subscriptions surface: groups as the dashboard makes them, and provider events. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import groups from './subscription-groups.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, groups)
}

export default surface
