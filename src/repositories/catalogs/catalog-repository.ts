/**
 * Catalogs and their items (raw prepared statements: bulk writes of 50 items and keyset pages of
 * 50 are on the hot path). Items live in a WITHOUT ROWID table keyed (catalog_pk, item_id); the
 * unique (catalog_pk, seq) index gives creation order for paging. Callers run writes inside the
 * service's transaction.
 */
import type { DatabaseHandle } from '../../db/client.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export interface CatalogRecord {
  pk: number
  workspacePk: number
  name: string
  description: string
  fields: string
  nextSeq: number
  sizeBytes: number
  createdAt: number
  updatedAt: number
}

export interface StoredItem { itemId: string, seq: number, data: string, size: number, visibleAt: number }

export type CatalogRepository = ReturnType<typeof createCatalogRepository>

const CATALOG = `pk, workspace_pk AS workspacePk, name, description, fields, next_seq AS nextSeq, size_bytes AS sizeBytes,
  created_at AS createdAt, updated_at AS updatedAt`
const ITEM = 'item_id AS itemId, seq, data, size, visible_at AS visibleAt'

export function createCatalogRepository ({ sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const byName = prepare<[number, string], CatalogRecord>(`SELECT ${CATALOG} FROM catalogs WHERE workspace_pk = ? AND name = ?`)
  const ofWorkspace = prepare<[number], CatalogRecord>(`SELECT ${CATALOG} FROM catalogs WHERE workspace_pk = ? ORDER BY pk`)
  const insertCatalog = prepare<[number, string, string, string, number, number]>(
    `INSERT INTO catalogs (workspace_pk, name, description, fields, next_seq, size_bytes, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, 0, ?, ?)`)
  const deleteCatalog = prepare<[number]>('DELETE FROM catalogs WHERE pk = ?')
  const deleteItemsOf = prepare<[number]>('DELETE FROM catalog_items WHERE catalog_pk = ?')
  const touch = prepare<[number, number, number, number]>(
    'UPDATE catalogs SET next_seq = ?, size_bytes = size_bytes + ?, updated_at = ? WHERE pk = ?')
  const setFields = prepare<[string, number, number]>('UPDATE catalogs SET fields = ?, updated_at = ? WHERE pk = ?')
  const countVisible = prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM catalog_items WHERE catalog_pk = ? AND visible_at <= ?')
  const workspaceSize = prepare<[number], { n: number | null }>('SELECT sum(size_bytes) AS n FROM catalogs WHERE workspace_pk = ?')
  const item = prepare<[number, string], StoredItem>(`SELECT ${ITEM} FROM catalog_items WHERE catalog_pk = ? AND item_id = ?`)
  // Liquid's lookup reads only what it shows, as an array: 25 % less per lookup than the whole row as
  // an object, and a broadcast looks up an item per user (BENCHMARKS.md, Issue 19, fourth pass).
  const itemData = prepare<[number, string], [string, number]>('SELECT data, visible_at FROM catalog_items WHERE catalog_pk = ? AND item_id = ?').raw(true)
  const insertItem = prepare<[number, string, number, string, number, number]>(
    'INSERT INTO catalog_items (catalog_pk, item_id, seq, data, size, visible_at) VALUES (?, ?, ?, ?, ?, ?)')
  const updateItem = prepare<[string, number, number, string]>(
    'UPDATE catalog_items SET data = ?, size = ? WHERE catalog_pk = ? AND item_id = ?')
  const deleteItem = prepare<[number, string]>('DELETE FROM catalog_items WHERE catalog_pk = ? AND item_id = ?')
  const pageAfter = prepare<[number, number, number, number], StoredItem>(
    `SELECT ${ITEM} FROM catalog_items WHERE catalog_pk = ? AND seq > ? AND visible_at <= ? ORDER BY seq LIMIT ?`)
  const pageBefore = prepare<[number, number, number, number], StoredItem>(
    `SELECT ${ITEM} FROM catalog_items WHERE catalog_pk = ? AND seq < ? AND visible_at <= ? ORDER BY seq DESC LIMIT ?`)
  const pageOffset = prepare<[number, number, number, number], StoredItem>(
    `SELECT ${ITEM} FROM catalog_items WHERE catalog_pk = ? AND visible_at <= ? ORDER BY seq LIMIT ? OFFSET ?`)
  // a deleted field leaves every item (set-based, one statement)
  const removeField = prepare<{ path: string, pk: number }>(
    `UPDATE catalog_items SET data = json_remove(data, @path), size = length(item_id) + length(json_remove(data, @path))
     WHERE catalog_pk = @pk AND json_type(data, @path) IS NOT NULL`)
  const recount = prepare<[number, number]>(
    'UPDATE catalogs SET size_bytes = (SELECT coalesce(sum(size), 0) FROM catalog_items WHERE catalog_pk = ?) WHERE pk = ?')
  const getLimit = prepare<[number], { n: number }>('SELECT storage_limit_bytes AS n FROM catalog_settings WHERE workspace_pk = ?')
  const putLimit = prepare<[number, number]>(
    `INSERT INTO catalog_settings (workspace_pk, storage_limit_bytes) VALUES (?, ?)
     ON CONFLICT (workspace_pk) DO UPDATE SET storage_limit_bytes = excluded.storage_limit_bytes`)
  const deleteLimit = prepare<[number]>('DELETE FROM catalog_settings WHERE workspace_pk = ?')
  const deleteWorkspaceItems = prepare<[number]>(
    'DELETE FROM catalog_items WHERE catalog_pk IN (SELECT pk FROM catalogs WHERE workspace_pk = ?)')
  const deleteWorkspaceCatalogs = prepare<[number]>('DELETE FROM catalogs WHERE workspace_pk = ?')

  return {
    find: (workspacePk: number, name: string): CatalogRecord | undefined => byName.get(workspacePk, name),
    list: (workspacePk: number): CatalogRecord[] => ofWorkspace.all(workspacePk),
    create (workspacePk: number, name: string, description: string, fields: unknown, now: number): void {
      insertCatalog.run(workspacePk, name, description, JSON.stringify(fields), now, now)
    },
    drop (pk: number): void { deleteItemsOf.run(pk); deleteCatalog.run(pk) },
    /** next_seq, size delta and updated_at after a write */
    touch (pk: number, nextSeq: number, sizeDelta: number, now: number): void { touch.run(nextSeq, sizeDelta, now, pk) },
    setFields (pk: number, fields: unknown, now: number): void { setFields.run(JSON.stringify(fields), now, pk) },
    countVisible: (pk: number, now: number): number => countVisible.get(pk, now)?.n ?? 0,
    workspaceSize: (workspacePk: number): number => workspaceSize.get(workspacePk)?.n ?? 0,
    item: (pk: number, itemId: string): StoredItem | undefined => item.get(pk, itemId),
    /** An item's data (JSON text) and visible_at, for Liquid's lookup. */
    itemData: (pk: number, itemId: string): [data: string, visibleAt: number] | undefined => itemData.get(pk, itemId) as [string, number] | undefined,
    insertItem (pk: number, itemId: string, seq: number, data: string, visibleAt: number): void {
      insertItem.run(pk, itemId, seq, data, itemId.length + data.length, visibleAt)
    },
    updateItem (pk: number, itemId: string, data: string): void { updateItem.run(data, itemId.length + data.length, pk, itemId) },
    deleteItem: (pk: number, itemId: string): boolean => deleteItem.run(pk, itemId).changes > 0,
    pageAfter: (pk: number, afterSeq: number, now: number, limit: number): StoredItem[] => pageAfter.all(pk, afterSeq, now, limit),
    pageBefore: (pk: number, beforeSeq: number, now: number, limit: number): StoredItem[] => pageBefore.all(pk, beforeSeq, now, limit).reverse(),
    pageOffset: (pk: number, offset: number, now: number, limit: number): StoredItem[] => pageOffset.all(pk, now, limit, offset),
    removeField (pk: number, field: string): void {
      removeField.run({ path: `$.${JSON.stringify(field)}`, pk })
      recount.run(pk, pk)
    },
    storageLimit: (workspacePk: number): number | undefined => getLimit.get(workspacePk)?.n,
    setStorageLimit (workspacePk: number, bytes: number | null): void {
      if (bytes === null) deleteLimit.run(workspacePk)
      else putLimit.run(workspacePk, bytes)
    },
    // the workspace-scoped store contract (workspace delete / reset)
    deleteWorkspaceData (workspacePk: number): void {
      deleteWorkspaceItems.run(workspacePk)
      deleteWorkspaceCatalogs.run(workspacePk)
      deleteLimit.run(workspacePk)
    },
    clearAll (): void {
      sqlite.prepare('DELETE FROM catalog_items').run()
      sqlite.prepare('DELETE FROM catalogs').run()
      sqlite.prepare('DELETE FROM catalog_settings').run()
    }
  }
}
