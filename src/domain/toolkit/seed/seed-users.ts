/**
 * The users section of a seed file: identifiers, profile, subscriptions and the per-user event
 * and purchase summaries (user_event_summaries / user_purchase_summaries), loaded and written back.
 */
import { phoneKey } from '../../shared/phone.js'
import { toIso } from '../../shared/clock.js'
import { FakeBadRequest, FakeConflict } from '../../shared/errors.js'
import { newBrazeId, randomBucket } from '../../shared/ids.js'
import type { SeedEvent, SeedPurchase, SeedScope, SeedUser, Subscription } from './seed-types.js'
import type { NewUser, SeedRepository } from '../../../repositories/toolkit/seed-repository.js'

/** Users per multi-row write while loading (a few statements' worth: large enough to amortise a run, small enough to stay in the young generation). */
const WRITE_CHUNK = 200

/** Users of the workspace being loaded, for cohort members: their index in the file by external_id and by braze_id. */
export interface LoadedUsers { byExternal: Map<string, number>, byBrazeId: Map<string, number>, /** pk of users[i] */ pks: number[] }

export function loadUsers (seeds: SeedRepository, scope: SeedScope, users: SeedUser[]): LoadedUsers {
  const { workspacePk, ms } = scope
  // Checked against the workspace in one look-up, then against the users before each one in the file.
  const takenBrazeIds = seeds.brazeIdsTaken(workspacePk, users.flatMap((u) => u.braze_id ?? []))
  const devices = new Set<string>()
  const aliases = new Set<string>()
  const deprecated = new Map<string, string>()
  const byExternal = new Map<string, number>()
  const byBrazeId = new Map<string, number>()
  const pks: number[] = []
  // Users are written WRITE_CHUNK at a time as the walk goes (multi-row INSERTs; the transaction
  // undoes them if a later user is refused), so a large file never holds all its rows at once.
  // Rows name their user by index in the file; `pks` holds the pks of the users written so far.
  let rows: NewUser[] = []
  let deviceRows: Array<{ deviceId: string, user: number }> = []
  let aliasRows: Array<{ label: string, name: string, user: number }> = []
  let deprecatedRows: Array<{ externalId: string, user: number }> = []
  let eventRows: Array<{ user: number, name: string, first: number, last: number, count: number }> = []
  let purchaseRows: Array<{ user: number, productId: string, first: number, last: number, count: number, revenue: number }> = []
  const flush = (): void => {
    if (rows.length === 0) return
    for (const pk of seeds.insertUsers(rows)) pks.push(pk)
    if (deviceRows.length > 0) seeds.insertDevices(deviceRows.map((r) => ({ workspacePk, deviceId: r.deviceId, userPk: pks[r.user]! })))
    if (aliasRows.length > 0) seeds.insertAliases(aliasRows.map((r) => ({ workspacePk, label: r.label, name: r.name, userPk: pks[r.user]! })))
    if (deprecatedRows.length > 0) seeds.insertDeprecatedExternalIds(deprecatedRows.map((r) => ({ workspacePk, externalId: r.externalId, userPk: pks[r.user]! })))
    for (const e of eventRows) seeds.insertEvent({ userPk: pks[e.user]!, name: e.name, first: e.first, last: e.last, count: e.count })
    for (const p of purchaseRows) seeds.insertPurchase({ userPk: pks[p.user]!, productId: p.productId, first: p.first, last: p.last, count: p.count, revenue: p.revenue })
    rows = []; deviceRows = []; aliasRows = []; deprecatedRows = []; eventRows = []; purchaseRows = []
  }
  users.forEach((u, i) => {
    // The path of the user is built only for a message (a million-user file would build a million).
    const ua = (): string => `${scope.at}.users[${i}]`
    const brazeId = u.braze_id ?? newBrazeId(ms(u.created_at))
    if (byBrazeId.has(brazeId) || takenBrazeIds.has(brazeId)) throw new FakeConflict(`${ua()}.braze_id: '${brazeId}' is already in use`)
    if (u.external_id !== undefined && byExternal.has(u.external_id)) throw new FakeConflict(`${ua()}.external_id: '${u.external_id}' appears twice`)
    // A hand-written seed with purchases but no total_revenue gets their sum, as /users/track would have booked it.
    const revenue = u.purchases === undefined ? 0 : u.purchases.reduce((sum, p) => sum + (p.revenue ?? 0), 0)
    rows.push({
      workspacePk, brazeId, externalId: u.external_id ?? null, email: u.email?.trim().toLowerCase() ?? null, phone: u.phone === undefined ? null : phoneKey(u.phone),
      profile: u.profile ?? {}, customAttributes: u.custom_attributes ?? {}, emailSubscribe: u.email_subscribe ?? null, pushSubscribe: u.push_subscribe ?? null,
      randomBucket: u.random_bucket ?? randomBucket(), totalRevenue: u.total_revenue ?? revenue, createdAt: ms(u.created_at), updatedAt: ms(u.updated_at ?? u.created_at)
    })
    byBrazeId.set(brazeId, i)
    if (u.external_id !== undefined) byExternal.set(u.external_id, i)
    if (u.device_ids !== undefined) {
      for (const d of u.device_ids) {
        if (devices.has(d)) throw new FakeConflict(`${ua()}.device_ids: '${d}' already belongs to a user`)
        devices.add(d)
        deviceRows.push({ deviceId: d, user: i })
      }
    }
    if (u.aliases !== undefined) {
      const labels = new Set<string>()
      for (const a of u.aliases) {
        const key = `${a.alias_label}\u0000${a.alias_name}`
        if (aliases.has(key) || labels.has(a.alias_label)) throw new FakeConflict(`${ua()}.aliases: ${a.alias_label}/${a.alias_name} is taken or a second alias for its label`)
        aliases.add(key); labels.add(a.alias_label)
        aliasRows.push({ label: a.alias_label, name: a.alias_name, user: i })
      }
    }
    if (u.deprecated_external_ids !== undefined) {
      for (const d of u.deprecated_external_ids) {
        if (deprecated.has(d)) throw new FakeConflict(`${ua()}.deprecated_external_ids: '${d}' appears twice`)
        deprecated.set(d, ua())
        deprecatedRows.push({ externalId: d, user: i })
      }
    }
    if (u.events !== undefined) loadActivity(scope, `${ua()}.events`, u.events, (e) => e.name, (e, span) => eventRows.push({ user: i, name: e.name, ...span }))
    if (u.purchases !== undefined) {
      loadActivity(scope, `${ua()}.purchases`, u.purchases, (p) => p.product_id, (p, span) => purchaseRows.push({ user: i, productId: p.product_id, ...span, revenue: p.revenue ?? 0 }))
    }
    if (rows.length === WRITE_CHUNK) flush()
  })
  flush()
  // An id is either primary or deprecated, never both (post_external_ids_rename.md).
  for (const [d, ua] of deprecated) if (byExternal.has(d)) throw new FakeConflict(`${ua}.deprecated_external_ids: '${d}' is also a primary external_id`)
  return { byExternal, byBrazeId, pks }
}

/** One summary per name; `first` and `last` default to now, `count` to 1 [inferred]. */
function loadActivity<T extends SeedEvent | SeedPurchase> (
  scope: SeedScope, at: string, list: T[], nameOf: (x: T) => string,
  insert: (x: T, span: { first: number, last: number, count: number }) => void
): void {
  const names = new Set<string>()
  list.forEach((x, j) => {
    const name = nameOf(x)
    if (names.has(name)) throw new FakeConflict(`${at}[${j}]: '${name}' appears twice`)
    names.add(name)
    const first = scope.ms(x.first)
    const last = x.last === undefined ? first : scope.ms(x.last)
    if (last < first) throw new FakeBadRequest(`${at}[${j}].last: must not be before first`)
    insert(x, { first, last, count: x.count ?? 1 })
  })
}

/** The workspace's users in the seed format, every field explicit. */
export function snapshotUsers (seeds: SeedRepository, workspacePk: number, groupStates: ReadonlyMap<number, Record<string, 'subscribed' | 'unsubscribed'>> = new Map()): SeedUser[] {
  const devices = group(seeds.devices(workspacePk), (d) => d.deviceId)
  const aliases = group(seeds.aliases(workspacePk), (a) => ({ alias_name: a.aliasName, alias_label: a.aliasLabel }))
  const deprecated = group(seeds.deprecatedExternalIds(workspacePk), (d) => d.externalId)
  const events = group(seeds.events(workspacePk), (e): SeedEvent => ({ name: e.name, first: toIso(e.first), last: toIso(e.last), count: e.count }))
  const purchases = group(seeds.purchases(workspacePk), (p): SeedPurchase => ({
    product_id: p.productId, first: toIso(p.first), last: toIso(p.last), count: p.count, revenue: p.revenue
  }))
  return seeds.users(workspacePk).map((u) => ({
    braze_id: u.brazeId,
    ...(u.externalId !== null && { external_id: u.externalId }),
    ...(u.email !== null && { email: u.email }),
    ...(u.phone !== null && { phone: u.phone }),
    ...(devices.has(u.pk) && { device_ids: devices.get(u.pk) }),
    ...(aliases.has(u.pk) && { aliases: aliases.get(u.pk) }),
    ...(deprecated.has(u.pk) && { deprecated_external_ids: deprecated.get(u.pk) }),
    profile: u.profile,
    custom_attributes: u.customAttributes,
    ...(u.emailSubscribe !== null && { email_subscribe: u.emailSubscribe as Subscription }),
    ...(u.pushSubscribe !== null && { push_subscribe: u.pushSubscribe as Subscription }),
    random_bucket: u.randomBucket,
    total_revenue: u.totalRevenue,
    created_at: toIso(u.createdAt),
    updated_at: toIso(u.updatedAt),
    ...(events.has(u.pk) && { events: events.get(u.pk) }),
    ...(purchases.has(u.pk) && { purchases: purchases.get(u.pk) }),
    ...(groupStates.has(u.pk) && { subscription_groups: groupStates.get(u.pk) })
  }))
}

function group<R extends { userPk: number }, T> (rows: R[], map: (r: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const list = out.get(r.userPk)
    if (list === undefined) out.set(r.userPk, [map(r)])
    else list.push(map(r))
  }
  return out
}
