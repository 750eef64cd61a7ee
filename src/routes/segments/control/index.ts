/** Control plane of the segments surface: segments, filters, members, and export downloads. */
import type { FastifyPluginAsync } from 'fastify'
import segments from './segments.js'
import exports from './exports.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(segments)
  await app.register(exports)
}

export default surface
