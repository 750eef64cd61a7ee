/** Braze's catalog endpoints (braze-reference-messaging §4). */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import catalogs from './catalogs.js'
import items from './items.js'
import item from './item.js'
import fields from './fields.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, catalogs, items, item, fields)
}

export default surface
