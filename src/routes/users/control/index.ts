/** Control plane of the users surface: seeded users and full profiles. */
import type { FastifyPluginAsync } from 'fastify'
import users from './users.js'
import userProfiles from './user-profiles.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(users)
  await app.register(userProfiles)
}

export default surface
