/** Control plane of the test toolkit (issue 5): journal, faults, clock, rate limits, visibility, seeding. */
import type { FastifyPluginAsync } from 'fastify'
import clock from './toolkit/clock.js'
import faults from './toolkit/faults.js'
import journal from './toolkit/journal.js'
import rateLimits from './toolkit/rate-limits.js'
import seed from './toolkit/seed.js'

const routes: FastifyPluginAsync = async (app) => {
  await app.register(journal)
  await app.register(faults)
  await app.register(clock)
  await app.register(rateLimits)
  await app.register(seed)
}

export default routes
