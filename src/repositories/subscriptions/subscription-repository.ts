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

export interface ReachabilityRow {
  pk: number
  email: string | null
  phone: string | null
  emailSubscribe: string | null
  pushSubscribe: string | null
  pushTokens: number
  hardBounced: number
  spam: number
  blocklisted: number
  phoneInvalid: number
}

export interface ListQuery { startMs?: number | undefined, endMs?: number | undefined, limit: number, offset: number, desc: boolean }

const SUBSCRIBER = `u.pk AS pk, u.external_id AS externalId, u.email AS email, u.phone AS phone, u.email_subscribe AS emailSubscribe,
  u.push_subscribe AS pushSubscribe, u.updated_at AS updatedAt`

export function createSubscriptionRepository ({ db, sqlite }: DatabaseHandle) {
  const groupById = sqlite.prepare<[number, string], SubscriptionGroupRow>(
    `SELECT pk, workspace_pk AS workspacePk, id, name, channel, created_at AS createdAt, archived_at AS archivedAt
     FROM subscription_groups WHERE workspace_pk = ? AND id = ?`)
  const groupsOf = sqlite.prepare<[number], SubscriptionGroupRow>(
    `SELECT pk, workspace_pk AS workspacePk, id, name, channel, created_at AS createdAt, archived_at AS archivedAt
     FROM subscription_groups WHERE workspace_pk = ? ORDER BY created_at, pk`)
  const byExternalId = sqlite.prepare<[number, string], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = ? AND u.external_id = ?`)
  const byEmail = sqlite.prepare<[number, string], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = ? AND u.email = ? ORDER BY u.pk`)
  const byPhone = sqlite.prepare<[number, string], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.workspace_pk = ? AND u.phone = ? ORDER BY u.pk`)
  const byPk = sqlite.prepare<[number], SubscriberRow>(`SELECT ${SUBSCRIBER} FROM users u WHERE u.pk = ?`)
  const groupState = sqlite.prepare<[number, number], { state: string, changedAt: number }>(
    'SELECT state, changed_at AS changedAt FROM user_subscription_groups WHERE group_pk = ? AND user_pk = ?')
  const upsertState = sqlite.prepare<[number, number, string, number]>(
    `INSERT INTO user_subscription_groups (group_pk, user_pk, state, changed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (group_pk, user_pk) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`)
  const statesOfUser = sqlite.prepare<[number], GroupStateRow>(
    'SELECT user_pk AS userPk, group_pk AS groupPk, state, changed_at AS changedAt FROM user_subscription_groups WHERE user_pk = ? ORDER BY group_pk')
  const setEmailState = sqlite.prepare<[string, string, string, number, number]>(
    'UPDATE users SET email_subscribe = ?, profile = json_set(profile, ?, ?), updated_at = ? WHERE pk = ?')
  const touch = sqlite.prepare<[number, number]>('UPDATE users SET updated_at = ? WHERE pk = ?')
  const address = sqlite.prepare<[number, string], EmailAddressRow>(
    `SELECT workspace_pk AS workspacePk, email, state, state_at AS stateAt, unsubscribed_at AS unsubscribedAt, hard_bounced_at AS hardBouncedAt,
     spam_at AS spamAt, blocklisted_at AS blocklistedAt FROM email_addresses WHERE workspace_pk = ? AND email = ?`)
  const upsertAddress = sqlite.prepare<Record<string, unknown>>(
    `INSERT INTO email_addresses (workspace_pk, email, state, state_at, unsubscribed_at, hard_bounced_at, spam_at, blocklisted_at)
     VALUES (@ws, @email, @state, @stateAt, @unsubscribedAt, @hardBouncedAt, @spamAt, @blocklistedAt)
     ON CONFLICT (workspace_pk, email) DO UPDATE SET state = excluded.state, state_at = excluded.state_at, unsubscribed_at = excluded.unsubscribed_at,
       hard_bounced_at = excluded.hard_bounced_at, spam_at = excluded.spam_at, blocklisted_at = excluded.blocklisted_at`)
  const deleteEmptyAddress = sqlite.prepare<[number, string]>(
    `DELETE FROM email_addresses WHERE workspace_pk = ? AND email = ? AND state IS NULL AND unsubscribed_at IS NULL
     AND hard_bounced_at IS NULL AND spam_at IS NULL AND blocklisted_at IS NULL`)
  const invalidPhone = sqlite.prepare<[number, string], { phone: string, invalidAt: number, reason: string }>(
    'SELECT phone, invalid_at AS invalidAt, reason FROM invalid_phone_numbers WHERE workspace_pk = ? AND phone = ?')
  const upsertInvalidPhone = sqlite.prepare<[number, string, number, string]>(
    `INSERT INTO invalid_phone_numbers (workspace_pk, phone, invalid_at, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_pk, phone) DO UPDATE SET invalid_at = excluded.invalid_at, reason = excluded.reason`)
  const removeInvalidPhone = sqlite.prepare<[number, string]>('DELETE FROM invalid_phone_numbers WHERE workspace_pk = ? AND phone = ?')

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
    /** Sets the global email state and its timestamp key in `profile` (`email_opted_in_at` / `email_unsubscribed_at` / `email_subscribed_at`). */
    setEmailSubscribe (userPk: number, state: string, nowIso: string, now: number): void {
      setEmailState.run(state, `$.email_${state === 'subscribed' ? 'subscribed' : state}_at`, nowIso, now, userPk)
    },
    touchUser (userPk: number, now: number): void { touch.run(now, userPk) },

    // --- group states
    groupState: (groupPk: number, userPk: number) => groupState.get(groupPk, userPk),
    setGroupState (groupPk: number, userPk: number, state: string, now: number): void { upsertState.run(groupPk, userPk, state, now) },
    groupStatesOfUser: (userPk: number): GroupStateRow[] => statesOfUser.all(userPk),
    /** Group states of many users, set-at-a-time (one statement over a JSON array of pks). */
    groupStatesOfUsers (userPks: readonly number[]): Array<{ userPk: number, id: string, state: string }> {
      if (userPks.length === 0) return []
      return sqlite.prepare<[string], { userPk: number, id: string, state: string }>(
        `SELECT s.user_pk AS userPk, g.id AS id, s.state AS state FROM user_subscription_groups s JOIN subscription_groups g ON g.pk = s.group_pk
         WHERE s.user_pk IN (SELECT value FROM json_each(?))`).all(JSON.stringify(userPks))
    },

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
     * What reachability needs of many users, set-at-a-time: one statement joins users to their
     * address's email-list marks and their phone's invalid mark (the group states come from
     * groupStatesOfUsers).
     */
    reachabilityRows (workspacePk: number, userPks: readonly number[]): ReachabilityRow[] {
      if (userPks.length === 0) return []
      return sqlite.prepare<{ ws: number, pks: string }, ReachabilityRow>(
        `SELECT u.pk AS pk, u.email AS email, u.phone AS phone, u.email_subscribe AS emailSubscribe, u.push_subscribe AS pushSubscribe,
           coalesce(json_array_length(u.profile, '$.push_tokens'), 0) AS pushTokens,
           coalesce(a.hard_bounced_at IS NOT NULL, 0) AS hardBounced, coalesce(a.spam_at IS NOT NULL, 0) AS spam,
           coalesce(a.blocklisted_at IS NOT NULL, 0) AS blocklisted, (p.phone IS NOT NULL) AS phoneInvalid
         FROM users u
         LEFT JOIN email_addresses a ON a.workspace_pk = @ws AND a.email = u.email
         LEFT JOIN invalid_phone_numbers p ON p.workspace_pk = @ws AND p.phone = u.phone
         WHERE u.pk IN (SELECT value FROM json_each(@pks)) AND u.workspace_pk = @ws`).all({ ws: workspacePk, pks: JSON.stringify(userPks) })
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
