import { and, eq, inArray, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { userAliases, userDeprecatedExternalIds, userDevices, users, type UserRow } from '../../db/schema/users.js'
import { userEventSummaries, userPurchaseSummaries } from '../../db/schema/user-activity.js'
import { lazyQuery, lazyStatements } from '../shared/lazy-statements.js'
import { multiRowInsert } from '../shared/multi-row-insert.js'

export type UserRepository = ReturnType<typeof createUserRepository>

export interface AliasKey { alias_name: string, alias_label: string }
export interface UserIdentifiers { deviceIds: string[], aliases: AliasKey[] }
/** A device id or alias row to write, for `addDevicesOf` / `addAliasesOf`. */
export interface DeviceOf { userPk: number, deviceId: string }
export interface AliasOf { userPk: number, alias: AliasKey }
/** Of the identifiers asked about, those a user of the workspace already holds (aliases by their index in the list asked). */
export interface TakenIdentifiers { externalIds: Set<string>, brazeIds: Set<string>, deviceIds: Set<string>, aliases: Set<number> }

/** Bulk identifier lookups: (JSON array of identifiers, workspace pk) → matches. */
export const IDENTIFIER_LOOKUPS = {
  externalIds: 'SELECT j.value AS value, u.pk AS pk FROM json_each(?) j CROSS JOIN users u ON u.workspace_pk = ? AND u.external_id = j.value',
  /** the same lookup returning only the pks (read with pluck: no row object, no string per match) */
  externalIdPks: 'SELECT u.pk AS pk FROM json_each(?) j CROSS JOIN users u ON u.workspace_pk = ? AND u.external_id = j.value',
  // Cohort import reaches only anonymous users by device id (cohort_import.md, PR #7980).
  anonymousDeviceIds: `SELECT j.value AS value, d.user_pk AS pk FROM json_each(?) j
    CROSS JOIN user_devices d ON d.workspace_pk = ? AND d.device_id = j.value
    CROSS JOIN users u ON u.pk = d.user_pk AND u.external_id IS NULL`,
  /** deprecated external ids (after /users/external_ids/rename) still name their user until removed */
  deprecatedExternalIds: 'SELECT j.value AS value, d.user_pk AS pk FROM json_each(?) j CROSS JOIN user_deprecated_external_ids d ON d.workspace_pk = ? AND d.external_id = j.value',
  aliases: `SELECT j.key AS idx, a.user_pk AS pk FROM json_each(?) j
    CROSS JOIN user_aliases a ON a.workspace_pk = ? AND a.alias_label = json_extract(j.value, '$.alias_label')
    AND a.alias_name = json_extract(j.value, '$.alias_name')`
} as const

/**
 * Users and their identifiers. The bulk lookups are raw prepared statements over json_each:
 * one statement resolves a thousand identifiers inside SQLite instead of a thousand round trips.
 * CROSS JOIN pins json_each as the outer loop; otherwise the planner may scan every user of the
 * workspace once per request.
 */
export function createUserRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const byExternalIds = prepare<[string, number], { value: string, pk: number }>(IDENTIFIER_LOOKUPS.externalIds)
  const pksByExternalIds = prepare<[string, number], number>(IDENTIFIER_LOOKUPS.externalIdPks).pluck(true)
  const anonymousByDeviceIds = prepare<[string, number], { value: string, pk: number }>(IDENTIFIER_LOOKUPS.anonymousDeviceIds)
  const byAliases = prepare<[string, number], { idx: number, pk: number }>(IDENTIFIER_LOOKUPS.aliases)
  const byDeprecatedExternalIds = prepare<[string, number], { value: string, pk: number }>(IDENTIFIER_LOOKUPS.deprecatedExternalIds)
  const deprecatedOwner = prepare<[number, string], { pk: number }>('SELECT user_pk AS pk FROM user_deprecated_external_ids WHERE workspace_pk = ? AND external_id = ?')
  const anyDeprecated = prepare<[number], { one: number }>('SELECT 1 AS one FROM user_deprecated_external_ids WHERE workspace_pk = ? LIMIT 1')
  const bulkInsert = prepare<unknown[]>(
    `INSERT INTO users (workspace_pk, braze_id, external_id, email, phone, profile, custom_attributes, email_subscribe, push_subscribe,
      random_bucket, total_revenue, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)

  // Identifier lookups of /users/identify, /users/alias/*, /users/delete…: prepared once (drizzle's
  // builder built and prepared each again on every call, ~0.1 ms each; BENCHMARKS.md, Issue 19, fourth pass).
  const byPrimaryExternalId = lazyQuery(() => db.select().from(users)
    .where(and(eq(users.workspacePk, sql.placeholder('ws')), eq(users.externalId, sql.placeholder('id')))).prepare())
  const byPk = lazyQuery(() => db.select().from(users).where(eq(users.pk, sql.placeholder('pk'))).prepare())
  const byBrazeIdRow = lazyQuery(() => db.select().from(users)
    .where(and(eq(users.workspacePk, sql.placeholder('ws')), eq(users.brazeId, sql.placeholder('id')))).prepare())
  const deviceOwner = lazyQuery(() => db.select({ pk: userDevices.userPk }).from(userDevices)
    .where(and(eq(userDevices.workspacePk, sql.placeholder('ws')), eq(userDevices.deviceId, sql.placeholder('id')))).prepare())
  const aliasOwner = lazyQuery(() => db.select({ pk: userAliases.userPk }).from(userAliases)
    .where(and(eq(userAliases.workspacePk, sql.placeholder('ws')), eq(userAliases.aliasLabel, sql.placeholder('label')), eq(userAliases.aliasName, sql.placeholder('name')))).prepare())
  // An export reads its users' identifiers with these (drizzle's builder prepared both again on every
  // request: ~0.15 ms of a 50-id /users/export/ids; BENCHMARKS.md, Issue 19, fourth pass).
  const devicesOf = prepare<[string], { userPk: number, deviceId: string }>(
    'SELECT user_pk AS userPk, device_id AS deviceId FROM user_devices WHERE user_pk IN (SELECT value FROM json_each(?))')
  const aliasesOf = prepare<[string], { userPk: number, aliasName: string, aliasLabel: string }>(
    'SELECT user_pk AS userPk, alias_name AS aliasName, alias_label AS aliasLabel FROM user_aliases WHERE user_pk IN (SELECT value FROM json_each(?))')
  const takenBrazeIds = prepare<[string, number], { value: string }>(
    'SELECT j.value AS value FROM json_each(?) j CROSS JOIN users u ON u.workspace_pk = ? AND u.braze_id = j.value')
  const takenDeviceIds = prepare<[string, number], { value: string }>(
    'SELECT j.value AS value FROM json_each(?) j CROSS JOIN user_devices d ON d.workspace_pk = ? AND d.device_id = j.value')
  const usersInsert = multiRowInsert<Omit<UserRow, 'pk'>>(sqlite, `INSERT INTO users (workspace_pk, braze_id, external_id, email, phone, profile, custom_attributes,
    email_subscribe, push_subscribe, random_bucket, total_revenue, created_at, updated_at)`, 13, (r, v) => {
    v.push(r.workspacePk, r.brazeId, r.externalId, r.email, r.phone, JSON.stringify(r.profile), JSON.stringify(r.customAttributes),
      r.emailSubscribe, r.pushSubscribe, r.randomBucket, r.totalRevenue, r.createdAt, r.updatedAt)
  }, 200)
  const devicesInsert = multiRowInsert<DeviceOf & { workspacePk: number }>(sqlite, 'INSERT INTO user_devices (workspace_pk, device_id, user_pk)', 3,
    (r, v) => v.push(r.workspacePk, r.deviceId, r.userPk), 200)
  const aliasesInsert = multiRowInsert<AliasOf & { workspacePk: number }>(sqlite, 'INSERT INTO user_aliases (workspace_pk, alias_label, alias_name, user_pk)', 4,
    (r, v) => v.push(r.workspacePk, r.alias.alias_label, r.alias.alias_name, r.userPk), 200)

  const anyEventSummary = prepare('SELECT 1 AS x FROM user_event_summaries LIMIT 1')
  const anyPurchaseSummary = prepare('SELECT 1 AS x FROM user_purchase_summaries LIMIT 1')

  return {
    /** Bulk load (benchmarks, seed files): one prepared statement, no checks; the caller wraps it in a transaction. */
    insertMany (rows: ReadonlyArray<Omit<UserRow, 'pk'>>): void {
      for (const r of rows) {
        bulkInsert.run(r.workspacePk, r.brazeId, r.externalId, r.email, r.phone, JSON.stringify(r.profile), JSON.stringify(r.customAttributes),
          r.emailSubscribe, r.pushSubscribe, r.randomBucket, r.totalRevenue, r.createdAt, r.updatedAt)
      }
    },
    /**
     * Bulk create (control-plane seeding): multi-row INSERTs; returns each row's pk, in order.
     * Writes exactly what `insert` writes (JSON columns as JSON.stringify gives them).
     */
    insertAll: (rows: ReadonlyArray<Omit<UserRow, 'pk'>>): number[] => usersInsert.run(rows, true),
    addDevicesOf: (workspacePk: number, rows: readonly DeviceOf[]): void => { devicesInsert.run(rows.map((r) => ({ ...r, workspacePk }))) },
    addAliasesOf: (workspacePk: number, rows: readonly AliasOf[]): void => { aliasesInsert.run(rows.map((r) => ({ ...r, workspacePk }))) },
    /**
     * Which of these identifiers a user of the workspace already holds: one json_each statement per
     * kind. External ids count primary and deprecated ones (as findByExternalId does).
     */
    takenIdentifiers (workspacePk: number, asked: { externalIds: readonly string[], brazeIds: readonly string[], deviceIds: readonly string[], aliases: readonly AliasKey[] }): TakenIdentifiers {
      const values = <T extends { value: string }>(list: readonly string[], stmt: { all: (json: string, ws: number) => T[] }): Set<string> =>
        new Set(list.length === 0 ? [] : stmt.all(JSON.stringify(list), workspacePk).map((r) => r.value))
      return {
        externalIds: new Set(this.findPksByExternalIds(workspacePk, asked.externalIds).map((r) => r.value)),
        brazeIds: values(asked.brazeIds, takenBrazeIds),
        deviceIds: values(asked.deviceIds, takenDeviceIds),
        aliases: new Set(this.findPksByAliases(workspacePk, asked.aliases).map((r) => Number(r.idx)))
      }
    },
    insert (row: Omit<UserRow, 'pk'>): UserRow {
      return db.insert(users).values(row).returning().get()
    },
    addDevices (workspacePk: number, userPk: number, deviceIds: readonly string[]): void {
      if (deviceIds.length === 0) return
      db.insert(userDevices).values(deviceIds.map((deviceId) => ({ workspacePk, deviceId, userPk }))).run()
    },
    addAliases (workspacePk: number, userPk: number, aliases: readonly AliasKey[]): void {
      if (aliases.length === 0) return
      db.insert(userAliases).values(aliases.map((a) => ({ workspacePk, userPk, aliasLabel: a.alias_label, aliasName: a.alias_name }))).run()
    },
    /** The user whose primary, or else deprecated, external id this is. */
    findByExternalId (workspacePk: number, externalId: string): UserRow | undefined {
      const primary = byPrimaryExternalId().get({ ws: workspacePk, id: externalId })
      if (primary !== undefined) return primary
      const pk = deprecatedOwner.get(workspacePk, externalId)?.pk
      return pk === undefined ? undefined : byPk().get({ pk })
    },
    /** Only the primary external id (rename and remove must tell the two apart). */
    findByPrimaryExternalId (workspacePk: number, externalId: string): UserRow | undefined {
      return byPrimaryExternalId().get({ ws: workspacePk, id: externalId })
    },
    deprecatedExternalIdOwner (workspacePk: number, externalId: string): number | undefined {
      return deprecatedOwner.get(workspacePk, externalId)?.pk
    },
    /** Renames a user's primary external id; the old one becomes deprecated (post_external_ids_rename.md). */
    renameExternalId (workspacePk: number, userPk: number, oldId: string, newId: string, now: number): void {
      db.update(users).set({ externalId: newId, updatedAt: now }).where(eq(users.pk, userPk)).run()
      db.insert(userDeprecatedExternalIds).values({ workspacePk, externalId: oldId, userPk }).run()
    },
    removeDeprecatedExternalId (workspacePk: number, externalId: string): void {
      db.delete(userDeprecatedExternalIds).where(and(eq(userDeprecatedExternalIds.workspacePk, workspacePk), eq(userDeprecatedExternalIds.externalId, externalId))).run()
    },
    findByBrazeId (workspacePk: number, brazeId: string): UserRow | undefined {
      return byBrazeIdRow().get({ ws: workspacePk, id: brazeId })
    },
    findDeviceOwner (workspacePk: number, deviceId: string): number | undefined {
      return deviceOwner().get({ ws: workspacePk, id: deviceId })?.pk
    },
    findAliasOwner (workspacePk: number, alias: AliasKey): number | undefined {
      return aliasOwner().get({ ws: workspacePk, label: alias.alias_label, name: alias.alias_name })?.pk
    },
    /** Primary external ids, then, for those that matched nobody, deprecated ones (only when the workspace has any). */
    findPksByExternalIds (workspacePk: number, externalIds: readonly string[]): Array<{ value: string, pk: number }> {
      if (externalIds.length === 0) return []
      const found = byExternalIds.all(JSON.stringify(externalIds), workspacePk)
      if (found.length === externalIds.length || anyDeprecated.get(workspacePk) === undefined) return found
      const matched = new Set(found.map((r) => r.value))
      const missing = externalIds.filter((id) => !matched.has(id))
      return missing.length === 0 ? found : [...found, ...byDeprecatedExternalIds.all(JSON.stringify(missing), workspacePk)]
    },
    /**
     * The users' pks when every one of these distinct external ids is a user's primary external
     * id (one user each: the index is unique), else undefined, and findPksByExternalIds tells
     * which matched. Reading pks alone costs about half of reading value/pk rows (1,000 ids:
     * ~0.6 against ~1.15 ms, BENCHMARKS.md), and a sync mostly sends ids that exist.
     */
    pksIfEveryExternalIdMatches (workspacePk: number, distinctExternalIds: readonly string[]): number[] | undefined {
      if (distinctExternalIds.length === 0) return []
      const pks = pksByExternalIds.all(JSON.stringify(distinctExternalIds), workspacePk)
      return pks.length === distinctExternalIds.length ? pks : undefined
    },
    findAnonymousPksByDeviceIds (workspacePk: number, deviceIds: readonly string[]): Array<{ value: string, pk: number }> {
      return deviceIds.length === 0 ? [] : anonymousByDeviceIds.all(JSON.stringify(deviceIds), workspacePk)
    },
    /** Returns, for each alias that matched, its index in `aliases` and the owner. */
    findPksByAliases (workspacePk: number, aliases: readonly AliasKey[]): Array<{ idx: number, pk: number }> {
      return aliases.length === 0 ? [] : byAliases.all(JSON.stringify(aliases), workspacePk)
    },
    findByPks (pks: readonly number[]): UserRow[] {
      return pks.length === 0 ? [] : db.select().from(users).where(inArray(users.pk, [...pks])).all()
    },
    identifiersOf (pks: readonly number[]): Map<number, UserIdentifiers> {
      const out = new Map<number, UserIdentifiers>()
      if (pks.length === 0) return out
      const entry = (pk: number): UserIdentifiers => {
        let e = out.get(pk)
        if (e === undefined) { e = { deviceIds: [], aliases: [] }; out.set(pk, e) }
        return e
      }
      const list = JSON.stringify(pks)
      for (const d of devicesOf.all(list)) entry(d.userPk).deviceIds.push(d.deviceId)
      for (const a of aliasesOf.all(list)) {
        entry(a.userPk).aliases.push({ alias_name: a.aliasName, alias_label: a.aliasLabel })
      }
      return out
    },
    deleteWorkspaceData (workspacePk: number): void {
      const inWorkspace = db.select({ pk: users.pk }).from(users).where(eq(users.workspacePk, workspacePk))
      // Building the IN-list of 100,000 users costs ~20 ms even when a summary table is empty.
      if (anyEventSummary.get() !== undefined) db.delete(userEventSummaries).where(inArray(userEventSummaries.userPk, inWorkspace)).run()
      if (anyPurchaseSummary.get() !== undefined) db.delete(userPurchaseSummaries).where(inArray(userPurchaseSummaries.userPk, inWorkspace)).run()
      db.delete(userDevices).where(eq(userDevices.workspacePk, workspacePk)).run()
      db.delete(userAliases).where(eq(userAliases.workspacePk, workspacePk)).run()
      db.delete(userDeprecatedExternalIds).where(eq(userDeprecatedExternalIds.workspacePk, workspacePk)).run()
      db.delete(users).where(eq(users.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(userEventSummaries).run()
      db.delete(userPurchaseSummaries).run()
      db.delete(userDevices).run()
      db.delete(userAliases).run()
      db.delete(userDeprecatedExternalIds).run()
      db.delete(users).run()
    }
  }
}
