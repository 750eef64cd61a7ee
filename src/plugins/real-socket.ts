/**
 * Whether a request came over a real connection. inject() has none: light-my-request's stand-in
 * is no net.Socket (and only its newer releases mark the response), so there is nothing to destroy
 * or drain.
 */
import { Socket } from 'node:net'
import type { FastifyRequest } from 'fastify'

export const realSocket = (request: FastifyRequest): Socket | undefined => {
  const socket = request.raw.socket as unknown
  return socket instanceof Socket ? socket : undefined
}
