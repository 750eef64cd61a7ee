/**
 * Which user a /users/track object addresses and whether Braze may create it
 * (post_user_track.md, user_attributes_object.md, isv best_practices.md). Pure.
 */
import { TRACK_ERROR_TYPES } from '../../shared/errors.js'
import type { UserAlias } from '../../shared/user-alias.js'
import { readPhone } from '../../shared/phone.js'
import { lenientBoolean, lenientId } from '../../shared/leniency.js'

export type TrackIdentifier =
  | { kind: 'external_id', value: string }
  | { kind: 'user_alias', alias: UserAlias }
  | { kind: 'braze_id', value: string }
  | { kind: 'email', value: string }
  | { kind: 'phone', value: string }

export interface ResolvedIdentifier {
  identifier: TrackIdentifier
  /** may a missing user be created from this object? */
  mayCreate: boolean
}

// Deliberately simple: one "@", no spaces, a dot in the domain. [inferred]
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function normaliseEmail (value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const email = value.trim().toLowerCase()
  return EMAIL.test(email) ? email : undefined
}

const present = (v: unknown): boolean => v !== undefined && v !== null

/**
 * Precedence when several identifiers are present [inferred]: external_id, user_alias,
 * braze_id, then email, then phone ("If both email and phone are provided, Braze will use the
 * email as the identifier" [documented]). Returns an error `type` text when none is usable.
 */
export function resolveIdentifier (obj: Record<string, unknown>): ResolvedIdentifier | { error: string } {
  // The leniency model (domain/shared/leniency.ts): integer ids, "true"/"false" flags.
  const flag = lenientBoolean(obj._update_existing_only)
  const updateOnly = flag === true
  if (present(obj.external_id)) {
    const v = lenientId(obj.external_id)
    if (typeof v !== 'string' || v.trim() === '') return { error: TRACK_ERROR_TYPES.invalidExternalId }
    return { identifier: { kind: 'external_id', value: v }, mayCreate: !updateOnly }
  }
  if (present(obj.user_alias)) {
    const a = obj.user_alias as Record<string, unknown>
    if (typeof a !== 'object' || Array.isArray(a)) return { error: TRACK_ERROR_TYPES.invalidUserAlias }
    const name = lenientId(a.alias_name)
    const label = lenientId(a.alias_label)
    if (typeof name !== 'string' || typeof label !== 'string' || name === '' || label === '') {
      return { error: TRACK_ERROR_TYPES.invalidUserAlias }
    }
    // Alias-only profiles are created only when _update_existing_only is explicitly false.
    return { identifier: { kind: 'user_alias', alias: { alias_name: name, alias_label: label } }, mayCreate: flag === false }
  }
  if (present(obj.braze_id)) {
    const v = lenientId(obj.braze_id)
    if (typeof v !== 'string' || v.trim() === '') return { error: TRACK_ERROR_TYPES.invalidBrazeId }
    return { identifier: { kind: 'braze_id', value: v }, mayCreate: false }
  }
  if (present(obj.email)) {
    const email = normaliseEmail(obj.email)
    if (email === undefined) return { error: TRACK_ERROR_TYPES.invalidEmail }
    return { identifier: { kind: 'email', value: email }, mayCreate: !updateOnly }
  }
  if (present(obj.phone)) {
    // Read as the phone-number guide reads it (../../shared/phone.ts): E.164, or 10 U.S. digits.
    const phone = readPhone(obj.phone)
    if (phone === undefined) return { error: TRACK_ERROR_TYPES.invalidPhone }
    return { identifier: { kind: 'phone', value: phone }, mayCreate: !updateOnly }
  }
  return { error: TRACK_ERROR_TYPES.identifierRequired }
}

export function isPlainObject (v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
