/** Control plane of the segments surface: segments, filters, members, and export downloads. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import segments from './segments.js'
import exports from './exports.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, segments, exports)
}

export default surface
