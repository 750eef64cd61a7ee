import { and, eq, inArray } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { userEventSummaries, userPurchaseSummaries } from '../../db/schema/user-activity.js'
import { userAliases, userDeprecatedExternalIds, userDevices, users, type UserRow } from '../../db/schema/users.js'
import type { AliasKey } from './user-repository.js'
import { SUMMARY_UPSERTS } from './activity-repository.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type UserIdentityRepository = ReturnType<typeof createUserIdentityRepository>

export interface SummaryInput { name: string, first: number, last: number, count: number, revenue?: number }

/** The fields of a user row that identity operations rewrite. */
export type UserPatch = Partial<Pick<UserRow, 'externalId' | 'email' | 'phone' | 'profile' | 'customAttributes' | 'totalRevenue' | 'updatedAt'>>

/**
 * Write side of the identity endpoints and of control-plane seeding: summaries, alias and device
 * moves, external id assignment, and hard deletes (rows of users, devices, aliases, summaries;
 * cohort membership is the cohort repository's job).
 */
export function createUserIdentityRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const upsertEvent = prepare<[number, string, number, number, number]>(SUMMARY_UPSERTS.event)
  const upsertPurchase = prepare<[number, string, number, number, number, number]>(SUMMARY_UPSERTS.purchase)

  return {
    addEventSummaries (userPk: number, rows: readonly SummaryInput[]): void {
      for (const r of rows) upsertEvent.run(userPk, r.name, r.first, r.last, r.count)
    },
    addPurchaseSummaries (userPk: number, rows: readonly SummaryInput[]): void {
      for (const r of rows) upsertPurchase.run(userPk, r.name, r.first, r.last, r.count, r.revenue ?? 0)
    },
    update (userPk: number, patch: UserPatch): void {
      if (Object.keys(patch).length > 0) db.update(users).set(patch).where(eq(users.pk, userPk)).run()
    },
    aliasesOf (userPk: number): AliasKey[] {
      return db.select({ alias_name: userAliases.aliasName, alias_label: userAliases.aliasLabel }).from(userAliases).where(eq(userAliases.userPk, userPk)).all()
    },
    moveAlias (workspacePk: number, alias: AliasKey, toUserPk: number): void {
      db.update(userAliases).set({ userPk: toUserPk })
        .where(and(eq(userAliases.workspacePk, workspacePk), eq(userAliases.aliasLabel, alias.alias_label), eq(userAliases.aliasName, alias.alias_name))).run()
    },
    renameAlias (workspacePk: number, label: string, oldName: string, newName: string): void {
      db.update(userAliases).set({ aliasName: newName })
        .where(and(eq(userAliases.workspacePk, workspacePk), eq(userAliases.aliasLabel, label), eq(userAliases.aliasName, oldName))).run()
    },
    moveDevices (fromUserPk: number, toUserPk: number): void {
      db.update(userDevices).set({ userPk: toUserPk }).where(eq(userDevices.userPk, fromUserPk)).run()
    },
    /** Hard delete of users and every row keyed by them, except cohort membership. */
    deleteUsers (pks: readonly number[]): void {
      if (pks.length === 0) return
      const list = [...pks]
      db.delete(userEventSummaries).where(inArray(userEventSummaries.userPk, list)).run()
      db.delete(userPurchaseSummaries).where(inArray(userPurchaseSummaries.userPk, list)).run()
      db.delete(userDevices).where(inArray(userDevices.userPk, list)).run()
      db.delete(userAliases).where(inArray(userAliases.userPk, list)).run()
      db.delete(userDeprecatedExternalIds).where(inArray(userDeprecatedExternalIds.userPk, list)).run()
      db.delete(users).where(inArray(users.pk, list)).run()
    }
  }
}
