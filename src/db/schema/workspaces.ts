import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core'

/** A Braze workspace (formerly "app group"): the unit that keys, users and cohorts belong to. */
export const workspaces = sqliteTable('workspaces', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  id: text('id').notNull().unique(),
  name: text('name').notNull(),
  cluster: text('cluster').notNull(),
  createdAt: integer('created_at').notNull()
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
