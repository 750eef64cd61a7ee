/** Braze's subscription-group, email-list and SMS-list endpoints. */
import type { FastifyPluginAsync } from 'fastify'
import statusSet from './status-set.js'
import statusGet from './status-get.js'
import email from './email.js'
import sms from './sms.js'

const surface: FastifyPluginAsync = async (app) => {
  await app.register(statusSet)
  await app.register(statusGet)
  await app.register(email)
  await app.register(sms)
}

export default surface
