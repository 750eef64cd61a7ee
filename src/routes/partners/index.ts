/** Braze's partner cohort import: POST /partners/{partner}/cohorts and /cohorts/users. */
import type { FastifyPluginAsync } from 'fastify'
import cohorts from './cohorts.js'
import cohortUsers from './cohort-users.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(cohorts)
  await app.register(cohortUsers)
}

export default surface
