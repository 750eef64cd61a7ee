import type { DatabaseHandle } from '../../db/client.js'
import type { CohortRow } from '../../db/schema/cohorts.js'
import type { UserRow } from '../../db/schema/users.js'
import { createDataPointRepository } from '../workspaces/data-point-repository.js'
import { createSegmentRepository } from '../segments/segment-repository.js'
import { createSubscriptionRepository } from '../subscriptions/subscription-repository.js'
import { createMessagingRepository } from '../messaging/messaging-repository.js'
import { lazyStatements } from '../shared/lazy-statements.js'
import { multiRowInsert } from '../shared/multi-row-insert.js'

export type SeedRepository = ReturnType<typeof createSeedRepository>

export type NewUser = Omit<UserRow, 'pk'>
export type NewCohort = Omit<CohortRow, 'pk'>
export interface EventSummary { userPk: number, name: string, first: number, last: number, count: number }
export interface PurchaseSummary { userPk: number, productId: string, first: number, last: number, count: number, revenue: number }

/**
 * Bulk writes and whole-workspace reads for seeding and snapshots: prepared statements (users and
 * their identifiers as multi-row INSERTs) inside the caller's transaction, so 100,000 users load
 * in one pass without query building.
 * Segments and data point totals go through their own repositories (`segments`, `dataPoints`).
 */
export function createSeedRepository (handle: DatabaseHandle) {
  const { sqlite } = handle
  const prepare = lazyStatements(sqlite)
  const deprecatedOf = prepare<[number], { userPk: number, externalId: string }>(
    'SELECT user_pk AS userPk, external_id AS externalId FROM user_deprecated_external_ids WHERE workspace_pk = ? ORDER BY user_pk, external_id')
  const insertCohort = prepare<[number, string, string, string, number, string | null, number, number | null, number, number]>(
    `INSERT INTO cohorts (workspace_pk, partner, cohort_id, name, named, partner_created_at, member_count, locked_writes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const insertEvent = prepare<[number, string, number, number, number]>('INSERT INTO user_event_summaries (user_pk, name, first, last, count) VALUES (?, ?, ?, ?, ?)')
  const insertPurchase = prepare<[number, string, number, number, number, number]>(
    'INSERT INTO user_purchase_summaries (user_pk, product_id, first, last, count, revenue) VALUES (?, ?, ?, ?, ?, ?)')
  const eventsOf = prepare<[number], EventSummary>(
    `SELECT s.user_pk AS userPk, s.name, s.first, s.last, s.count FROM user_event_summaries s JOIN users u ON u.pk = s.user_pk
     WHERE u.workspace_pk = ? ORDER BY s.user_pk, s.name`)
  const purchasesOf = prepare<[number], PurchaseSummary>(
    `SELECT s.user_pk AS userPk, s.product_id AS productId, s.first, s.last, s.count, s.revenue FROM user_purchase_summaries s JOIN users u ON u.pk = s.user_pk
     WHERE u.workspace_pk = ? ORDER BY s.user_pk, s.product_id`)
  const insertMember = prepare<[number, number, number]>('INSERT OR IGNORE INTO cohort_members (cohort_pk, user_pk, added_at) VALUES (?, ?, ?)')
  const setCount = prepare<[number, number]>('UPDATE cohorts SET member_count = ? WHERE pk = ?')
  const brazeIdsTaken = prepare<[string, number], { value: string }>(
    'SELECT j.value AS value FROM json_each(?) j CROSS JOIN users u ON u.workspace_pk = ? AND u.braze_id = j.value')
  const usersInsert = multiRowInsert<NewUser>(sqlite, `INSERT INTO users (workspace_pk, braze_id, external_id, email, phone, profile, custom_attributes, email_subscribe,
    push_subscribe, random_bucket, total_revenue, created_at, updated_at)`, 13, (u, v) => {
    v.push(u.workspacePk, u.brazeId, u.externalId, u.email, u.phone, JSON.stringify(u.profile), JSON.stringify(u.customAttributes),
      u.emailSubscribe, u.pushSubscribe, u.randomBucket, u.totalRevenue, u.createdAt, u.updatedAt)
  }, 200)
  type Owned<T> = T & { workspacePk: number, userPk: number }
  const devicesInsert = multiRowInsert<Owned<{ deviceId: string }>>(sqlite, 'INSERT INTO user_devices (workspace_pk, device_id, user_pk)', 3,
    (r, v) => v.push(r.workspacePk, r.deviceId, r.userPk), 200)
  const aliasesInsert = multiRowInsert<Owned<{ label: string, name: string }>>(sqlite, 'INSERT INTO user_aliases (workspace_pk, alias_label, alias_name, user_pk)', 4,
    (r, v) => v.push(r.workspacePk, r.label, r.name, r.userPk), 200)
  const deprecatedInsert = multiRowInsert<Owned<{ externalId: string }>>(sqlite, 'INSERT INTO user_deprecated_external_ids (workspace_pk, external_id, user_pk)', 3,
    (r, v) => v.push(r.workspacePk, r.externalId, r.userPk), 200)
  const usersOf = prepare<[number], UserRow>(
    `SELECT pk, workspace_pk AS workspacePk, braze_id AS brazeId, external_id AS externalId, email, phone, profile, custom_attributes AS customAttributes,
     email_subscribe AS emailSubscribe, push_subscribe AS pushSubscribe, random_bucket AS randomBucket, total_revenue AS totalRevenue,
     created_at AS createdAt, updated_at AS updatedAt FROM users WHERE workspace_pk = ? ORDER BY pk`)
  const devicesOf = prepare<[number], { userPk: number, deviceId: string }>('SELECT user_pk AS userPk, device_id AS deviceId FROM user_devices WHERE workspace_pk = ? ORDER BY user_pk, device_id')
  const aliasesOf = prepare<[number], { userPk: number, aliasLabel: string, aliasName: string }>(
    'SELECT user_pk AS userPk, alias_label AS aliasLabel, alias_name AS aliasName FROM user_aliases WHERE workspace_pk = ? ORDER BY user_pk, alias_label')
  const cohortsOf = prepare<[number], CohortRow>(
    `SELECT pk, workspace_pk AS workspacePk, partner, cohort_id AS cohortId, name, named, partner_created_at AS partnerCreatedAt,
     member_count AS memberCount, locked_writes AS lockedWrites, created_at AS createdAt, updated_at AS updatedAt FROM cohorts WHERE workspace_pk = ? ORDER BY pk`)
  const membersOf = prepare<[number], { brazeId: string, addedAt: number }>(
    'SELECT u.braze_id AS brazeId, m.added_at AS addedAt FROM cohort_members m JOIN users u ON u.pk = m.user_pk WHERE m.cohort_pk = ? ORDER BY m.user_pk')

  return {
    /** Which of these braze_ids a user of the workspace already holds (one json_each look-up). */
    brazeIdsTaken: (workspacePk: number, brazeIds: readonly string[]): Set<string> =>
      new Set(brazeIds.length === 0 ? [] : brazeIdsTaken.all(JSON.stringify(brazeIds), workspacePk).map((r) => r.value)),
    /** Multi-row inserts; returns each user's pk, in order. */
    insertUsers: (rows: readonly NewUser[]): number[] => usersInsert.run(rows, true),
    insertDevices: (rows: ReadonlyArray<{ workspacePk: number, deviceId: string, userPk: number }>): void => { devicesInsert.run(rows) },
    insertAliases: (rows: ReadonlyArray<{ workspacePk: number, label: string, name: string, userPk: number }>): void => { aliasesInsert.run(rows) },
    insertDeprecatedExternalIds: (rows: ReadonlyArray<{ workspacePk: number, externalId: string, userPk: number }>): void => { deprecatedInsert.run(rows) },
    deprecatedExternalIds: (workspacePk: number) => deprecatedOf.all(workspacePk),
    insertCohort (c: NewCohort): number {
      return Number(insertCohort.run(c.workspacePk, c.partner, c.cohortId, c.name, c.named ? 1 : 0, c.partnerCreatedAt, c.memberCount, c.lockedWrites, c.createdAt, c.updatedAt).lastInsertRowid)
    },
    insertEvent (e: EventSummary): void { insertEvent.run(e.userPk, e.name, e.first, e.last, e.count) },
    insertPurchase (p: PurchaseSummary): void { insertPurchase.run(p.userPk, p.productId, p.first, p.last, p.count, p.revenue) },
    /** A workspace's event and purchase summaries, by user then name. */
    events: (workspacePk: number): EventSummary[] => eventsOf.all(workspacePk),
    purchases: (workspacePk: number): PurchaseSummary[] => purchasesOf.all(workspacePk),
    /** Returns whether the user was not a member yet. */
    insertMember (cohortPk: number, userPk: number, addedAt: number): boolean { return insertMember.run(cohortPk, userPk, addedAt).changes > 0 },
    setMemberCount (cohortPk: number, n: number): void { setCount.run(n, cohortPk) },
    users (workspacePk: number): UserRow[] {
      return usersOf.all(workspacePk).map((u) => ({ ...u, profile: JSON.parse(u.profile as unknown as string), customAttributes: JSON.parse(u.customAttributes as unknown as string) }))
    },
    devices: (workspacePk: number) => devicesOf.all(workspacePk),
    aliases: (workspacePk: number) => aliasesOf.all(workspacePk),
    cohorts: (workspacePk: number): CohortRow[] => cohortsOf.all(workspacePk).map((c) => ({ ...c, named: Boolean(c.named) })),
    members: (cohortPk: number) => membersOf.all(cohortPk),
    segments: createSegmentRepository(handle),
    subscriptions: createSubscriptionRepository(handle),
    messaging: createMessagingRepository(handle),
    dataPoints: createDataPointRepository(handle)
  }
}
