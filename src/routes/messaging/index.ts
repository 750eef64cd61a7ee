/** Braze's campaign, Canvas and messaging endpoints. */
import type { FastifyPluginAsync } from 'fastify'
import exportsRoutes from './exports.js'
import sends from './sends.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(exportsRoutes)
  await app.register(sends)
}

export default surface
