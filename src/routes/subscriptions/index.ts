/** Braze's subscription-group, email-list and SMS-list endpoints. */
import type { FastifyPluginAsync } from 'fastify'
import { addRoutes } from '../shared/add-routes.js'
import statusSet from './status-set.js'
import statusGet from './status-get.js'
import email from './email.js'
import sms from './sms.js'

const surface: FastifyPluginAsync = async (app) => {
  await addRoutes(app, statusSet, statusGet, email, sms)
}

export default surface
