/** Braze's catalog endpoints (braze-reference-messaging §4). */
import type { FastifyPluginAsync } from 'fastify'
import catalogs from './catalogs.js'
import items from './items.js'
import item from './item.js'
import fields from './fields.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(catalogs)
  await app.register(items)
  await app.register(item)
  await app.register(fields)
}

export default surface
