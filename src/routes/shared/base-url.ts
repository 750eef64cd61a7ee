import type { FastifyRequest } from 'fastify'

/** The URL this fake is reached at, for rest_endpoint values: config wins, else the request's own. */
export function baseUrl (request: FastifyRequest): string {
  return request.server.services.config.publicUrl ?? `${request.protocol}://${request.host}`
}
