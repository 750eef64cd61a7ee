/** Control plane of the analytics surface: News Feed cards. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import feedCards from './feed-cards.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, feedCards)
}

export default surface
