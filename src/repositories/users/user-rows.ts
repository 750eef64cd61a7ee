/**
 * Raw `users` rows as the hand-written prepared statements return them, and their mapping to
 * drizzle's UserRow (JSON columns parsed): one definition for every repository that reads users.
 */
import type { UserRow } from '../../db/schema/users.js'

/** Every column of `users`, aliased `u`, in RawUser's order. */
export const USER_COLUMNS = 'u.pk, u.workspace_pk, u.braze_id, u.external_id, u.email, u.phone, u.profile, u.custom_attributes, ' +
  'u.email_subscribe, u.push_subscribe, u.random_bucket, u.total_revenue, u.created_at, u.updated_at'

export interface RawUser {
  pk: number
  workspace_pk: number
  braze_id: string
  external_id: string | null
  email: string | null
  phone: string | null
  profile: string
  custom_attributes: string
  email_subscribe: string | null
  push_subscribe: string | null
  random_bucket: number
  total_revenue: number
  created_at: number
  updated_at: number
}

export function toUserRow (r: RawUser): UserRow {
  return {
    pk: r.pk,
    workspacePk: r.workspace_pk,
    brazeId: r.braze_id,
    externalId: r.external_id,
    email: r.email,
    phone: r.phone,
    profile: JSON.parse(r.profile) as Record<string, unknown>,
    customAttributes: JSON.parse(r.custom_attributes) as Record<string, unknown>,
    emailSubscribe: r.email_subscribe,
    pushSubscribe: r.push_subscribe,
    randomBucket: r.random_bucket,
    totalRevenue: r.total_revenue,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}
