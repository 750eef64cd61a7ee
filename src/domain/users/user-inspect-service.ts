/** The control plane's view of stored users with everything /users/track wrote, for tests. */
import { phoneKey } from '../shared/phone.js'
import { toIso } from '../shared/clock.js'
import { FakeBadRequest, FakeNotFound } from '../shared/errors.js'
import type { UserAlias } from '../shared/user-alias.js'
import type { InspectedUser, UserInspectRepository } from '../../repositories/users/user-inspect-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'

export interface UserFilter {
  external_id?: string | undefined
  braze_id?: string | undefined
  email?: string | undefined
  phone?: string | undefined
  alias_label?: string | undefined
  alias_name?: string | undefined
}

export type UserInspectService = ReturnType<typeof createUserInspectService>

/** The partner cohorts a user is in now (the partners surface answers; wired in plugins/services.ts). */
export type CohortsOfUser = (workspacePk: number, userPk: number) => Array<{ partner: string, cohort_id: string, name: string }>

export function createUserInspectService (deps: {
  inspect: UserInspectRepository
  workspaces: WorkspaceRepository
  cohortsOf: CohortsOfUser
  /** each user's whole subscription state, from the subscriptions surface (subscription-service `inspect`) */
  subscriptionState?: (workspacePk: number, userPks: readonly number[]) => Map<number, Record<string, unknown>>
}) {
  return {
    find (workspaceId: string, f: UserFilter & { limit?: number | undefined, cursor?: string | undefined }) {
      const limit = f.limit ?? 1000
      const ws = deps.workspaces.findById(workspaceId)
      if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
      const alias = f.alias_label !== undefined ? { alias_label: f.alias_label, alias_name: f.alias_name ?? '' } : undefined
      const filter = {
        ...(f.external_id !== undefined && { externalId: f.external_id }), ...(f.braze_id !== undefined && { brazeId: f.braze_id }),
        ...(f.email !== undefined && { email: f.email }), ...(f.phone !== undefined && { phone: phoneKey(f.phone) }), ...(alias !== undefined && { alias })
      }
      const rows = deps.inspect.find(ws.pk, filter, limit + 1, decodeCursor(f.cursor))
      const page = rows.slice(0, limit)
      const subscriptions = deps.subscriptionState?.(ws.pk, page.map((u) => u.pk))
      const users = page.map((u) => ({ ...view(u, deps.cohortsOf(ws.pk, u.pk)), ...(subscriptions !== undefined && { subscriptions: subscriptions.get(u.pk) ?? {} }) }))
      const last = page[page.length - 1]
      return rows.length > limit && last !== undefined ? { users, next_cursor: String(last.pk) } : { users }
    }
  }
}

function view (u: InspectedUser, cohorts: ReturnType<CohortsOfUser>) {
  const summary = (s: { name: string, first: number, last: number, count: number }) => ({ name: s.name, first: toIso(s.first), last: toIso(s.last), count: s.count })
  return {
    braze_id: u.brazeId,
    external_id: u.externalId,
    email: u.email,
    phone: u.phone,
    user_aliases: u.aliases as UserAlias[],
    profile: u.profile,
    custom_attributes: u.customAttributes,
    email_subscribe: u.emailSubscribe,
    push_subscribe: u.pushSubscribe,
    total_revenue: u.totalRevenue,
    custom_events: u.events.map(summary),
    purchases: u.purchases.map(summary),
    cohorts,
    created_at: toIso(u.createdAt),
    updated_at: toIso(u.updatedAt)
  }
}

/** Cursors are the last user's row pk: stable while users are added, opaque to callers. */
function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  if (!/^\d{1,15}$/.test(cursor)) throw new FakeBadRequest('querystring.cursor: not a next_cursor returned by this endpoint')
  return Number(cursor)
}
