/**
 * POST /users/merge (braze-docs post_users_merge.md): up to 50 `merge_updates`, each folding
 * `identifier_to_merge` into `identifier_to_keep` (external_id, user_alias, or email/phone with
 * prioritization). Deliberately different: Braze applies merges asynchronously, the fake applies
 * them before answering 202, so a test can read the result at once. An identifier that names no
 * user (or both naming the same user) skips that update silently, as Braze gives no feedback.
 */
import type { Clock } from '../../shared/clock.js'
import { TooManyMergeUpdates } from '../../shared/errors.js'
import type { ProfileMerger } from './profile-merger.js'
import type { UserIdentifier, UserResolver } from './user-resolver.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'

export const MAX_MERGE_UPDATES = 50

export interface MergeUpdate { identifier_to_merge: UserIdentifier, identifier_to_keep: UserIdentifier }

export type UserMergeService = ReturnType<typeof createUserMergeService>

export function createUserMergeService (deps: { resolver: UserResolver, merger: ProfileMerger, transaction: RunInTransaction, clock: Clock }) {
  const { resolver, merger, transaction, clock } = deps

  return {
    merge (workspacePk: number, updates: readonly MergeUpdate[]): { requested: number, merged: number } {
      if (updates.length > MAX_MERGE_UPDATES) throw new TooManyMergeUpdates()
      return transaction(() => {
        const now = clock.now()
        let merged = 0
        for (const u of updates) {
          const gone = resolver.resolve(workspacePk, u.identifier_to_merge)
          const keep = resolver.resolve(workspacePk, u.identifier_to_keep)
          if (gone === undefined || keep === undefined || gone.pk === keep.pk) continue
          merger.absorb(keep, gone, 'merge', now)
          merged++
        }
        return { requested: updates.length, merged }
      })
    }
  }
}
