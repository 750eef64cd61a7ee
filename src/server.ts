/**
 * Listening: buildApp(config) plus listen, returning the URL and a close() that also closes
 * the database. Kept apart from app.ts so tests can use inject without a socket.
 */
import type { FastifyInstance } from 'fastify'
import { buildApp, type BuildOptions } from './app.js'
import { ConfigError, type Config } from './config.js'
import { checkExposure } from './domain/shared/exposure.js'

export interface RunningServer {
  readonly app: FastifyInstance
  /** e.g. http://127.0.0.1:4000 */
  readonly url: string
  close: () => Promise<void>
}

export async function startServer (config: Config, options: BuildOptions = {}): Promise<RunningServer> {
  const exposure = checkExposure(config)
  if (exposure.refusal !== undefined) throw new ConfigError(exposure.refusal)
  const app = await buildApp(config, options)
  if (exposure.warning !== undefined) app.log.warn({ host: config.host }, exposure.warning)
  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    await app.close()
    throw err
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address !== null ? address.port : config.port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, close: async () => { await app.close() } }
}
