/**
 * Resolves a segment: compiles its UserSetExpr into ONE SQL statement over users,
 * cohort_members and json_extract(custom_attributes, …), evaluated against current state on
 * every call (never a stored copy).
 *
 * Why compound SELECTs: every operand yields user pks in ascending order — a cohort's members
 * straight off cohort_members' primary key (cohort_pk, user_pk), a workspace's users off
 * users_workspace_idx (workspace_pk, rowid) — so SQLite evaluates AND / OR / NOT as
 * INTERSECT / UNION / EXCEPT merges of sorted streams (ORDER BY on each nested compound makes it
 * pick the merge algorithm), instead of probing three indexes per user. An AND with negated
 * children becomes `A INTERSECT B EXCEPT C`, so "excludes" never materialises "everyone else".
 * See bench/segments.bench.ts for the figures.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { users, type UserRow } from '../../db/schema/users.js'
import type { UserSetExpr } from './user-set.js'

export type SegmentQueryRepository = ReturnType<typeof createSegmentQueryRepository>

export interface SegmentMemberRow { pk: number, brazeId: string, externalId: string | null, email: string | null, phone: string | null }

export function createSegmentQueryRepository ({ db }: DatabaseHandle) {
  return {
    count (workspacePk: number, expr: UserSetExpr): number {
      return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${compileUserSet(workspacePk, expr)})`).n
    },
    /** Members in pk order after `afterPk`; joining users drops any pk that is no longer a user. */
    page (workspacePk: number, expr: UserSetExpr, afterPk: number, limit: number): SegmentMemberRow[] {
      return db.all<SegmentMemberRow>(sql`SELECT s.pk AS pk, u.braze_id AS brazeId, u.external_id AS externalId, u.email AS email, u.phone AS phone
        FROM (${ordered(workspacePk, expr)}) s JOIN users u ON u.pk = s.pk
        WHERE s.pk > ${afterPk} ORDER BY s.pk LIMIT ${limit}`)
    },
    allPks (workspacePk: number, expr: UserSetExpr): number[] {
      return db.all<{ pk: number }>(ordered(workspacePk, expr)).map((r) => r.pk)
    },
    /** Full user rows for a batch of pks (export), in pk order. */
    usersByPks (pks: readonly number[]): UserRow[] {
      if (pks.length === 0) return []
      return db.select().from(users).where(sql`${users.pk} IN (SELECT value FROM json_each(${JSON.stringify(pks)}))`).orderBy(users.pk).all()
    }
  }
}

/** In pk order: a single users leaf could otherwise come back in the order of whichever index it used. */
function ordered (ws: number, expr: UserSetExpr): SQL {
  return sql`${compileUserSet(ws, expr)} ORDER BY 1`
}

/** A SELECT (simple or compound) of one column `pk`: the users of workspace `ws` in the set. */
export function compileUserSet (ws: number, e: UserSetExpr): SQL {
  const everyone = sql`SELECT pk FROM users WHERE workspace_pk = ${ws}`
  switch (e.kind) {
    case 'cohort':
      return sql`SELECT user_pk AS pk FROM cohort_members WHERE cohort_pk = ${e.cohortPk}`
    case 'group':
      // (group_pk, user_pk) is the table's primary key: the group's users come in pk order.
      // States of deleted users stay behind (as Braze keeps a group's history); the rowid probe drops them.
      return sql`SELECT s.user_pk AS pk FROM user_subscription_groups s WHERE s.group_pk = ${e.groupPk} AND s.state = 'subscribed' AND EXISTS (SELECT 1 FROM users x WHERE x.pk = s.user_pk)`
    case 'attribute':
    case 'column':
    case 'reachable':
      return sql`SELECT pk FROM users WHERE workspace_pk = ${ws} AND ${rowTest(ws, e)}`
    case 'not':
      return sql`${everyone} EXCEPT ${operand(ws, e.child)}`
    case 'or':
      return sql.join(e.children.map((c, i) => operand(ws, c, i === 0)), sql` UNION `)
    case 'and': {
      const positives: UserSetExpr[] = []
      const negatives: UserSetExpr[] = []
      const collect = (c: UserSetExpr): void => {
        if (c.kind === 'and') c.children.forEach(collect)
        else if (c.kind === 'not') negatives.push(c.child)
        else positives.push(c)
      }
      e.children.forEach(collect)
      const parts = [everyone]
      if (positives.length > 0) {
        const merged = cohortWithRowTests(ws, positives) // takes the cohort and row tests it merges out of positives
        parts.splice(0, 1, ...merged, ...positives.map((c, i) => operand(ws, c, i === 0 && merged.length === 0)))
      }
      const base = sql.join(parts, sql` INTERSECT `)
      return negatives.length === 0 ? base : sql`${base} EXCEPT ${sql.join(negatives.map((c) => operand(ws, c)), sql` EXCEPT `)}`
    }
  }
}

/**
 * "Cohort AND user data": the row tests of an AND are checked on the cohort's members only (a
 * rowid lookup each) instead of scanning the whole workspace. Removes what it uses from `positives`.
 */
function cohortWithRowTests (ws: number, positives: UserSetExpr[]): SQL[] {
  const cohort = positives.find((c) => c.kind === 'cohort')
  const tests = positives.filter((c) => c.kind === 'attribute' || c.kind === 'column' || c.kind === 'reachable')
  if (cohort === undefined || tests.length === 0) return []
  const used = new Set<UserSetExpr>([cohort, ...tests])
  const rest = positives.filter((c) => !used.has(c))
  positives.splice(0, positives.length, ...rest)
  return [sql`SELECT m.user_pk AS pk FROM cohort_members m JOIN users u ON u.pk = m.user_pk WHERE m.cohort_pk = ${cohort.cohortPk} AND ${sql.join(tests.map((t) => sql`(${rowTest(ws, t)})`), sql` AND `)}`]
}

function isCompound (e: UserSetExpr): boolean {
  return e.kind === 'and' || e.kind === 'or' || e.kind === 'not'
}

/**
 * Compound operators are left-associative with equal precedence, so a compound that is the first
 * operand is written inline (`A EXCEPT B UNION C` = (A − B) ∪ C). Any later compound operand must
 * be a simple SELECT: it is wrapped, sorted so the outer compound can still merge it.
 */
function operand (ws: number, e: UserSetExpr, first = false): SQL {
  if (!isCompound(e) || first) return compileUserSet(ws, e)
  return sql`SELECT pk FROM (${compileUserSet(ws, e)} ORDER BY 1)`
}

/** A per-row condition; JSON types are checked so "1" never equals 1 and true never equals 1. */
function rowTest (ws: number, e: UserSetExpr): SQL {
  if (e.kind === 'reachable') return reachableTest(ws, e)
  if (e.kind !== 'attribute' && e.kind !== 'column') throw new Error(`not a row test: ${e.kind}`)
  if (e.kind === 'column') {
    const col = sql.raw(e.column)
    if (e.test === 'exists') return sql`${col} IS NOT NULL AND ${col} <> ''`
    // A state never set is Braze's default at creation, `subscribed` (item 152).
    if (e.column === 'email_subscribe' || e.column === 'push_subscribe') return sql`coalesce(${col}, 'subscribed') = ${e.value ?? null}`
    return sql`${col} = ${e.value ?? null}`
  }
  const path = `$."${e.attribute}"`
  const type = sql`json_type(custom_attributes, ${path})`
  const value = sql`json_extract(custom_attributes, ${path})`
  const v = e.value
  switch (e.test) {
    case 'exists':
      return sql`${type} IS NOT NULL AND ${type} <> 'null'`
    case 'equals':
      if (typeof v === 'boolean') return sql`${type} = ${v ? 'true' : 'false'}`
      if (typeof v === 'number') return sql`${type} IN ('integer', 'real') AND ${value} = ${v}`
      return sql`${type} = 'text' AND ${value} = ${v ?? null}`
    case 'greater_than':
      return sql`${type} IN ('integer', 'real') AND ${value} > ${v as number}`
    case 'less_than':
      return sql`${type} IN ('integer', 'real') AND ${value} < ${v as number}`
    case 'includes_value':
      return sql`${type} = 'array' AND EXISTS (SELECT 1 FROM json_each(custom_attributes, ${path}) j WHERE j.value = ${v as string | number} AND j.type ${typeof v === 'number' ? sql`IN ('integer', 'real')` : sql`= 'text'`})`
  }
}

/**
 * domain/subscriptions/reachability.ts as one row condition (HTTP tests check the two agree).
 * Outer columns are written unqualified and every subquery is uncorrelated, so the test works on
 * `users` and on the `u` alias of cohortWithRowTests alike.
 */
function reachableTest (ws: number, e: Extract<UserSetExpr, { kind: 'reachable' }>): SQL {
  const parts: SQL[] = []
  const inGroup = (groupPk: number): SQL => sql`pk IN (SELECT user_pk FROM user_subscription_groups WHERE group_pk = ${groupPk} AND state = 'subscribed')`
  const state = (col: SQL): SQL | undefined => e.sendTo === 'all' ? undefined
    : e.sendTo === 'opted_in' ? sql`${col} = 'opted_in'` : sql`coalesce(${col}, 'subscribed') <> 'unsubscribed'`
  if (e.channel === 'email') {
    parts.push(sql`email IS NOT NULL AND email <> ''`)
    const marks = e.sendTo === 'all' ? sql`hard_bounced_at IS NOT NULL OR blocklisted_at IS NOT NULL` : sql`hard_bounced_at IS NOT NULL OR blocklisted_at IS NOT NULL OR spam_at IS NOT NULL`
    parts.push(sql`email NOT IN (SELECT email FROM email_addresses WHERE workspace_pk = ${ws} AND (${marks}))`)
    const s = state(sql.raw('email_subscribe'))
    if (s !== undefined) parts.push(s)
  } else if (e.channel === 'push') {
    parts.push(sql`coalesce(json_array_length(profile, '$.push_tokens'), 0) > 0`)
    const s = state(sql.raw('push_subscribe'))
    if (s !== undefined) parts.push(s)
  } else {
    parts.push(sql`phone IS NOT NULL AND phone <> ''`)
    parts.push(sql`phone NOT IN (SELECT phone FROM invalid_phone_numbers WHERE workspace_pk = ${ws})`)
    if (e.groupPk === undefined) parts.push(sql`0`)
  }
  if (e.groupPk !== undefined) parts.push(inGroup(e.groupPk))
  return sql.join(parts.map((p) => sql`(${p})`), sql` AND `)
}
