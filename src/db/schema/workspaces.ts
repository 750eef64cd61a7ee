import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core'

/** A Braze workspace (formerly "app group"): the unit that keys, users and cohorts belong to. */
export const workspaces = sqliteTable('workspaces', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  name: text('name').notNull(),
  cluster: text('cluster').notNull(),
  createdAt: integer('created_at').notNull(),
  /** the company's onboarding date (epoch ms); decides the /users/export/ids rules of 2024-08-22. Defaults to createdAt. */
  onboardedAt: integer('onboarded_at'),
  /** 'data_points' or 'mau' (Monthly Active Users CY 24-25): /users/track object caps and rate-limit headers */
  pricingModel: text('pricing_model', { enum: ['data_points', 'mau'] }).notNull().default('data_points'),
  /** legacy `api_key` in body or query: null follows the server flag, 1 allows, 0 refuses */
  legacyApiKey: integer('legacy_api_key', { mode: 'boolean' })
})

/** Data import keys ("client_secret"), generated per partner in the dashboard and invalidatable. */
export const dataImportKeys = sqliteTable('data_import_keys', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  workspacePk: integer('workspace_pk').notNull(),
  partner: text('partner').notNull(),
  status: text('status', { enum: ['active', 'invalidated'] }).notNull(),
  createdAt: integer('created_at').notNull(),
  invalidatedAt: integer('invalidated_at')
}, (t) => [index('data_import_keys_workspace_idx').on(t.workspacePk, t.partner)])

export type WorkspaceRow = typeof workspaces.$inferSelect
export type DataImportKeyRow = typeof dataImportKeys.$inferSelect
