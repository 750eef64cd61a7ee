/**
 * buildApp(config) assembles the fake: database and migrations, services, then plugins and
 * routes in an explicit order that doubles as a table of contents. It never listens;
 * src/server.ts does. Every call gets its own database handle, so tests are isolated.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Config } from './config.js'
import { openDatabase } from './db/client.js'
import { runMigrations } from './db/migrate.js'
import { createControllableClock, type Clock } from './domain/shared/clock.js'
import { loggerOptions } from './logger.js'
import clusterPlugin, { rewriteClusterPrefix } from './plugins/cluster.js'
import errorHandler from './plugins/error-handler.js'
import requestLog from './plugins/request-log.js'
import servicesPlugin, { createServices } from './plugins/services.js'
import swagger from './plugins/swagger.js'
import dashboard from './plugins/dashboard.js'
import brazeSurface from './plugins/braze-surface.js'
import healthRoutes from './routes/health.js'
import partners from './routes/partners/index.js'
import users from './routes/users/index.js'
import segments from './routes/segments/index.js'
import workspacesControl from './routes/workspaces/control/index.js'
import partnersControl from './routes/partners/control/index.js'
import usersControl from './routes/users/control/index.js'
import segmentsControl from './routes/segments/control/index.js'
import toolkitControl from './routes/toolkit/control/index.js'

export interface BuildOptions {
  /** Replaces the default clock, a controllable system clock (`/_fake/clock`). */
  clock?: Clock
  /** false skips Swagger UI and the OpenAPI document (/docs), shaving start-up time for test suites. */
  docs?: boolean
  /** Where log lines go instead of stdout (tests capture them). */
  logStream?: NodeJS.WritableStream
}

export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const handle = openDatabase(config.dbPath, { commitMode: config.commitMode, sync: config.sync })
  try {
    runMigrations(handle.db)
  } catch (err) {
    handle.close()
    throw err
  }
  const services = createServices(handle, config, options.clock ?? createControllableClock())

  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    rewriteUrl: rewriteClusterPrefix,
    // The journal and clients correlate on this header when a caller sends one.
    requestIdHeader: 'x-request-id'
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onClose', async () => handle.close())

  await app.register(errorHandler, { bodyLimit: config.bodyLimit })
  if (options.docs !== false) await app.register(swagger)
  if (config.dashboard) await app.register(dashboard)
  await app.register(servicesPlugin, { services })
  await app.register(clusterPlugin, { defaultCluster: config.defaultCluster })
  await app.register(requestLog)
  await app.register(brazeSurface)

  await app.register(healthRoutes)
  // Braze's surfaces, one plugin each (src/routes/<surface>/index.ts)
  await app.register(partners)
  await app.register(users)
  await app.register(segments)
  // The control plane, never mixed into Braze's namespace: one plugin per surface
  await app.register(async (fake) => {
    await fake.register(workspacesControl)
    await fake.register(partnersControl)
    await fake.register(usersControl)
    await fake.register(segmentsControl)
    await fake.register(toolkitControl)
  }, { prefix: '/_fake' })

  return app
}
