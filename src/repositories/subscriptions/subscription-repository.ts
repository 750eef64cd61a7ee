/**
 * Subscription state: groups, users' group states, the email lists (by address) and the invalid
 * phone list, plus the narrow reads of users the subscription endpoints need. Prepared statements:
 * /v2/subscription/status/set touches up to 50 users per group, each an indexed lookup.
 */
import { eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import {
  emailAddresses, invalidPhoneNumbers, subscriptionGroups, userSubscriptionGroups, type EmailAddressRow, type SubscriptionGroupRow
} from '../../db/schema/subscriptions.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type SubscriptionRepository = ReturnType<typeof createSubscriptionRepository>
export type NewSubscriptionGroup = Omit<SubscriptionGroupRow, 'pk'>

/** The part of a user the subscription endpoints read. */
export interface SubscriberRow {
  pk: number
  externalId: string | null
  email: string | null
  phone: string | null
  emailSubscribe: string | null
  pushSubscribe: string | null
  updatedAt: number
}

export interface GroupStateRow { userPk: number, groupPk: number, state: string, changedAt: number }

export interface ListQuery { startMs?: number | undefined, endMs?: number | undefined, limit: number, offset: number, desc: boolean }

const SUBSCRIBER = `u.pk AS pk, u.external_id AS externalId, u.email AS email, u.phone AS phone, u.email_subscribe AS emailSubscribe,
  u.push_subscribe AS pushSubscribe, u.updated_at AS updatedAt`

export function createSubscriptionRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const groupById = prepare<[number, string], SubscriptionGroupRow>(
    `SELECT pk, workspace_pk AS workspacePk, id, name, channel, created_at AS createdAt, archived_at AS archivedAt
     FROM subscription_groups WHERE workspace_pk = ? AND id = ?`)
  const groupsOf = prepare<[number], SubscriptionGroupRow>(
    `SELECT pk, workspace_pk AS workspacePk, id, name, channel, created_at AS createdAt, archived_at AS archivedAt
     FROM subscription_groups WHERE workspace_pk = ? ORDER BY created_at, pk`)
  const byExternalId = prepare<[number, string], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = ? AND u.external_id = ?`)
  const byEmail = prepare<[number, string], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = ? AND u.email = ? ORDER BY u.pk`)
  const byPhone = prepare<[number, string], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = ? AND u.phone = ? ORDER BY u.pk`)
  const byPk = prepare<[number], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.pk = ?`)
  const groupState = prepare<[number, number], { state: string, changedAt: number }>(
    'SELECT state, changed_at AS changedAt FROM user_subscription_groups WHERE group_pk = ? AND user_pk = ?')
  const upsertState = prepare<[number, number, string, number]>(
    `INSERT INTO user_subscription_groups (group_pk, user_pk, state, changed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (group_pk, user_pk) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`)
  // A user's states, group by group: one primary-key probe per group of the workspace.
  const statesOfUser = prepare<[number, number], GroupStateRow>(
    `SELECT s.user_pk AS userPk, s.group_pk AS groupPk, s.state AS state, s.changed_at AS changedAt
     FROM subscription_groups g JOIN user_subscription_groups s ON s.group_pk = g.pk AND s.user_pk = ? WHERE g.workspace_pk = ? ORDER BY g.pk`)
  const setEmailState = prepare<[string, string, string, number, number]>(
    'UPDATE users SET email_subscribe = ?, profile = json_set(profile, ?, ?), updated_at = ? WHERE pk = ?')
  const address = prepare<[number, string], EmailAddressRow>(
    `SELECT workspace_pk AS workspacePk, email, state, state_at AS stateAt, unsubscribed_at AS unsubscribedAt, hard_bounced_at AS hardBouncedAt,
     spam_at AS spamAt, blocklisted_at AS blocklistedAt FROM email_addresses WHERE workspace_pk = ? AND email = ?`)
  const upsertAddress = prepare<Record<string, unknown>>(
    `INSERT INTO email_addresses (workspace_pk, email, state, state_at, unsubscribed_at, hard_bounced_at, spam_at, blocklisted_at)
     VALUES (@ws, @email, @state, @stateAt, @unsubscribedAt, @hardBouncedAt, @spamAt, @blocklistedAt)
     ON CONFLICT (workspace_pk, email) DO UPDATE SET state = excluded.state, state_at = excluded.state_at, unsubscribed_at = excluded.unsubscribed_at,
       hard_bounced_at = excluded.hard_bounced_at, spam_at = excluded.spam_at, blocklisted_at = excluded.blocklisted_at`)
  const deleteEmptyAddress = prepare<[number, string]>(
    `DELETE FROM email_addresses WHERE workspace_pk = ? AND email = ? AND state IS NULL AND unsubscribed_at IS NULL
     AND hard_bounced_at IS NULL AND spam_at IS NULL AND blocklisted_at IS NULL`)
  const invalidPhone = prepare<[number, string], { phone: string, invalidAt: number, reason: string }>(
    'SELECT phone, invalid_at AS invalidAt, reason FROM invalid_phone_numbers WHERE workspace_pk = ? AND phone = ?')
  const upsertInvalidPhone = prepare<[number, string, number, string]>(
    `INSERT INTO invalid_phone_numbers (workspace_pk, phone, invalid_at, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_pk, phone) DO UPDATE SET invalid_at = excluded.invalid_at, reason = excluded.reason`)
  const removeInvalidPhone = prepare<[number, string]>('DELETE FROM invalid_phone_numbers WHERE workspace_pk = ? AND phone = ?')

  // One JSON string for the whole batch: SQLite builds it, V8's JSON.parse reads it, which is
  // faster than handing 300,000 rows to JavaScript one by one. CROSS JOIN keeps json_each outer
  // (a rowid probe per asked user); the unary + keeps workspace_pk from choosing an index.
  // instr first: most profiles have no push_tokens key, and it spares parsing their JSON.
  const usersForReach = prepare<{ ws: number, pks: string }>(
    `SELECT json_group_array(json_array(u.pk, u.email, u.phone, u.email_subscribe, u.push_subscribe,
       CASE WHEN instr(u.profile, '"push_tokens"') = 0 THEN 0 ELSE coalesce(json_array_length(u.profile, '$.push_tokens'), 0) > 0 END))
     FROM json_each(@pks) j CROSS JOIN users u ON u.pk = j.value WHERE +u.workspace_pk = @ws`).pluck()
  const markedAddresses = prepare<[number]>(
    `SELECT email, hard_bounced_at IS NOT NULL, spam_at IS NOT NULL, blocklisted_at IS NOT NULL FROM email_addresses
     WHERE workspace_pk = ? AND (hard_bounced_at IS NOT NULL OR spam_at IS NOT NULL OR blocklisted_at IS NOT NULL)`).raw()
  const invalidPhonesOf = prepare<[number]>('SELECT phone FROM invalid_phone_numbers WHERE workspace_pk = ?').raw()
  const statesByPks = prepare<[string, number]>(
    `SELECT s.user_pk, g.id, s.state FROM subscription_groups g JOIN user_subscription_groups s ON s.group_pk = g.pk
     WHERE s.user_pk IN (SELECT value FROM json_each(?)) AND g.workspace_pk = ?`).raw()
  const statesOfGroupAll = prepare<[number]>('SELECT user_pk, state FROM user_subscription_groups WHERE group_pk = ?').raw()
  const statesProbe = prepare<{ group: number, pks: string }>(
    `SELECT json_group_array(json_array(s.user_pk, s.state)) FROM json_each(@pks) j
     CROSS JOIN user_subscription_groups s ON s.group_pk = @group AND s.user_pk = j.value`).pluck()

  const byExternalIds = prepare<{ ws: number, ids: string }, SubscriberRow>(
    `SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = @ws AND u.external_id IN (SELECT value FROM json_each(@ids))`)
  const statesOfGroup = prepare<[number, string]>(
    'SELECT user_pk, state FROM user_subscription_groups WHERE group_pk = ? AND user_pk IN (SELECT value FROM json_each(?))').raw()
  const upsertStates = prepare<{ group: number, state: string, now: number, pks: string }>(
    `INSERT INTO user_subscription_groups (group_pk, user_pk, state, changed_at) SELECT @group, value, @state, @now FROM json_each(@pks) WHERE true
     ON CONFLICT (group_pk, user_pk) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`)

  function listAddresses (column: 'unsubscribed_at' | 'hard_bounced_at', ws: number, q: ListQuery): Array<{ email: string, at: number }> {
    const where = [`workspace_pk = ?`, `${column} IS NOT NULL`]
    const args: number[] = [ws]
    if (q.startMs !== undefined) { where.push(`${column} >= ?`); args.push(q.startMs) }
    if (q.endMs !== undefined) { where.push(`${column} < ?`); args.push(q.endMs) }
    const dir = q.desc ? 'DESC' : 'ASC'
    return sqlite.prepare<number[], { email: string, at: number }>(
      `SELECT email, ${column} AS at FROM email_addresses WHERE ${where.join(' AND ')} ORDER BY ${column} ${dir}, email ${dir} LIMIT ? OFFSET ?`)
      .all(...args, q.limit, q.offset)
  }

  return {
    // --- groups
    insertGroup: (row: NewSubscriptionGroup): SubscriptionGroupRow => db.insert(subscriptionGroups).values(row).returning().get(),
    findGroup: (workspacePk: number, id: string): SubscriptionGroupRow | undefined => groupById.get(workspacePk, id),
    listGroups: (workspacePk: number): SubscriptionGroupRow[] => groupsOf.all(workspacePk),
    setArchived (pk: number, at: number | null): void { db.update(subscriptionGroups).set({ archivedAt: at }).where(eq(subscriptionGroups.pk, pk)).run() },

    // --- users
    userByExternalId: (workspacePk: number, externalId: string): SubscriberRow | undefined => byExternalId.get(workspacePk, externalId),
    usersByEmail: (workspacePk: number, email: string): SubscriberRow[] => byEmail.all(workspacePk, email),
    usersByPhone: (workspacePk: number, phone: string): SubscriberRow[] => byPhone.all(workspacePk, phone),
    userByPk: (pk: number): SubscriberRow | undefined => byPk.get(pk),
    /** Many users by external_id in one statement (the unique (workspace_pk, external_id) index per id). */
    usersByExternalIds (workspacePk: number, externalIds: readonly string[]): SubscriberRow[] {
      return externalIds.length === 0 ? [] : byExternalIds.all({ ws: workspacePk, ids: JSON.stringify([...new Set(externalIds)]) })
    },
    /** The group's states of many users in one statement: user_pk → state. */
    groupStatesOf (groupPk: number, userPks: readonly number[]): Map<number, string> {
      if (userPks.length === 0) return new Map()
      return new Map((statesOfGroup.all(groupPk, JSON.stringify(userPks)) as Array<[number, string]>))
    },
    /**
     * Sets many users' state in a group in one statement. The users' rows are not touched: the
     * state lives with the group, and a 50-user change then writes one b-tree's pages.
     */
    setGroupStates (groupPk: number, userPks: readonly number[], state: string, now: number): void {
      if (userPks.length === 0) return
      upsertStates.run({ group: groupPk, state, now, pks: JSON.stringify(userPks) })
    },
    /** Sets the global email state and its timestamp key in `profile` (`email_opted_in_at` / `email_unsubscribed_at` / `email_subscribed_at`). */
    setEmailSubscribe (userPk: number, state: string, nowIso: string, now: number): void {
      setEmailState.run(state, `$.email_${state === 'subscribed' ? 'subscribed' : state}_at`, nowIso, now, userPk)
    },

    // --- group states
    groupState: (groupPk: number, userPk: number) => groupState.get(groupPk, userPk),
    setGroupState (groupPk: number, userPk: number, state: string, now: number): void { upsertState.run(groupPk, userPk, state, now) },
    groupStatesOfUser: (workspacePk: number, userPk: number): GroupStateRow[] => statesOfUser.all(userPk, workspacePk),
    // --- email addresses
    address: (workspacePk: number, email: string): EmailAddressRow | undefined => address.get(workspacePk, email),
    saveAddress (row: EmailAddressRow): void {
      upsertAddress.run({
        ws: row.workspacePk, email: row.email, state: row.state, stateAt: row.stateAt, unsubscribedAt: row.unsubscribedAt,
        hardBouncedAt: row.hardBouncedAt, spamAt: row.spamAt, blocklistedAt: row.blocklistedAt
      })
      deleteEmptyAddress.run(row.workspacePk, row.email)
    },
    unsubscribes: (workspacePk: number, q: ListQuery) => listAddresses('unsubscribed_at', workspacePk, q),
    hardBounces: (workspacePk: number, q: ListQuery) => listAddresses('hard_bounced_at', workspacePk, q),

    // --- invalid phone numbers
    invalidPhone: (workspacePk: number, phone: string) => invalidPhone.get(workspacePk, phone),
    markPhoneInvalid (workspacePk: number, phone: string, at: number, reason: string): void { upsertInvalidPhone.run(workspacePk, phone, at, reason) },
    removeInvalidPhone (workspacePk: number, phone: string): boolean { return removeInvalidPhone.run(workspacePk, phone).changes > 0 },
    invalidPhones (workspacePk: number, q: ListQuery & { reason?: string | undefined }): Array<{ phone: string, invalidAt: number, reason: string }> {
      const where = ['workspace_pk = ?']
      const args: Array<number | string> = [workspacePk]
      if (q.startMs !== undefined) { where.push('invalid_at >= ?'); args.push(q.startMs) }
      if (q.endMs !== undefined) { where.push('invalid_at < ?'); args.push(q.endMs) }
      if (q.reason !== undefined) { where.push('reason = ?'); args.push(q.reason) }
      return sqlite.prepare<Array<number | string>, { phone: string, invalidAt: number, reason: string }>(
        `SELECT phone, invalid_at AS invalidAt, reason FROM invalid_phone_numbers WHERE ${where.join(' AND ')}
         ORDER BY invalid_at ${q.desc ? 'DESC' : 'ASC'}, phone LIMIT ? OFFSET ?`).all(...args, q.limit, q.offset)
    },

    /**
     * What reachability needs of many users, set-at-a-time, in raw rows (no per-row objects):
     * [pk, email, phone, email_subscribe, push_subscribe, has push tokens]. Users of other
     * workspaces and deleted users are absent.
     */
    reachabilityUsers (workspacePk: number, userPks: readonly number[]): Array<[number, string | null, string | null, string | null, string | null, number]> {
      if (userPks.length === 0) return []
      return JSON.parse(usersForReach.get({ ws: workspacePk, pks: JSON.stringify(userPks) }) as string) as Array<[number, string | null, string | null, string | null, string | null, number]>
    },
    /** Addresses of the workspace that carry a hard-bounce, spam or blocklist mark (few, so read whole): [email, bounced, spam, blocklisted]. */
    markedAddresses: (workspacePk: number) => markedAddresses.all(workspacePk) as Array<[string, number, number, number]>,
    invalidPhoneSet: (workspacePk: number): Set<string> => new Set((invalidPhonesOf.all(workspacePk) as Array<[string]>).map((r) => r[0])),
    /**
     * Group states of many users as raw [user_pk, group id, state]. A large batch reads the
     * workspace's states in one pass (sequential, primary-key order) and keeps the asked users; a
     * small one probes the user index per user.
     */
    groupStatesFor (workspacePk: number, userPks: readonly number[]): Array<[number, string, string]> {
      if (userPks.length === 0) return []
      if (userPks.length < 2000) return statesByPks.all(JSON.stringify(userPks), workspacePk) as Array<[number, string, string]>
      const groups = groupsOf.all(workspacePk)
      const list = JSON.stringify(userPks)
      const out: Array<[number, string, string]> = []
      // Few groups: probe each group's key for the asked users; many: read each group's states in key order and keep the asked users.
      const wanted = groups.length > 4 ? new Set(userPks) : undefined
      for (const g of groups) {
        if (wanted === undefined) {
          for (const [pk, state] of JSON.parse(statesProbe.get({ group: g.pk, pks: list }) as string) as Array<[number, string]>) out.push([pk, g.id, state])
        } else {
          for (const [pk, state] of statesOfGroupAll.all(g.pk) as Array<[number, string]>) if (wanted.has(pk)) out.push([pk, g.id, state])
        }
      }
      return out
    },

    // --- whole-workspace reads (snapshots)
    workspaceGroupStates (workspacePk: number): Array<GroupStateRow & { id: string }> {
      return sqlite.prepare<[number], GroupStateRow & { id: string }>(
        `SELECT s.user_pk AS userPk, s.group_pk AS groupPk, g.id AS id, s.state AS state, s.changed_at AS changedAt
         FROM subscription_groups g JOIN user_subscription_groups s ON s.group_pk = g.pk WHERE g.workspace_pk = ? ORDER BY s.user_pk, g.created_at, g.pk`).all(workspacePk)
    },
    addresses: (workspacePk: number): EmailAddressRow[] => db.select().from(emailAddresses).where(eq(emailAddresses.workspacePk, workspacePk)).orderBy(emailAddresses.email).all(),
    allInvalidPhones: (workspacePk: number) => db.select().from(invalidPhoneNumbers).where(eq(invalidPhoneNumbers.workspacePk, workspacePk)).orderBy(invalidPhoneNumbers.phone).all(),

    // --- workspace stores (children of the workspace, cleared with it)
    deleteWorkspaceData (workspacePk: number): void {
      sqlite.prepare('DELETE FROM user_subscription_groups WHERE group_pk IN (SELECT pk FROM subscription_groups WHERE workspace_pk = ?)').run(workspacePk)
      db.delete(subscriptionGroups).where(eq(subscriptionGroups.workspacePk, workspacePk)).run()
      db.delete(emailAddresses).where(eq(emailAddresses.workspacePk, workspacePk)).run()
      db.delete(invalidPhoneNumbers).where(eq(invalidPhoneNumbers.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(userSubscriptionGroups).run()
      db.delete(subscriptionGroups).run()
      db.delete(emailAddresses).run()
      db.delete(invalidPhoneNumbers).run()
    }
  }
}
