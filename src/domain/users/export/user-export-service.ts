/**
 * POST /users/export/ids (braze-docs post_users_identifier.md): up to 50 external_ids and
 * user_aliases together, plus at most one of device_id / email_address / phone, and a braze_id;
 * `fields_to_export` honoured field by field; unknown identifiers listed in `invalid_user_ids`.
 */
import { phoneKey } from '../../shared/phone.js'
import type { Clock } from '../../shared/clock.js'
import type { VisibilityService } from '../../toolkit/visibility-service.js'
import type { UserAlias } from '../../shared/user-alias.js'
import { ExportNoIdentifier, ExportSingleIdentifierOnly, FieldsToExportRequired, TooManyExternalIdsAndAliases } from '../../shared/errors.js'
import { checkExportFields } from './user-export-object.js'
import { exportObjects, type ReceivedReader } from './user-export-builder.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { UserRepository } from '../../../repositories/users/user-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'

export const MAX_EXPORT_IDENTIFIERS = 50

/** [D] post_users_identifier.md: companies onboarded on or after August 22, 2024 must send fields_to_export. */
export const FIELDS_TO_EXPORT_REQUIRED_FROM = Date.UTC(2024, 7, 22)

export interface ExportIdsInput {
  external_ids?: string[] | undefined
  user_aliases?: UserAlias[] | undefined
  device_id?: string | undefined
  braze_id?: string | undefined
  email_address?: string | undefined
  phone?: string | undefined
  fields_to_export?: string[] | undefined
}

export interface ExportIdsResult {
  users: Array<Record<string, unknown>>
  invalid_user_ids?: string[]
}

export type UserExportService = ReturnType<typeof createUserExportService>

export function createUserExportService (deps: {
  users: UserRepository
  reads: UserExportRepository
  transaction: RunInTransaction
  clock: Clock
  /**
   * Braze's eventual consistency (checklist 58): a user created within the visibility delay is
   * not found yet (see visibility.ts). Absent = synchronous.
   */
  visibility?: Pick<VisibilityService, 'isVisible'>
  /** campaigns_received / canvases_received (the messaging surface's outbox) */
  received?: ReceivedReader
}) {
  const { users, reads, transaction, clock } = deps
  const isVisible = deps.visibility?.isVisible ?? (() => true)

  return {
    exportIds (workspacePk: number, input: ExportIdsInput, options: { onboardedAt?: number | undefined } = {}): ExportIdsResult {
      const externalIds = input.external_ids ?? []
      const aliases = input.user_aliases ?? []
      if (externalIds.length + aliases.length > MAX_EXPORT_IDENTIFIERS) throw new TooManyExternalIdsAndAliases()
      const singles = [input.device_id, input.email_address, input.phone].filter((v) => v !== undefined)
      if (singles.length > 1) throw new ExportSingleIdentifierOnly()
      if (externalIds.length + aliases.length + singles.length === 0 && input.braze_id === undefined) throw new ExportNoIdentifier()
      // [D] post_users_identifier.md: companies onboarded on or after 2024-08-22 must name fields_to_export (text [inferred])
      if (input.fields_to_export === undefined && (options.onboardedAt ?? 0) >= FIELDS_TO_EXPORT_REQUIRED_FROM) throw new FieldsToExportRequired()
      checkExportFields(input.fields_to_export ?? [])
      // [inferred] an empty fields_to_export means the default, every field
      const fields = input.fields_to_export === undefined || input.fields_to_export.length === 0 ? undefined : new Set(input.fields_to_export)

      return transaction(() => {
        const now = clock.now()
        // Each identifier with the user it names, in request order; a user appears once.
        const found: Array<{ label: string, pk: number | undefined }> = []
        const byExternal = new Map(users.findPksByExternalIds(workspacePk, externalIds).map((r) => [r.value, r.pk]))
        for (const id of externalIds) found.push({ label: id, pk: byExternal.get(id) })
        const byAlias = new Map(users.findPksByAliases(workspacePk, aliases).map((r) => [Number(r.idx), r.pk]))
        // [inferred] an unknown alias is reported by its alias_name
        aliases.forEach((a, i) => found.push({ label: a.alias_name, pk: byAlias.get(i) }))
        if (input.braze_id !== undefined) found.push({ label: input.braze_id, pk: reads.pkByBrazeId(workspacePk, input.braze_id) })
        if (input.device_id !== undefined) found.push({ label: input.device_id, pk: reads.pkByDeviceId(workspacePk, input.device_id) })
        // [inferred] several users may share an email or phone: all of them are exported
        if (input.email_address !== undefined) pushAll(found, input.email_address, reads.pksByEmail(workspacePk, input.email_address.trim().toLowerCase()))
        if (input.phone !== undefined) pushAll(found, input.phone, reads.pksByPhone(workspacePk, phoneKey(input.phone)))

        const pks = [...new Set(found.flatMap((f) => (f.pk === undefined ? [] : [f.pk])))]
        const rows = new Map(reads.usersByPks(pks).filter((u) => isVisible(u.createdAt)).map((u) => [u.pk, u]))
        const invalid = found.filter((f) => f.pk === undefined || !rows.has(f.pk)).map((f) => f.label)
        const visible = pks.filter((pk) => rows.has(pk))

        const out = exportObjects({ users, reads, received: deps.received }, visible.map((pk) => rows.get(pk)!), fields, now)
        return invalid.length > 0 ? { users: out, invalid_user_ids: [...new Set(invalid)] } : { users: out }
      })
    }
  }
}

function pushAll (found: Array<{ label: string, pk: number | undefined }>, label: string, pks: number[]): void {
  if (pks.length === 0) found.push({ label, pk: undefined })
  for (const pk of pks) found.push({ label, pk })
}
