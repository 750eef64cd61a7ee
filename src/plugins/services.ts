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
import { createCohortRepository } from '../repositories/cohort-repository.js'
import { createDataImportKeyRepository } from '../repositories/data-import-key-repository.js'
import { createRestApiKeyRepository } from '../repositories/rest-api-key-repository.js'
import { createTransactionRunner } from '../repositories/transaction.js'
import { createUserRepository } from '../repositories/user-repository.js'
import { createWorkspaceRepository } from '../repositories/workspace-repository.js'
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
      stores: [toolkitStore, rateLimits, cohortRepo, userRepo, keyRepo, restKeyRepo, workspaceRepo],
      transaction,
      clock,
      defaultCluster: config.defaultCluster
    }),
    dataImportKeys: createDataImportKeyService({ keys: keyRepo, workspaces: workspaceRepo, transaction, clock }),
    restApiKeys: createRestApiKeyService({ keys: restKeyRepo, workspaces: workspaceRepo, transaction, clock }),
    partnerAuth: createPartnerAuthService({ keys: keyRepo, partnerApiKeys: config.partnerApiKeys }),
    cohorts: createCohortService({ cohorts: cohortRepo, users: userRepo, workspaces: workspaceRepo, transaction, clock }),
    users: createUserService({ users: userRepo, workspaces: workspaceRepo, transaction, clock }),
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
