/**
 * POST /users/identify (braze-docs post_user_identify.md): gives an alias-only, email-only or
 * phone-only profile an external_id. If a user with that external_id exists, the unidentified
 * profile is merged into it and disappears. "Starting August 7, 2023, this endpoint will merge
 * data for all calls": `merge_behavior: "none"` is accepted but merges like "merge"; if not, the external_id is set on the unidentified profile itself. If the identified
 * user already holds an alias with the same label, nothing is combined. An email or phone that
 * matches several users merges nothing (the doc's note), whatever the prioritization.
 */
import { phoneKey } from '../../shared/phone.js'
import type { Clock } from '../../shared/clock.js'
import type { UserAlias } from '../../shared/user-alias.js'
import { IdentifyNothing, TooManyExternalIdsAndAliases } from '../../shared/errors.js'
import { pickByPrioritization, prioritizationError, type Priority } from '../prioritization.js'
import type { MergeBehavior, ProfileMerger } from './profile-merger.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { UserIdentityRepository } from '../../../repositories/users/user-identity-repository.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'
import type { UserRow } from '../../../db/schema/users.js'

export const MAX_IDENTIFY_OBJECTS = 50

export interface IdentifyInput {
  aliases_to_identify?: Array<{ external_id: string, user_alias: UserAlias }> | undefined
  emails_to_identify?: Array<{ external_id: string, email: string, prioritization?: unknown }> | undefined
  phone_numbers_to_identify?: Array<{ external_id: string, phone: string, prioritization?: unknown }> | undefined
  merge_behavior?: MergeBehavior | undefined
}

export interface ItemError { type: string, input_array: string, index: number }

export interface IdentifyResult {
  aliases_processed: number
  emails_processed?: number
  phone_numbers_processed?: number
  errors?: ItemError[]
  /** for the request journal */
  effects: { identified: number, merged: number, unmatched: number }
}

export type IdentifyService = ReturnType<typeof createIdentifyService>

export function createIdentifyService (deps: {
  users: UserRepository
  reads: UserExportRepository
  identities: UserIdentityRepository
  merger: ProfileMerger
  transaction: RunInTransaction
  clock: Clock
}) {
  const { users, reads, identities, merger, transaction, clock } = deps

  return {
    identify (workspacePk: number, input: IdentifyInput): IdentifyResult {
      const aliases = input.aliases_to_identify ?? []
      const emails = input.emails_to_identify ?? []
      const phones = input.phone_numbers_to_identify ?? []
      if (input.aliases_to_identify === undefined && input.emails_to_identify === undefined && input.phone_numbers_to_identify === undefined) throw new IdentifyNothing()
      // [inferred] "You can add up to 50 user aliases per request", counted across the three arrays
      if (aliases.length + emails.length + phones.length > MAX_IDENTIFY_OBJECTS) throw new TooManyExternalIdsAndAliases()
      // [D] post_user_identify.md: since 2023-08-07 merge_behavior is "merge" for every call
      const behavior: MergeBehavior = 'merge'

      return transaction(() => {
        const now = clock.now()
        const errors: ItemError[] = []
        const effects = { identified: 0, merged: 0, unmatched: 0 }
        const apply = (externalId: string, source: UserRow | undefined, alias?: UserAlias): void => {
          const outcome = identifyOne(externalId, source, alias)
          effects[outcome]++
        }
        const identifyOne = (externalId: string, source: UserRow | undefined, alias?: UserAlias): 'identified' | 'merged' | 'unmatched' => {
          if (source === undefined || source.externalId !== null) return 'unmatched'
          const target = users.findByExternalId(workspacePk, externalId)
          if (target === undefined) {
            identities.update(source.pk, { externalId, updatedAt: now })
            return 'identified'
          }
          if (alias !== undefined && identities.aliasesOf(target.pk).some((a) => a.alias_label === alias.alias_label)) return 'unmatched'
          merger.absorb(target, source, behavior, now, alias)
          return 'merged'
        }
        const byContact = (pks: number[], prioritization: unknown): UserRow | undefined => {
          if (pks.length !== 1) return undefined
          const rows = reads.usersByPks(pks)
          return pickByPrioritization(rows, prioritization as Priority[]) === undefined ? undefined : rows[0]
        }

        for (const a of aliases) {
          const ownerPk = users.findAliasOwner(workspacePk, a.user_alias)
          apply(a.external_id, ownerPk === undefined ? undefined : reads.usersByPks([ownerPk])[0], a.user_alias)
        }
        let emailsOk = 0
        emails.forEach((e, index) => {
          const bad = prioritizationError(e.prioritization)
          if (bad !== undefined) { errors.push({ type: bad, input_array: 'emails_to_identify', index }); return }
          emailsOk++
          apply(e.external_id, byContact(reads.pksByEmail(workspacePk, e.email.trim().toLowerCase()), e.prioritization))
        })
        let phonesOk = 0
        phones.forEach((p, index) => {
          const bad = prioritizationError(p.prioritization)
          if (bad !== undefined) { errors.push({ type: bad, input_array: 'phone_numbers_to_identify', index }); return }
          phonesOk++
          apply(p.external_id, byContact(reads.pksByPhone(workspacePk, phoneKey(p.phone)), p.prioritization))
        })
        return {
          aliases_processed: aliases.length,
          ...(input.emails_to_identify !== undefined && { emails_processed: emailsOk }),
          ...(input.phone_numbers_to_identify !== undefined && { phone_numbers_processed: phonesOk }),
          ...(errors.length > 0 && { errors }),
          effects
        }
      })
    }
  }
}
