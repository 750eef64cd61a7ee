/**
 * What survives when one profile is merged into another (/users/identify with merge_behavior
 * "merge", /users/merge). Pure. braze-docs post_users_merge.md: fields "found exclusively on the
 * original user" are copied to the target (names, email, gender, dob, phone, time zone, home city,
 * country, language, custom attributes the target lacks, …); the in-app purchase total is summed.
 * Event and purchase summaries (counts added, first = the earlier, last = the later) are merged by
 * the upsert in repositories/users/user-identity-repository.ts.
 */
import type { UserAlias } from '../../shared/user-alias.js'

export interface MergeableUser {
  email: string | null
  phone: string | null
  profile: Record<string, unknown>
  customAttributes: Record<string, unknown>
  totalRevenue: number
}

export interface MergedFields {
  email: string | null
  phone: string | null
  profile: Record<string, unknown>
  customAttributes: Record<string, unknown>
  totalRevenue: number
}

/** The kept user's fields after absorbing `gone`: the kept user's values win where both are set. */
export function mergeUserFields (keep: MergeableUser, gone: MergeableUser): MergedFields {
  return {
    email: keep.email ?? gone.email,
    phone: keep.phone ?? gone.phone,
    profile: fillAbsent(keep.profile, gone.profile),
    customAttributes: fillAbsent(keep.customAttributes, gone.customAttributes),
    totalRevenue: keep.totalRevenue + gone.totalRevenue
  }
}

function fillAbsent (keep: Record<string, unknown>, gone: Record<string, unknown>): Record<string, unknown> {
  const out = { ...keep }
  for (const [k, v] of Object.entries(gone)) if (out[k] === undefined || out[k] === null) out[k] = v
  return out
}

/**
 * The merged user's aliases that move to the kept user: one alias per label per user
 * (braze-docs user_profile_lifecycle.md), so a label the kept user already holds stays behind
 * and disappears with the merged profile [inferred].
 */
export function aliasesToMove (keep: readonly UserAlias[], gone: readonly UserAlias[]): UserAlias[] {
  const labels = new Set(keep.map((a) => a.alias_label))
  return gone.filter((a) => !labels.has(a.alias_label))
}
