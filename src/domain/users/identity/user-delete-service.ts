/**
 * POST /users/delete (braze-docs post_user_delete.md): up to 50 identifiers of exactly one kind.
 * The fake deletes at once (Braze queues): the profile and its identifiers, summaries and cohort
 * memberships are gone, so the user leaves every cohort and every export.
 */
import type { Clock } from '../../shared/clock.js'
import type { UserAlias } from '../../shared/user-alias.js'
import { DeleteOneKind, TooManyIds } from '../../shared/errors.js'
import type { Priority } from '../prioritization.js'
import type { ProfileMerger } from './profile-merger.js'
import type { UserIdentifier, UserResolver } from './user-resolver.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'

export const MAX_DELETE_IDS = 50

export type ContactToDelete<K extends 'email' | 'phone'> = string | ({ [P in K]: string } & { prioritization?: Priority[] | undefined })

export interface DeleteInput {
  external_ids?: string[] | undefined
  user_aliases?: UserAlias[] | undefined
  braze_ids?: string[] | undefined
  email_addresses?: Array<ContactToDelete<'email'>> | undefined
  phone_numbers?: Array<ContactToDelete<'phone'>> | undefined
}

export type UserDeleteService = ReturnType<typeof createUserDeleteService>

export function createUserDeleteService (deps: { resolver: UserResolver, merger: ProfileMerger, transaction: RunInTransaction, clock: Clock }) {
  const { resolver, merger, transaction, clock } = deps

  return {
    /**
     * `deleted` is Braze's "number of user ids queued for deletion" (post_user_delete.md): every
     * identifier the request names is queued, whether or not it matches a user, because Braze
     * answers before it looks users up. `found` is how many users were actually removed (journal).
     */
    deleteUsers (workspacePk: number, input: DeleteInput): { deleted: number, requested: number, found: number } {
      const ids = toIdentifiers(input)
      if (ids.length > MAX_DELETE_IDS) throw new TooManyIds()
      return transaction(() => {
        const pks = new Set<number>()
        for (const id of ids) {
          const user = resolver.resolve(workspacePk, id)
          if (user !== undefined) pks.add(user.pk)
        }
        merger.remove(workspacePk, [...pks], clock.now())
        return { deleted: ids.length, requested: ids.length, found: pks.size }
      })
    }
  }
}

function toIdentifiers (input: DeleteInput): UserIdentifier[] {
  const kinds = [input.external_ids, input.user_aliases, input.braze_ids, input.email_addresses, input.phone_numbers].filter((k) => k !== undefined)
  if (kinds.length !== 1) throw new DeleteOneKind()
  if (input.external_ids !== undefined) return input.external_ids.map((external_id) => ({ external_id }))
  if (input.user_aliases !== undefined) return input.user_aliases.map((user_alias) => ({ user_alias }))
  if (input.braze_ids !== undefined) return input.braze_ids.map((braze_id) => ({ braze_id }))
  if (input.email_addresses !== undefined) return input.email_addresses.map((e) => (typeof e === 'string' ? { email: e } : e))
  return (input.phone_numbers ?? []).map((p) => (typeof p === 'string' ? { phone: p } : p))
}
