import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { cohortMembers, cohorts, type CohortRow } from '../../db/schema/cohorts.js'
import { users } from '../../db/schema/users.js'
import { lazyQuery, lazyStatements } from '../shared/lazy-statements.js'

export type CohortRepository = ReturnType<typeof createCohortRepository>

export interface MemberRow { userPk: number, addedAt: number, brazeId: string, externalId: string | null }

/**
 * Cohorts and their current membership. Membership writes are single statements over a JSON
 * array of user pks, so applying a thousand identifiers costs one statement per step.
 */
export function createCohortRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const addMembers = prepare<[number, number, string]>(
    'INSERT OR IGNORE INTO cohort_members (cohort_pk, user_pk, added_at) SELECT ?, j.value, ? FROM json_each(?) j')
  const removeMembers = prepare<[number, string]>(
    'DELETE FROM cohort_members WHERE cohort_pk = ? AND user_pk IN (SELECT j.value FROM json_each(?) j)')
  const bumpCount = prepare<[number, number, number]>(
    'UPDATE cohorts SET member_count = member_count + ?, updated_at = ? WHERE pk = ?')
  // Every partner call reads its cohort through this one: a raw statement, the row mapped by hand
  // as drizzle maps it (integer 0/1 → boolean for `named`), without drizzle's per-row mapping cost.
  const byKey = prepare<[number, string, string], Omit<CohortRow, 'named'> & { named: number }>(
    `SELECT pk, workspace_pk AS workspacePk, partner, cohort_id AS cohortId, name, named, partner_created_at AS partnerCreatedAt,
       member_count AS memberCount, locked_writes AS lockedWrites, created_at AS createdAt, updated_at AS updatedAt
       FROM cohorts WHERE workspace_pk = ? AND partner = ? AND cohort_id = ?`)
  // Prepared once (drizzle rebuilds and re-prepares unprepared queries on every call).
  const insertUnnamed = lazyQuery(() => db.insert(cohorts).values({
    workspacePk: sql.placeholder('workspacePk'),
    partner: sql.placeholder('partner'),
    cohortId: sql.placeholder('cohortId'),
    name: sql.placeholder('cohortId'),
    named: false,
    createdAt: sql.placeholder('now'),
    updatedAt: sql.placeholder('now')
  }).returning().prepare())
  const upsertNamed = lazyQuery(() => db.insert(cohorts).values({
    workspacePk: sql.placeholder('workspacePk'), partner: sql.placeholder('partner'), cohortId: sql.placeholder('cohortId'), name: sql.placeholder('name'), named: true,
    partnerCreatedAt: sql.placeholder('partnerCreatedAt'), createdAt: sql.placeholder('now'), updatedAt: sql.placeholder('now')
  }).onConflictDoUpdate({
    target: [cohorts.workspacePk, cohorts.partner, cohorts.cohortId],
    set: { name: sql`excluded.name`, named: true, partnerCreatedAt: sql`excluded.partner_created_at`, updatedAt: sql`excluded.updated_at` }
  }).returning().prepare())
  // One primary-key probe per cohort of the workspace (there are few), never a membership scan.
  const ofUser = prepare<[number, number], { partner: string, cohort_id: string, name: string }>(
    `SELECT c.partner, c.cohort_id, c.name FROM cohorts c CROSS JOIN cohort_members m
      WHERE c.workspace_pk = ? AND m.cohort_pk = c.pk AND m.user_pk = ? ORDER BY c.partner, c.cohort_id`)

  return {
    /** The cohorts a user is a member of now. */
    cohortsOfUser (workspacePk: number, userPk: number): Array<{ partner: string, cohort_id: string, name: string }> {
      return ofUser.all(workspacePk, userPk)
    },
    find (workspacePk: number, partner: string, cohortId: string): CohortRow | undefined {
      const row = byKey.get(workspacePk, partner, cohortId)
      return row === undefined ? undefined : { ...row, named: Number(row.named) === 1 }
    },
    /** Creates or renames a cohort from the cohort name endpoint. */
    upsertNamed (row: { workspacePk: number, partner: string, cohortId: string, name: string, partnerCreatedAt: string, now: number }): CohortRow {
      return upsertNamed().get({ workspacePk: row.workspacePk, partner: row.partner, cohortId: row.cohortId, name: row.name, partnerCreatedAt: row.partnerCreatedAt, now: row.now })
    },
    /** The cohort, created unnamed (name = id) if the partner sends users before naming it. */
    ensure (workspacePk: number, partner: string, cohortId: string, now: number): CohortRow {
      return this.find(workspacePk, partner, cohortId) ?? insertUnnamed().get({ workspacePk, partner, cohortId, now })
    },
    /** Returns how many of the users were not members yet. */
    addMembers (cohortPk: number, userPks: readonly number[], now: number): number {
      return userPks.length === 0 ? 0 : addMembers.run(cohortPk, now, JSON.stringify(userPks)).changes
    },
    /** Returns how many of the users were members. */
    removeMembers (cohortPk: number, userPks: readonly number[]): number {
      return userPks.length === 0 ? 0 : removeMembers.run(cohortPk, JSON.stringify(userPks)).changes
    },
    adjustMemberCount (cohortPk: number, delta: number, now: number): void {
      bumpCount.run(delta, now, cohortPk)
    },
    list (workspacePk: number, partner?: string): CohortRow[] {
      const byWorkspace = eq(cohorts.workspacePk, workspacePk)
      return db.select().from(cohorts)
        .where(partner === undefined ? byWorkspace : and(byWorkspace, eq(cohorts.partner, partner)))
        .orderBy(asc(cohorts.pk)).all()
    },
    /** A page of members in user order, after the user pk `after`. */
    members (cohortPk: number, after: number, limit: number): MemberRow[] {
      return db.select({ userPk: cohortMembers.userPk, addedAt: cohortMembers.addedAt, brazeId: users.brazeId, externalId: users.externalId })
        .from(cohortMembers).innerJoin(users, eq(users.pk, cohortMembers.userPk))
        .where(and(eq(cohortMembers.cohortPk, cohortPk), gt(cohortMembers.userPk, after)))
        .orderBy(asc(cohortMembers.userPk)).limit(limit).all()
    },
    /** Drops users from every cohort of their workspace (user deletion), keeping counts right. */
    removeUsersEverywhere (workspacePk: number, userPks: readonly number[], now: number): void {
      if (userPks.length === 0) return
      for (const c of db.select({ pk: cohorts.pk }).from(cohorts).where(eq(cohorts.workspacePk, workspacePk)).all()) {
        const removed = this.removeMembers(c.pk, userPks)
        if (removed > 0) this.adjustMemberCount(c.pk, -removed, now)
      }
    },
    deleteWorkspaceData (workspacePk: number): void {
      const pks = db.select({ pk: cohorts.pk }).from(cohorts).where(eq(cohorts.workspacePk, workspacePk)).all().map((c) => c.pk)
      if (pks.length > 0) db.delete(cohortMembers).where(inArray(cohortMembers.cohortPk, pks)).run()
      db.delete(cohorts).where(eq(cohorts.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(cohortMembers).run()
      db.delete(cohorts).run()
    },
    /** writes = -1 locks until unlocked; null unlocks. */
    setLock (cohortPk: number, writes: number | null): CohortRow {
      return db.update(cohorts).set({ lockedWrites: writes }).where(eq(cohorts.pk, cohortPk)).returning().get()
    },
    /** True if the cohort is locked for this write; counts the write against a limited lock. */
    consumeLock (cohortPk: number): boolean {
      const row = db.select({ lockedWrites: cohorts.lockedWrites }).from(cohorts).where(eq(cohorts.pk, cohortPk)).get()
      const left = row?.lockedWrites ?? null
      if (left === null) return false
      if (left > 0) this.setLock(cohortPk, left === 1 ? null : left - 1)
      return true
    },
    /**
     * A merged-away user's memberships pass to the user kept: the kept user ends with one
     * membership per cohort either was in, and member_count stays right.
     */
    moveMembersEverywhere (workspacePk: number, fromUserPk: number, toUserPk: number, now: number): void {
      for (const c of db.select({ pk: cohorts.pk }).from(cohorts).where(eq(cohorts.workspacePk, workspacePk)).all()) {
        const removed = this.removeMembers(c.pk, [fromUserPk])
        if (removed === 0) continue
        const added = this.addMembers(c.pk, [toUserPk], now)
        if (added !== removed) this.adjustMemberCount(c.pk, added - removed, now)
      }
    },
    countMembers (cohortPk: number): number {
      return db.select({ n: sql<number>`count(*)` }).from(cohortMembers).where(eq(cohortMembers.cohortPk, cohortPk)).get()?.n ?? 0
    }
  }
}
