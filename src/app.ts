/**
 * buildApp(config) assembles the fake: database and migrations, services, then plugins and
 * routes in an explicit order that doubles as a table of contents. It never listens;
 * src/server.ts does. Every call gets its own database handle, so tests are isolated.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { serializerCompiler } from 'fastify-type-provider-zod'
import type { Config } from './config.js'
import { openDatabase } from './db/client.js'
import { runMigrations } from './db/migrate.js'
import { createControllableClock, type Clock } from './domain/shared/clock.js'
import { loggerOptions } from './logger.js'
import clusterPlugin, { rewriteClusterPrefix } from './plugins/cluster.js'
import commitBeforeAnswer from './plugins/commit-before-answer.js'
import controlAuth from './plugins/control-auth.js'
import errorHandler from './plugins/error-handler.js'
import requestLog from './plugins/request-log.js'
import { validatorCompiler } from './plugins/validator.js'
import servicesPlugin, { createServices } from './plugins/services.js'
import dashboard from './plugins/dashboard.js'
import favicon from './plugins/favicon.js'
import brazeSurface from './plugins/braze-surface.js'
import scheduler from './plugins/scheduler.js'
import healthRoutes from './routes/health.js'
import partners from './routes/partners/index.js'
import users from './routes/users/index.js'
import segments from './routes/segments/index.js'
import subscriptions from './routes/subscriptions/index.js'
import messaging from './routes/messaging/index.js'
import analytics from './routes/analytics/index.js'
import analyticsControl from './routes/analytics/control/index.js'
import catalogs from './routes/catalogs/index.js'
import workspacesControl from './routes/workspaces/control/index.js'
import partnersControl from './routes/partners/control/index.js'
import usersControl from './routes/users/control/index.js'
import segmentsControl from './routes/segments/control/index.js'
import subscriptionsControl from './routes/subscriptions/control/index.js'
import messagingControl from './routes/messaging/control/index.js'
import catalogsControl from './routes/catalogs/control/index.js'
import toolkitControl from './routes/toolkit/control/index.js'

/**
 * What onDatabase hands a test: the connection's pragma call (better-sqlite3's signature), typed
 * here so the package's declarations do not pull in better-sqlite3's types.
 */
export interface SqlitePragmas {
  pragma: (source: string, options?: { simple?: boolean }) => unknown
}

/**
 * Fastify names a plugin that has no display name by searching require.cache for a module that
 * exports it (twice per registration; ~450 modules under tsx) and then takes the function's name.
 * An ESM module's namespace is never the function, so the search always ends with the name: set
 * it up front (BENCHMARKS.md, issue 19 "Cold start and `buildApp`").
 */
const DISPLAY_NAME = Symbol.for('fastify.display-name')
function named<T extends (...args: never[]) => unknown> (plugin: T): T {
  const p = plugin as T & { [DISPLAY_NAME]?: string }
  p[DISPLAY_NAME] ??= plugin.name
  return plugin
}

/** Fastify's compiler factories typed for ajv and fast-json-stringify; ours take zod schemas. */
const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler
} as unknown as NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>

/**
 * Braze's surfaces (src/routes/<surface>/index.ts) share one Fastify context, and the control
 * plane's share another: surfaces and their route modules only declare routes
 * (test/architecture/route-modules.test.ts), so a context per surface held nothing of its own and
 * cost avvio and encapsulation work on every build (BENCHMARKS.md, issue 19).
 */
const brazeApi = named(async function brazeApi (braze: FastifyInstance): Promise<void> {
  for (const surface of [partners, users, segments, subscriptions, messaging, analytics, catalogs]) await surface(braze, {})
})

/** The control plane, never mixed into Braze's namespace */
const controlPlane = named(async function controlPlane (fake: FastifyInstance): Promise<void> {
  for (const surface of [workspacesControl, partnersControl, usersControl, segmentsControl, subscriptionsControl, messagingControl, analyticsControl, catalogsControl, toolkitControl]) {
    await surface(fake, {})
  }
})

/** Imported on the first app with docs; later apps reuse the module (a dynamic import resolves again every call). */
let swaggerPlugin: Promise<typeof import('./plugins/swagger.js')> | undefined

export interface BuildOptions {
  /** Replaces the default clock, a controllable system clock (`/_fake/clock`). */
  clock?: Clock
  /** false skips Swagger UI and the OpenAPI document (/docs), shaving start-up time for test suites. */
  docs?: boolean
  /** Where log lines go instead of stdout (tests capture them). */
  logStream?: NodeJS.WritableStream
  /** Called with the open SQLite connection after migrations (tests simulate a full disk with max_page_count). */
  onDatabase?: (sqlite: SqlitePragmas) => void
}

export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const handle = openDatabase(config.dbPath, { commitMode: config.commitMode, sync: config.sync })
  try {
    runMigrations(handle.db)
    options.onDatabase?.(handle.sqlite)
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
    requestIdHeader: 'x-request-id',
    // The zod compilers below from the start, exactly as setValidatorCompiler/setSerializerCompiler
    // install them. Without a compilersFactory Fastify requires ajv and fast-json-stringify for its
    // default compilers, which no route uses: ~20 ms of every cold start (BENCHMARKS.md, issue 19).
    schemaController: { compilersFactory: ZOD_COMPILERS }
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.addHook('onClose', async () => handle.close())

  await app.register(errorHandler, { bodyLimit: config.bodyLimit })
  await app.register(controlAuth, { token: config.controlToken })
  // Loaded only when wanted: Swagger UI and its OpenAPI machinery are a large part of a cold start.
  if (options.docs !== false) await app.register((await (swaggerPlugin ??= import('./plugins/swagger.js'))).default)
  if (config.dashboard) await app.register(dashboard)
  await app.register(favicon)
  await app.register(servicesPlugin, { services })
  // before every other onSend hook, so the journal and the log see the final status
  await app.register(commitBeforeAnswer, { commits: handle.commits })
  await app.register(clusterPlugin, { defaultCluster: config.defaultCluster })
  await app.register(requestLog)
  await app.register(brazeSurface)
  await app.register(scheduler)

  await app.register(named(healthRoutes))
  await app.register(brazeApi)
  await app.register(controlPlane, { prefix: '/_fake' })

  return app
}
