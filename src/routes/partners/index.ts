/** Braze's partner cohort import: POST /partners/{partner}/cohorts and /cohorts/users. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import cohorts from './cohorts.js'
import cohortUsers from './cohort-users.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, cohorts, cohortUsers)
}

export default surface
