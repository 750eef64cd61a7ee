import { and, asc, eq, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { dataImportKeys, workspaces, type DataImportKeyRow, type WorkspaceRow } from '../../db/schema/workspaces.js'
import { lazyQuery, lazyStatements } from '../shared/lazy-statements.js'

export type DataImportKeyRepository = ReturnType<typeof createDataImportKeyRepository>

/** What authenticating a partner call needs of a data import key and its workspace. */
export interface DataImportKeyGrant {
  status: DataImportKeyRow['status']
  partner: string
  workspacePk: number
  workspaceId: string
  cluster: string
}

export function createDataImportKeyRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  // Every partner call authenticates through this one: a raw statement returning only the five
  // columns the check reads (drizzle's mapping of two whole joined rows cost more than the probe).
  const grantByKey = prepare<[string], DataImportKeyGrant>(
    `SELECT k.status AS status, k.partner AS partner, w.pk AS workspacePk, w.id AS workspaceId, w.cluster AS cluster
       FROM data_import_keys k JOIN workspaces w ON w.pk = k.workspace_pk WHERE k.key = ?`)
  // Prepared once (the control plane's lookups).
  const byKey = lazyQuery(() => db.select({ key: dataImportKeys, workspace: workspaces })
    .from(dataImportKeys)
    .innerJoin(workspaces, eq(workspaces.pk, dataImportKeys.workspacePk))
    .where(eq(dataImportKeys.key, sql.placeholder('key'))).prepare())

  return {
    insert (row: Omit<DataImportKeyRow, 'pk'>): DataImportKeyRow {
      return db.insert(dataImportKeys).values(row).returning().get()
    },
    /** The key's status, partner and workspace, for authenticating partner calls. */
    findGrant (key: string): DataImportKeyGrant | undefined {
      return grantByKey.get(key)
    },
    /** The key with the workspace it belongs to. */
    findByKey (key: string): { key: DataImportKeyRow, workspace: WorkspaceRow } | undefined {
      return byKey().get({ key })
    },
    list (workspacePk: number, partner?: string): DataImportKeyRow[] {
      const byWorkspace = eq(dataImportKeys.workspacePk, workspacePk)
      return db.select().from(dataImportKeys)
        .where(partner === undefined ? byWorkspace : and(byWorkspace, eq(dataImportKeys.partner, partner)))
        .orderBy(asc(dataImportKeys.pk)).all()
    },
    invalidate (pk: number, at: number): DataImportKeyRow {
      return db.update(dataImportKeys).set({ status: 'invalidated', invalidatedAt: at })
        .where(eq(dataImportKeys.pk, pk)).returning().get()
    },
    deleteWorkspaceData (workspacePk: number): void {
      db.delete(dataImportKeys).where(eq(dataImportKeys.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(dataImportKeys).run()
    }
  }
}
