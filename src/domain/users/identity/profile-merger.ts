/**
 * Folding one profile into another, shared by /users/identify and /users/merge. The merged-away
 * profile disappears (a hard delete); with merge_behavior "merge" its data, identifiers and cohort
 * memberships pass to the kept user first, so the kept user holds one membership per cohort.
 */
import type { UserAlias } from '../../shared/user-alias.js'
import { aliasesToMove, mergeUserFields } from './user-merge-rules.js'
import type { CohortRepository } from '../../../repositories/partners/cohort-repository.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { UserIdentityRepository } from '../../../repositories/users/user-identity-repository.js'
import type { UserRow } from '../../../db/schema/users.js'

export type MergeBehavior = 'merge' | 'none'

export type ProfileMerger = ReturnType<typeof createProfileMerger>

export function createProfileMerger (deps: { identities: UserIdentityRepository, reads: UserExportRepository, cohorts: CohortRepository }) {
  const { identities, reads, cohorts } = deps
  return {
    /**
     * Merges `gone` into `keep`. With "none" only `carryAlias` (the alias being identified) moves;
     * attributes, events, purchases, devices and memberships are orphaned and vanish with the
     * profile, as braze-docs post_user_identify.md describes for merge_behavior "none".
     */
    absorb (keep: UserRow, gone: UserRow, behavior: MergeBehavior, now: number, carryAlias?: UserAlias): void {
      if (behavior === 'merge') {
        identities.update(keep.pk, { ...mergeUserFields(keep, gone), updatedAt: now })
        identities.addEventSummaries(keep.pk, reads.eventSummaries([gone.pk]))
        identities.addPurchaseSummaries(keep.pk, reads.purchaseSummaries([gone.pk]))
        for (const a of aliasesToMove(identities.aliasesOf(keep.pk), identities.aliasesOf(gone.pk))) identities.moveAlias(keep.workspacePk, a, keep.pk)
        identities.moveDevices(gone.pk, keep.pk)
        cohorts.moveMembersEverywhere(keep.workspacePk, gone.pk, keep.pk, now)
      } else {
        if (carryAlias !== undefined) identities.moveAlias(keep.workspacePk, carryAlias, keep.pk)
        identities.update(keep.pk, { updatedAt: now })
      }
      this.remove(keep.workspacePk, [gone.pk], now)
    },
    /** Hard delete: the users leave every cohort (member counts kept right), then their rows go. */
    remove (workspacePk: number, pks: readonly number[], now: number): void {
      cohorts.removeUsersEverywhere(workspacePk, pks, now)
      identities.deleteUsers(pks)
    }
  }
}
