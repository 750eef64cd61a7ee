/** Control plane of the users surface: seeded users and full profiles. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import users from './users.js'
import userProfiles from './user-profiles.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, users, userProfiles)
}

export default surface
