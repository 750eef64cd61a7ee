/** Control plane of the toolkit surface: journal, faults, clock, rate limits, visibility, seeding. */
import type { FastifyPluginAsync } from 'fastify'
import clock from './clock.js'
import faults from './faults.js'
import journal from './journal.js'
import rateLimits from './rate-limits.js'
import seed from './seed.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(journal)
  await app.register(faults)
  await app.register(clock)
  await app.register(rateLimits)
  await app.register(seed)
}

export default surface
