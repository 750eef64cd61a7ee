/**
 * Finds the one user an identifier names, for the identity endpoints. Email and phone may be
 * shared by several users: `prioritization` narrows them to one, and without it only a unique
 * match counts [inferred] (braze-docs: "deleting users will not occur if more than one user matches").
 */
import { phoneKey } from '../../shared/phone.js'
import type { UserAlias } from '../../shared/user-alias.js'
import { pickByPrioritization, type Priority } from '../prioritization.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'
import type { UserRow } from '../../../db/schema/users.js'

export type UserResolver = ReturnType<typeof createUserResolver>

/** Every identifier kind the identity endpoints accept; exactly one key is set. */
export interface UserIdentifier {
  external_id?: string | undefined
  user_alias?: UserAlias | undefined
  braze_id?: string | undefined
  email?: string | undefined
  phone?: string | undefined
  prioritization?: Priority[] | undefined
}

export function createUserResolver (deps: { users: UserRepository, reads: UserExportRepository }) {
  const { users, reads } = deps

  function row (pk: number | undefined): UserRow | undefined {
    return pk === undefined ? undefined : reads.usersByPks([pk])[0]
  }

  function pick (pks: number[], prioritization: readonly Priority[] | undefined): UserRow | undefined {
    const rows = reads.usersByPks(pks)
    if (prioritization === undefined) return rows.length === 1 ? rows[0] : undefined
    const chosen = pickByPrioritization(rows, prioritization)
    return chosen === undefined ? undefined : rows.find((r) => r.pk === chosen.pk)
  }

  return {
    resolve (workspacePk: number, id: UserIdentifier): UserRow | undefined {
      if (id.external_id !== undefined) return users.findByExternalId(workspacePk, id.external_id)
      if (id.user_alias !== undefined) return row(users.findAliasOwner(workspacePk, id.user_alias))
      if (id.braze_id !== undefined) return row(reads.pkByBrazeId(workspacePk, id.braze_id))
      if (id.email !== undefined) return pick(reads.pksByEmail(workspacePk, id.email.trim().toLowerCase()), id.prioritization)
      if (id.phone !== undefined) return pick(reads.pksByPhone(workspacePk, phoneKey(id.phone)), id.prioritization)
      return undefined
    }
  }
}
