/** Control plane of the toolkit surface: journal, faults, clock, rate limits, visibility, seeding. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import clock from './clock.js'
import faults from './faults.js'
import journal from './journal.js'
import rateLimits from './rate-limits.js'
import seed from './seed.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, journal, faults, clock, rateLimits, seed)
}

export default surface
