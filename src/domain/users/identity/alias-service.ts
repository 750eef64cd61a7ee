/**
 * POST /users/alias/new and /users/alias/update (braze-docs post_user_alias.md,
 * post_users_alias_update.md). An alias (label, name) is unique in a workspace and a user holds
 * one alias per label (user_profile_lifecycle.md); objects that would break either are skipped
 * silently [inferred], like an unknown external_id ("the process will fail" without an error).
 */
import type { Clock } from '../../shared/clock.js'
import { TooManyExternalIdsAndAliases } from '../../shared/errors.js'
import { newBrazeId, randomBucket } from '../../shared/ids.js'
import type { UserIdentityRepository } from '../../../repositories/users/user-identity-repository.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'

export const MAX_ALIAS_OBJECTS = 50

export interface NewAlias { external_id?: string | undefined, alias_name: string, alias_label: string }
export interface AliasUpdate { alias_label: string, old_alias_name: string, new_alias_name: string }

export interface AliasEffects { requested: number, created_users: number, added: number, skipped: number }

export type AliasService = ReturnType<typeof createAliasService>

export function createAliasService (deps: { users: UserRepository, identities: UserIdentityRepository, transaction: RunInTransaction, clock: Clock }) {
  const { users, identities, transaction, clock } = deps

  return {
    /** Adds aliases to identified users, or creates alias-only users when external_id is absent. */
    aliasNew (workspacePk: number, items: readonly NewAlias[]): AliasEffects {
      // [inferred] which of the two documented "max number" texts this endpoint sends
      if (items.length > MAX_ALIAS_OBJECTS) throw new TooManyExternalIdsAndAliases()
      return transaction(() => {
        const now = clock.now()
        const effects: AliasEffects = { requested: items.length, created_users: 0, added: 0, skipped: 0 }
        for (const item of items) {
          const alias = { alias_name: item.alias_name, alias_label: item.alias_label }
          if (users.findAliasOwner(workspacePk, alias) !== undefined) { effects.skipped++; continue }
          if (item.external_id === undefined) {
            const row = users.insert({
              workspacePk, brazeId: newBrazeId(now), externalId: null, email: null, phone: null, profile: {}, customAttributes: {},
              emailSubscribe: null, pushSubscribe: null, randomBucket: randomBucket(), totalRevenue: 0, createdAt: now, updatedAt: now
            })
            users.addAliases(workspacePk, row.pk, [alias])
            effects.created_users++
            continue
          }
          const owner = users.findByExternalId(workspacePk, item.external_id)
          if (owner === undefined || identities.aliasesOf(owner.pk).some((a) => a.alias_label === alias.alias_label)) { effects.skipped++; continue }
          users.addAliases(workspacePk, owner.pk, [alias])
          identities.update(owner.pk, { updatedAt: now })
          effects.added++
        }
        return effects
      })
    },

    /** Renames (label, old name) to (label, new name); no match, or a taken new name, changes nothing. */
    aliasUpdate (workspacePk: number, items: readonly AliasUpdate[]): { requested: number, renamed: number } {
      if (items.length > MAX_ALIAS_OBJECTS) throw new TooManyExternalIdsAndAliases()
      return transaction(() => {
        let renamed = 0
        for (const u of items) {
          const owner = users.findAliasOwner(workspacePk, { alias_label: u.alias_label, alias_name: u.old_alias_name })
          if (owner === undefined || u.old_alias_name === u.new_alias_name) continue
          if (users.findAliasOwner(workspacePk, { alias_label: u.alias_label, alias_name: u.new_alias_name }) !== undefined) continue
          identities.renameAlias(workspacePk, u.alias_label, u.old_alias_name, u.new_alias_name)
          identities.update(owner, { updatedAt: clock.now() })
          renamed++
        }
        return { requested: items.length, renamed }
      })
    }
  }
}
