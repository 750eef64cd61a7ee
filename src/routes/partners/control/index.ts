/** Control plane of the partners surface: partner slugs, data import keys, cohorts and their members. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../../shared/add-routes.js'
import partners from './partners.js'
import dataImportKeys from './data-import-keys.js'
import cohorts from './cohorts.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, partners, dataImportKeys, cohorts)
}

export default surface
