/**
 * The one place that wires db → repositories → services and exposes them as `app.services`.
 * Routes use only these services; nothing else builds a repository.
 */
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/client.js'
import { isControllable, type Clock } from '../domain/clock.js'
import { createCohortService } from '../domain/cohort-service.js'
import { createDataImportKeyService } from '../domain/data-import-key-service.js'
import { createPartnerAuthService } from '../domain/partner-auth-service.js'
import { createRestApiKeyService } from '../domain/rest-api-key-service.js'
import { createUserService } from '../domain/user-service.js'
import { createWorkspaceService } from '../domain/workspace-service.js'
import { createAliasService } from '../domain/alias-service.js'
import { createIdentifyService } from '../domain/identify-service.js'
import { createProfileMerger } from '../domain/profile-merger.js'
import { createUserDeleteService } from '../domain/user-delete-service.js'
import { createUserExportService } from '../domain/user-export-service.js'
import { createUserMergeService } from '../domain/user-merge-service.js'
import { createUserResolver } from '../domain/user-resolver.js'
import { createDataPointService } from '../domain/data-point-service.js'
import { createTrackService } from '../domain/track-service.js'
import { createUserInspectService } from '../domain/user-inspect-service.js'
import { createCohortRepository } from '../repositories/cohort-repository.js'
import { createDataImportKeyRepository } from '../repositories/data-import-key-repository.js'
import { createRestApiKeyRepository } from '../repositories/rest-api-key-repository.js'
import { createTransactionRunner } from '../repositories/transaction.js'
import { createUserRepository } from '../repositories/user-repository.js'
import { createWorkspaceRepository } from '../repositories/workspace-repository.js'
import { createUserExportRepository } from '../repositories/user-export-repository.js'
import { createUserIdentityRepository } from '../repositories/user-identity-repository.js'
import { createSegmentService } from '../domain/segment-service.js'
import { createSegmentBrazeService } from '../domain/segment-braze-service.js'
import { createSegmentExportService } from '../domain/segment-export-service.js'
import { createSegmentRepository } from '../repositories/segment-repository.js'
import { createSegmentQueryRepository } from '../repositories/segment-query.js'
import { createActivityRepository } from '../repositories/activity-repository.js'
import { createDataPointRepository } from '../repositories/data-point-repository.js'
import { createUserProfileRepository } from '../repositories/user-profile-repository.js'
import { createUserInspectRepository } from '../repositories/user-inspect-repository.js'
import { createClockControl } from '../domain/clock-control.js'
import { createProvisioningService } from '../domain/provisioning-service.js'
import { createCredentialResolver } from '../domain/credential-resolver.js'
import { createFaultService } from '../domain/fault-service.js'
import { createJournalService } from '../domain/journal-service.js'
import { createRateLimitService } from '../domain/rate-limit-service.js'
import { createSeedService } from '../domain/seed-service.js'
import { createVisibilityService } from '../domain/visibility.js'
import { createJournalRepository } from '../repositories/journal-repository.js'
import { createSeedRepository } from '../repositories/seed-repository.js'

export function createServices (handle: DatabaseHandle, config: Config, clock: Clock) {
  const transaction = createTransactionRunner(handle)
  const workspaceRepo = createWorkspaceRepository(handle)
  const keyRepo = createDataImportKeyRepository(handle)
  const userRepo = createUserRepository(handle)
  const cohortRepo = createCohortRepository(handle)
  const restKeyRepo = createRestApiKeyRepository(handle)
  const userReads = createUserExportRepository(handle)
  const identityRepo = createUserIdentityRepository(handle)
  const merger = createProfileMerger({ identities: identityRepo, reads: userReads, cohorts: cohortRepo })
  const resolver = createUserResolver({ users: userRepo, reads: userReads })
  const segmentRepo = createSegmentRepository(handle)
  const segmentQuery = createSegmentQueryRepository(handle)
  const segmentDeps = { segments: segmentRepo, query: segmentQuery, cohorts: cohortRepo, transaction, clock }
  const dataPointRepo = createDataPointRepository(handle)
  // toolkit (issue 5): journal, faults, rate limits, visibility, seeding
  const journal = createJournalService({ journal: createJournalRepository(handle), clock, cap: config.journalCap, transaction })
  const faults = createFaultService({ clock, workspaceExists: (id) => workspaceRepo.findById(id) !== undefined })
  const visibility = createVisibilityService({ clock, delayMs: config.visibilityDelayMs })
  const rateLimits = createRateLimitService({ clock, enabledByDefault: config.rateLimits, workspacePkOf: (id) => workspaceRepo.findById(id)?.pk })
  /** Journal entries and fault rules of a deleted workspace go with it (they are keyed by its id). */
  const toolkitStore = {
    deleteWorkspaceData (pk: number): void {
      const id = workspaceRepo.findByPk(pk)?.id
      if (id !== undefined) { journal.clear(id); faults.deleteWorkspace(id) }
    },
    clearAll (): void {
      journal.clear()
      faults.clearAll()
      visibility.reset()
      if (isControllable(clock)) clock.reset()
    }
  }
  const core = {
    config,
    clock,
    workspaces: createWorkspaceService({
      workspaces: workspaceRepo,
      // Every workspace-scoped store, children before the workspace row itself.
      stores: [toolkitStore, rateLimits, segmentRepo, cohortRepo, userRepo, keyRepo, restKeyRepo, dataPointRepo, workspaceRepo],
      transaction,
      clock,
      defaultCluster: config.defaultCluster
    }),
    dataImportKeys: createDataImportKeyService({ keys: keyRepo, workspaces: workspaceRepo, transaction, clock }),
    restApiKeys: createRestApiKeyService({ keys: restKeyRepo, workspaces: workspaceRepo, transaction, clock }),
    partnerAuth: createPartnerAuthService({ keys: keyRepo, partnerApiKeys: config.partnerApiKeys }),
    cohorts: createCohortService({ cohorts: cohortRepo, users: userRepo, workspaces: workspaceRepo, transaction, clock, dataPoints: dataPointRepo }),
    users: createUserService({ users: userRepo, identities: identityRepo, workspaces: workspaceRepo, transaction, clock }),
    userExport: createUserExportService({ users: userRepo, reads: userReads, transaction, clock, visibility }),
    aliases: createAliasService({ users: userRepo, identities: identityRepo, transaction, clock }),
    identify: createIdentifyService({ users: userRepo, reads: userReads, identities: identityRepo, merger, transaction, clock }),
    userDelete: createUserDeleteService({ resolver, merger, transaction, clock }),
    userMerge: createUserMergeService({ resolver, merger, transaction, clock }),
    segments: createSegmentService({ ...segmentDeps, keys: keyRepo, workspaces: workspaceRepo }),
    segmentsApi: createSegmentBrazeService(segmentDeps),
    segmentExports: createSegmentExportService({ ...segmentDeps, users: userRepo, reads: userReads, workspaces: workspaceRepo, visibility }),
    track: createTrackService({
      profiles: createUserProfileRepository(handle), activity: createActivityRepository(handle), dataPoints: dataPointRepo, transaction, clock
    }),
    dataPoints: createDataPointService({ dataPoints: dataPointRepo, workspaces: workspaceRepo }),
    userProfiles: createUserInspectService({ inspect: createUserInspectRepository(handle), workspaces: workspaceRepo }),
    journal,
    faults,
    rateLimits,
    visibility,
    clockControl: createClockControl(clock),
    credentials: createCredentialResolver({ keys: keyRepo, restKeys: restKeyRepo }),
    seeds: createSeedService({ seeds: createSeedRepository(handle), workspaces: workspaceRepo, keys: keyRepo, restKeys: restKeyRepo, transaction, clock })
  }
  return { ...core, provisioning: createProvisioningService({ ...core, partnerApiKeys: config.partnerApiKeys, transaction }) }
}

export type Services = ReturnType<typeof createServices>

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

export default fp<{ services: Services }>(async (app, opts) => {
  app.decorate('services', opts.services)
}, { name: 'services' })
