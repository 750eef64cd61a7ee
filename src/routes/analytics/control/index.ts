/** Control plane of the analytics surface: News Feed cards. */
import type { FastifyPluginAsync } from 'fastify'
import feedCards from './feed-cards.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(feedCards)
}

export default surface
