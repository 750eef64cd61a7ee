/**
 * POST /users/external_ids/rename and /remove (braze-docs post_external_ids_rename.md,
 * post_external_ids_remove.md). A rename makes `new_external_id` the user's primary id and keeps
 * the old one as a deprecated id that still names the user everywhere (track, export, cohort
 * import, identity endpoints) until /remove drops it. Per-item problems go to
 * `rename_errors` / `removal_errors` as `[index, text]`; the request still answers 201 "success".
 * Renames are not data points (data_points.md). Item shape, texts and which ids `external_ids`
 * lists are [inferred] (open question 3).
 */
import type { Clock } from '../../shared/clock.js'
import { EXTERNAL_ID_MESSAGES, TooManyExternalIdsAndAliases } from '../../shared/errors.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'

/** "Up to 50 external IDs per request" (both pages). */
export const MAX_EXTERNAL_ID_OPERATIONS = 50

export type ExternalIdService = ReturnType<typeof createExternalIdService>

export function createExternalIdService (deps: { users: UserRepository, transaction: RunInTransaction, clock: Clock }) {
  const { users, transaction, clock } = deps
  return {
    rename (workspacePk: number, renames: ReadonlyArray<{ current_external_id: string, new_external_id: string }>):
    { external_ids: string[], rename_errors: Array<[number, string]> } {
      if (renames.length > MAX_EXTERNAL_ID_OPERATIONS) throw new TooManyExternalIdsAndAliases()
      return transaction(() => {
        const now = clock.now()
        const done: string[] = []
        const errors: Array<[number, string]> = []
        renames.forEach((r, i) => {
          if (r.current_external_id === r.new_external_id) { errors.push([i, EXTERNAL_ID_MESSAGES.same]); return }
          const user = users.findByPrimaryExternalId(workspacePk, r.current_external_id)
          if (user === undefined) { errors.push([i, EXTERNAL_ID_MESSAGES.notPrimary]); return }
          if (users.findByExternalId(workspacePk, r.new_external_id) !== undefined) { errors.push([i, EXTERNAL_ID_MESSAGES.newInUse]); return }
          users.renameExternalId(workspacePk, user.pk, r.current_external_id, r.new_external_id, now)
          done.push(r.current_external_id)
        })
        return { external_ids: done, rename_errors: errors }
      })
    },
    remove (workspacePk: number, externalIds: readonly string[]): { removed_ids: string[], removal_errors: Array<[number, string]> } {
      if (externalIds.length > MAX_EXTERNAL_ID_OPERATIONS) throw new TooManyExternalIdsAndAliases()
      return transaction(() => {
        const removed: string[] = []
        const errors: Array<[number, string]> = []
        externalIds.forEach((id, i) => {
          if (users.deprecatedExternalIdOwner(workspacePk, id) === undefined) { errors.push([i, EXTERNAL_ID_MESSAGES.notDeprecated]); return }
          users.removeDeprecatedExternalId(workspacePk, id)
          removed.push(id)
        })
        return { removed_ids: removed, removal_errors: errors }
      })
    }
  }
}
