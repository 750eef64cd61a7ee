import { integer, sqliteTable, text, index } from 'drizzle-orm/sqlite-core'

/** REST API keys (Authorization: Bearer …), per workspace, with the permissions fixed at creation. */
export const restApiKeys = sqliteTable('rest_api_keys', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  workspacePk: integer('workspace_pk').notNull(),
  name: text('name').notNull(),
  /** JSON array of permission names */
  permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull(),
  createdAt: integer('created_at').notNull(),
  revokedAt: integer('revoked_at')
}, (t) => [index('rest_api_keys_workspace_idx').on(t.workspacePk)])

export type RestApiKeyRow = typeof restApiKeys.$inferSelect
