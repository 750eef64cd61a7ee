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
import { createControllableClock, type Clock } from './domain/clock.js'
import { loggerOptions } from './logger.js'
import clusterPlugin, { rewriteClusterPrefix } from './plugins/cluster.js'
import errorHandler from './plugins/error-handler.js'
import requestLog from './plugins/request-log.js'
import servicesPlugin, { createServices } from './plugins/services.js'
import swagger from './plugins/swagger.js'
import brazeSurface from './plugins/braze-surface.js'
import fakeToolkit from './routes/fake/toolkit.js'
import healthRoutes from './routes/health.js'
import partnerCohorts from './routes/partners/cohorts.js'
import partnerCohortUsers from './routes/partners/cohort-users.js'
import fakeCohorts from './routes/fake/cohorts.js'
import fakeDataImportKeys from './routes/fake/data-import-keys.js'
import fakePartners from './routes/fake/partners.js'
import fakeReset from './routes/fake/reset.js'
import fakeRestApiKeys from './routes/fake/rest-api-keys.js'
import fakeUsers from './routes/fake/users.js'
import fakeWorkspaces from './routes/fake/workspaces.js'
import usersExportIds from './routes/users/export-ids.js'
import usersAliasNew from './routes/users/alias-new.js'
import usersAliasUpdate from './routes/users/alias-update.js'
import usersIdentify from './routes/users/identify.js'
import usersDelete from './routes/users/delete.js'
import usersMerge from './routes/users/merge.js'
import fakeSegments from './routes/fake/segments.js'
import fakeExports from './routes/fake/exports.js'
import segmentList from './routes/segments/list.js'
import segmentDetails from './routes/segments/details.js'
import segmentDataSeries from './routes/segments/data-series.js'
import usersExportSegment from './routes/users/export-segment.js'
import fakeDataPoints from './routes/fake/data-points.js'
import fakeUserProfiles from './routes/fake/user-profiles.js'
import usersTrack from './routes/users/track.js'

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
  await app.register(servicesPlugin, { services })
  await app.register(clusterPlugin, { defaultCluster: config.defaultCluster })
  await app.register(requestLog)
  await app.register(brazeSurface)

  await app.register(healthRoutes)
  // Braze's partner cohort import surface
  await app.register(partnerCohorts)
  await app.register(partnerCohortUsers)
  // Braze's REST user-data surface: export and identity
  await app.register(usersExportIds)
  await app.register(usersAliasNew)
  await app.register(usersAliasUpdate)
  await app.register(usersIdentify)
  await app.register(usersDelete)
  await app.register(usersMerge)
  // Braze's segment endpoints and the segment export
  await app.register(segmentList)
  await app.register(segmentDetails)
  await app.register(segmentDataSeries)
  await app.register(usersExportSegment)
  // Braze's REST user-data surface
  await app.register(usersTrack)
  // The control plane, never mixed into Braze's namespace
  await app.register(async (fake) => {
    await fake.register(fakeWorkspaces)
    await fake.register(fakePartners)
    await fake.register(fakeDataImportKeys)
    await fake.register(fakeRestApiKeys)
    await fake.register(fakeUsers)
    await fake.register(fakeCohorts)
    await fake.register(fakeReset)
    await fake.register(fakeSegments)
    await fake.register(fakeExports)
    await fake.register(fakeDataPoints)
    await fake.register(fakeUserProfiles)
    await fake.register(fakeToolkit)
  }, { prefix: '/_fake' })

  return app
}
