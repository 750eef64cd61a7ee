/** Braze's campaign, Canvas and messaging endpoints. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import exportsRoutes from './exports.js'
import sends from './sends.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, exportsRoutes, sends)
}

export default surface
