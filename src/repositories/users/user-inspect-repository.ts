import type { DatabaseHandle } from '../../db/client.js'
import type { AliasKey } from './user-repository.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type UserInspectRepository = ReturnType<typeof createUserInspectRepository>

export interface InspectFilter { externalId?: string, brazeId?: string, email?: string, phone?: string, alias?: AliasKey }

export interface InspectedUser {
  pk: number, brazeId: string, externalId: string | null, email: string | null, phone: string | null
  profile: Record<string, unknown>, customAttributes: Record<string, unknown>
  emailSubscribe: string | null, pushSubscribe: string | null, totalRevenue: number, createdAt: number, updatedAt: number
  aliases: AliasKey[]
  events: Array<{ name: string, first: number, last: number, count: number }>
  purchases: Array<{ name: string, first: number, last: number, count: number }>
}

interface Raw {
  pk: number, braze_id: string, external_id: string | null, email: string | null, phone: string | null, profile: string,
  custom_attributes: string, email_subscribe: string | null, push_subscribe: string | null, total_revenue: number, created_at: number, updated_at: number
}

/** The control plane's read-only view of stored users, for tests (never used by Braze routes). */
export function createUserInspectRepository ({ sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const find = prepare<Record<string, unknown>, Raw>(
    `SELECT u.* FROM users u WHERE u.workspace_pk = @ws
       AND (@external_id IS NULL OR u.external_id = @external_id) AND (@braze_id IS NULL OR u.braze_id = @braze_id)
       AND (@email IS NULL OR u.email = @email) AND (@phone IS NULL OR u.phone = @phone)
       AND (@alias_label IS NULL OR u.pk IN (SELECT user_pk FROM user_aliases a WHERE a.workspace_pk = @ws AND a.alias_label = @alias_label AND a.alias_name = @alias_name))
       AND u.pk > @after
     ORDER BY u.pk LIMIT @limit`)
  const aliases = prepare<[number], { alias_name: string, alias_label: string }>('SELECT alias_name, alias_label FROM user_aliases WHERE user_pk = ?')
  const events = prepare<[number], { name: string, first: number, last: number, count: number }>(
    'SELECT name, first, last, count FROM user_event_summaries WHERE user_pk = ? ORDER BY name')
  const purchases = prepare<[number], { name: string, first: number, last: number, count: number }>(
    'SELECT product_id AS name, first, last, count FROM user_purchase_summaries WHERE user_pk = ? ORDER BY product_id')

  return {
    /** A page of matching users in pk order, after the user `afterPk` (0 = from the start). */
    find (workspacePk: number, f: InspectFilter, limit: number, afterPk = 0): InspectedUser[] {
      const rows = find.all({
        ws: workspacePk, external_id: f.externalId ?? null, braze_id: f.brazeId ?? null, email: f.email ?? null, phone: f.phone ?? null,
        alias_label: f.alias?.alias_label ?? null, alias_name: f.alias?.alias_name ?? null, limit, after: afterPk
      })
      return rows.map((r) => ({
        pk: r.pk, brazeId: r.braze_id, externalId: r.external_id, email: r.email, phone: r.phone,
        profile: JSON.parse(r.profile) as Record<string, unknown>, customAttributes: JSON.parse(r.custom_attributes) as Record<string, unknown>,
        emailSubscribe: r.email_subscribe, pushSubscribe: r.push_subscribe, totalRevenue: r.total_revenue, createdAt: r.created_at, updatedAt: r.updated_at,
        aliases: aliases.all(r.pk), events: events.all(r.pk), purchases: purchases.all(r.pk)
      }))
    }
  }
}
