/**
 * The one place that wires db → repositories → services and exposes them as `app.services`.
 * Routes use only these services; nothing else builds a repository.
 */
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/client.js'
import { isControllable, type Clock } from '../domain/shared/clock.js'
import { createCohortService } from '../domain/partners/cohort-service.js'
import { createDataImportKeyService } from '../domain/partners/data-import-key-service.js'
import { createPartnerAuthService } from '../domain/partners/partner-auth-service.js'
import { createRestApiKeyService } from '../domain/workspaces/rest-api-key-service.js'
import { createUserService } from '../domain/users/user-service.js'
import { createWorkspaceService } from '../domain/workspaces/workspace-service.js'
import { createAliasService } from '../domain/users/identity/alias-service.js'
import { createIdentifyService } from '../domain/users/identity/identify-service.js'
import { createProfileMerger } from '../domain/users/identity/profile-merger.js'
import { createExternalIdService } from '../domain/users/identity/external-id-service.js'
import { createExportListsService } from '../domain/users/export/export-lists-service.js'
import { createExportListsRepository } from '../repositories/users/export-lists-repository.js'
import { createUserDeleteService } from '../domain/users/identity/user-delete-service.js'
import { createUserExportService } from '../domain/users/export/user-export-service.js'
import { createUserMergeService } from '../domain/users/identity/user-merge-service.js'
import { createUserResolver } from '../domain/users/identity/user-resolver.js'
import { createDataPointService } from '../domain/workspaces/data-point-service.js'
import { createTrackService } from '../domain/users/track/track-service.js'
import { createUserInspectService } from '../domain/users/user-inspect-service.js'
import { createCohortRepository } from '../repositories/partners/cohort-repository.js'
import { createDataImportKeyRepository } from '../repositories/partners/data-import-key-repository.js'
import { createRestApiKeyRepository } from '../repositories/workspaces/rest-api-key-repository.js'
import { createTransactionRunner } from '../repositories/shared/transaction.js'
import { createUserRepository } from '../repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../repositories/workspaces/workspace-repository.js'
import { createUserExportRepository } from '../repositories/users/user-export-repository.js'
import { createUserIdentityRepository } from '../repositories/users/user-identity-repository.js'
import { createSegmentService } from '../domain/segments/segment-service.js'
import { createSegmentBrazeService } from '../domain/segments/segment-braze-service.js'
import { createSegmentExportService } from '../domain/segments/segment-export-service.js'
import { createSegmentRepository } from '../repositories/segments/segment-repository.js'
import { createSegmentQueryRepository } from '../repositories/segments/segment-query.js'
import { createActivityRepository } from '../repositories/users/activity-repository.js'
import { createDataPointRepository } from '../repositories/workspaces/data-point-repository.js'
import { createUserProfileRepository } from '../repositories/users/user-profile-repository.js'
import { createUserInspectRepository } from '../repositories/users/user-inspect-repository.js'
import { createClockControl } from '../domain/toolkit/clock-control.js'
import { createProvisioningService } from '../domain/workspaces/provisioning-service.js'
import { createCredentialResolver } from '../domain/toolkit/credential-resolver.js'
import { createFaultService } from '../domain/toolkit/fault-service.js'
import { createJournalService } from '../domain/toolkit/journal-service.js'
import { createRateLimitService } from '../domain/toolkit/rate-limit-service.js'
import { createSeedService } from '../domain/toolkit/seed/seed-service.js'
import { createVisibilityService } from '../domain/toolkit/visibility-service.js'
import { createMessagingService } from '../domain/messaging/messaging-service.js'
import { createMessagingRepository } from '../repositories/messaging/messaging-repository.js'
import { pickByPrioritization, prioritizationError, type Priority } from '../domain/users/prioritization.js'
import { createJournalRepository } from '../repositories/toolkit/journal-repository.js'
import { createSeedRepository } from '../repositories/toolkit/seed-repository.js'
import { createSubscriptionService } from '../domain/subscriptions/subscription-service.js'
import { createSubscriptionRepository } from '../repositories/subscriptions/subscription-repository.js'
import { createAnalyticsService } from '../domain/analytics/analytics-service.js'
import { createAnalyticsRepository } from '../repositories/analytics/analytics-repository.js'

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
  const dataPointRepo = createDataPointRepository(handle)
  const profileRepo = createUserProfileRepository(handle)
  const subscriptionRepo = createSubscriptionRepository(handle)
  const subscriptions = createSubscriptionService({ subs: subscriptionRepo, workspaces: workspaceRepo, profiles: profileRepo, transaction, clock })
  const segmentDeps = { segments: segmentRepo, query: segmentQuery, cohorts: cohortRepo, transaction, clock, groups: subscriptions.groupLookup }
  const messagingRepo = createMessagingRepository(handle)
  const analyticsRepo = createAnalyticsRepository(handle)
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
  // campaigns_received / canvases_received: the messaging service is built after core (it uses track and segments)
  const received = (workspacePk: number, pks: readonly number[]) => messaging.received(workspacePk, pks)
  const core = {
    config,
    clock,
    workspaces: createWorkspaceService({
      workspaces: workspaceRepo,
      // Every workspace-scoped store, children before the workspace row itself.
      stores: [toolkitStore, rateLimits, analyticsRepo, messagingRepo, segmentRepo, cohortRepo, subscriptionRepo, userRepo, keyRepo, restKeyRepo, dataPointRepo, workspaceRepo],
      transaction,
      clock,
      defaultCluster: config.defaultCluster
    }),
    dataImportKeys: createDataImportKeyService({ keys: keyRepo, workspaces: workspaceRepo, transaction, clock }),
    restApiKeys: createRestApiKeyService({ keys: restKeyRepo, workspaces: workspaceRepo, transaction, clock, legacyApiKeyDefault: config.legacyApiKey }),
    partnerAuth: createPartnerAuthService({ keys: keyRepo, partnerApiKeys: config.partnerApiKeys }),
    cohorts: createCohortService({ cohorts: cohortRepo, users: userRepo, workspaces: workspaceRepo, transaction, clock, dataPoints: dataPointRepo }),
    users: createUserService({ users: userRepo, identities: identityRepo, workspaces: workspaceRepo, transaction, clock }),
    userExport: createUserExportService({ users: userRepo, reads: userReads, transaction, clock, visibility, received }),
    aliases: createAliasService({ users: userRepo, identities: identityRepo, transaction, clock }),
    identify: createIdentifyService({ users: userRepo, reads: userReads, identities: identityRepo, merger, transaction, clock }),
    userDelete: createUserDeleteService({ resolver, merger, transaction, clock }),
    userMerge: createUserMergeService({ resolver, merger, transaction, clock }),
    externalIds: createExternalIdService({ users: userRepo, transaction, clock }),
    exportLists: createExportListsService({ lists: createExportListsRepository(handle) }),
    segments: createSegmentService({ ...segmentDeps, keys: keyRepo, workspaces: workspaceRepo }),
    segmentsApi: createSegmentBrazeService(segmentDeps),
    segmentExports: createSegmentExportService({ ...segmentDeps, users: userRepo, reads: userReads, workspaces: workspaceRepo, visibility, callbackAllow: config.callbackAllow, received }),
    track: createTrackService({
      profiles: profileRepo, activity: createActivityRepository(handle), dataPoints: dataPointRepo, transaction, clock, reads: userReads, subscriptions
    }),
    dataPoints: createDataPointService({ dataPoints: dataPointRepo, workspaces: workspaceRepo }),
    userProfiles: createUserInspectService({
      inspect: createUserInspectRepository(handle), workspaces: workspaceRepo, cohortsOf: cohortRepo.cohortsOfUser, subscriptionState: (ws, pks) => subscriptions.inspect(ws, pks)
    }),
    subscriptions,
    journal,
    faults,
    rateLimits,
    visibility,
    clockControl: createClockControl(clock),
    credentials: createCredentialResolver({ keys: keyRepo, restKeys: restKeyRepo }),
    seeds: createSeedService({ seeds: createSeedRepository(handle), workspaces: workspaceRepo, keys: keyRepo, restKeys: restKeyRepo, transaction, clock })
  }
  const messaging = createMessagingService({
    repo: messagingRepo,
    workspacePkOf: (id) => workspaceRepo.findById(id)?.pk,
    segments: core.segmentsApi,
    track: core.track,
    loadReachability: subscriptions.reachabilityProfiles,
    prioritize: (candidates, prioritization) => pickByPrioritization(candidates, prioritization as Priority[]),
    prioritizationError,
    transaction,
    clock
  })
  const analytics = createAnalyticsService({ analytics: analyticsRepo, clock, segments: core.segmentsApi })
  return { ...core, messaging, analytics, provisioning: createProvisioningService({ ...core, partnerApiKeys: config.partnerApiKeys, transaction }) }
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
