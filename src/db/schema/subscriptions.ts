import { sql } from 'drizzle-orm'
import { integer, sqliteTable, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * A workspace's subscription groups, as the dashboard creates them (Audience → Subscriptions).
 * `id` is Braze's group id (a UUID); archived groups keep their members and refuse changes.
 */
export const subscriptionGroups = sqliteTable('subscription_groups', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  workspacePk: integer('workspace_pk').notNull(),
  id: text('id').notNull(),
  name: text('name').notNull(),
  /** email | sms | whatsapp */
  channel: text('channel').notNull(),
  createdAt: integer('created_at').notNull(),
  archivedAt: integer('archived_at')
}, (t) => [uniqueIndex('subscription_groups_id_idx').on(t.workspacePk, t.id)])

/**
 * A user's state in a group: only users with history have a row ("Unknown" otherwise).
 * WITHOUT ROWID in the migration: (group, user) is the table, so "subscribed to G" reads the
 * group's users in user-pk order, ready for the segment query's sorted merges. No index by user:
 * a user's states are read group by group (a workspace has at most 350 groups), which keeps a
 * 50-user status change to one b-tree's pages (bench/subscriptions.bench.ts).
 */
export const userSubscriptionGroups = sqliteTable('user_subscription_groups', {
  groupPk: integer('group_pk').notNull(),
  userPk: integer('user_pk').notNull(),
  /** subscribed | unsubscribed */
  state: text('state').notNull(),
  changedAt: integer('changed_at').notNull()
}, (t) => [primaryKey({ columns: [t.groupPk, t.userPk] })])

/**
 * Braze's email lists, by address (they outlive any one profile): the global state an address
 * was given while no profile had it (/email/status, inherited later), when it unsubscribed, and
 * its hard-bounce, spam and blocklist marks. WITHOUT ROWID in the migration.
 */
export const emailAddresses = sqliteTable('email_addresses', {
  workspacePk: integer('workspace_pk').notNull(),
  email: text('email').notNull(),
  /** the global state set by address (opted_in | subscribed | unsubscribed); inherited by profiles that get the address */
  state: text('state'),
  stateAt: integer('state_at'),
  unsubscribedAt: integer('unsubscribed_at'),
  hardBouncedAt: integer('hard_bounced_at'),
  spamAt: integer('spam_at'),
  blocklistedAt: integer('blocklisted_at')
}, (t) => [
  primaryKey({ columns: [t.workspacePk, t.email] }),
  index('email_addresses_unsubscribed_idx').on(t.workspacePk, t.unsubscribedAt).where(sql`${t.unsubscribedAt} IS NOT NULL`),
  index('email_addresses_hard_bounced_idx').on(t.workspacePk, t.hardBouncedAt).where(sql`${t.hardBouncedAt} IS NOT NULL`)
])

/** Braze's invalid phone number list (SMS): a number is invalid from `invalid_at` until removed. WITHOUT ROWID. */
export const invalidPhoneNumbers = sqliteTable('invalid_phone_numbers', {
  workspacePk: integer('workspace_pk').notNull(),
  phone: text('phone').notNull(),
  invalidAt: integer('invalid_at').notNull(),
  /** provider_error | deactivated */
  reason: text('reason').notNull()
}, (t) => [primaryKey({ columns: [t.workspacePk, t.phone] })])

export type SubscriptionGroupRow = typeof subscriptionGroups.$inferSelect
export type EmailAddressRow = typeof emailAddresses.$inferSelect
