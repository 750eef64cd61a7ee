import { integer, sqliteTable, text, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * A Braze catalog (braze-reference-messaging §4.1): unique by name per workspace. `fields` is the
 * ordered `[{name, type}]` list; `next_seq` numbers items in creation order (the paging order);
 * `size_bytes` is the catalog's counted storage (item ids + stored values), for the quota.
 */
export const catalogs = sqliteTable('catalogs', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  workspacePk: integer('workspace_pk').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  fields: text('fields', { mode: 'json' }).$type<Array<{ name: string, type: string }>>().notNull(),
  nextSeq: integer('next_seq').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}, (t) => [uniqueIndex('catalogs_workspace_name_idx').on(t.workspacePk, t.name)])

/**
 * Items, WITHOUT ROWID on (catalog_pk, item_id) (the migration says so; drizzle-kit cannot):
 * `data` is the JSON object of the item's values without `id`; `visible_at` is when an
 * asynchronous write shows (the visibility delay, on the fake's clock).
 */
export const catalogItems = sqliteTable('catalog_items', {
  catalogPk: integer('catalog_pk').notNull(),
  itemId: text('item_id').notNull(),
  seq: integer('seq').notNull(),
  data: text('data').notNull(),
  size: integer('size').notNull(),
  visibleAt: integer('visible_at').notNull()
}, (t) => [primaryKey({ columns: [t.catalogPk, t.itemId] }), uniqueIndex('catalog_items_seq_idx').on(t.catalogPk, t.seq)])

/** Per-workspace catalog settings of the control plane: the storage quota (default 100 MB [D CAT-UG]). */
export const catalogSettings = sqliteTable('catalog_settings', {
  workspacePk: integer('workspace_pk').primaryKey(),
  storageLimitBytes: integer('storage_limit_bytes').notNull()
})

export type CatalogRow = typeof catalogs.$inferSelect
export type CatalogItemRow = typeof catalogItems.$inferSelect
