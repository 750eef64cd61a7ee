import { sql } from 'drizzle-orm'
import { integer, real, sqliteTable, text, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'

/**
 * One row per Braze user profile. Identifiers that can be many per user (device ids, aliases)
 * live in their own tables, keyed by workspace first so lookups and workspace clears are
 * range operations. No foreign keys: deletes are explicit, by workspace range, in the repositories.
 */
export const users = sqliteTable('users', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  workspacePk: integer('workspace_pk').notNull(),
  /** unique within the workspace: seeds may choose it, and two workspaces may load the same seed */
  brazeId: text('braze_id').notNull(),
  externalId: text('external_id'),
  email: text('email'),
  phone: text('phone'),
  /**
   * Standard profile fields as Braze exports them (first_name, dob, gender, country, …),
   * a JSON object; absent keys are unset.
   */
  profile: text('profile', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  /** Custom attributes with their JSON types (strings, numbers, booleans, arrays, objects; dates as ISO strings) */
  customAttributes: text('custom_attributes', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
  /** opted_in | subscribed | unsubscribed, or null when never set */
  emailSubscribe: text('email_subscribe'),
  pushSubscribe: text('push_subscribe'),
  /** 0–9999, fixed at creation (export's random_bucket) */
  randomBucket: integer('random_bucket').notNull().default(0),
  /** sum of purchase prices (export's total_revenue) */
  totalRevenue: real('total_revenue').notNull().default(0),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}, (t) => [
  uniqueIndex('users_braze_id_idx').on(t.workspacePk, t.brazeId),
  uniqueIndex('users_external_id_idx').on(t.workspacePk, t.externalId),
  // A workspace's users in pk order: segment resolution merges sorted pk streams (see segment-query.ts).
  index('users_workspace_idx').on(t.workspacePk),
  // Partial: most users have no email or phone, and NULL entries only slow inserts and workspace
  // deletes (~50 ms per 100,000 users); `email = ?` lookups still use them.
  index('users_email_idx').on(t.workspacePk, t.email).where(sql`${t.email} IS NOT NULL`),
  index('users_phone_idx').on(t.workspacePk, t.phone).where(sql`${t.phone} IS NOT NULL`)
])

/** A device id belongs to one user of a workspace (migration makes this WITHOUT ROWID). */
export const userDevices = sqliteTable('user_devices', {
  workspacePk: integer('workspace_pk').notNull(),
  deviceId: text('device_id').notNull(),
  userPk: integer('user_pk').notNull()
}, (t) => [
  primaryKey({ columns: [t.workspacePk, t.deviceId] }),
  index('user_devices_user_idx').on(t.userPk)
])

/**
 * An alias (label, name) is unique across a workspace and a user holds one alias per label
 * (braze-docs user_profile_lifecycle.md). WITHOUT ROWID in the migration.
 */
export const userAliases = sqliteTable('user_aliases', {
  workspacePk: integer('workspace_pk').notNull(),
  aliasLabel: text('alias_label').notNull(),
  aliasName: text('alias_name').notNull(),
  userPk: integer('user_pk').notNull()
}, (t) => [
  primaryKey({ columns: [t.workspacePk, t.aliasLabel, t.aliasName] }),
  uniqueIndex('user_aliases_user_label_idx').on(t.userPk, t.aliasLabel)
])

export type UserRow = typeof users.$inferSelect

/**
 * Deprecated external ids (braze-docs post_external_ids_rename.md): after a rename the old id
 * still resolves its user until `/users/external_ids/remove` drops it. Unique across primary and
 * deprecated ids of a workspace (the service checks primaries). WITHOUT ROWID in the migration.
 */
export const userDeprecatedExternalIds = sqliteTable('user_deprecated_external_ids', {
  workspacePk: integer('workspace_pk').notNull(),
  externalId: text('external_id').notNull(),
  userPk: integer('user_pk').notNull()
}, (t) => [
  primaryKey({ columns: [t.workspacePk, t.externalId] }),
  index('user_deprecated_external_ids_user_idx').on(t.userPk)
])
