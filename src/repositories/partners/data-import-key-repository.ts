import { and, asc, eq, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { dataImportKeys, workspaces, type DataImportKeyRow, type WorkspaceRow } from '../../db/schema/workspaces.js'

export type DataImportKeyRepository = ReturnType<typeof createDataImportKeyRepository>

export function createDataImportKeyRepository ({ db }: DatabaseHandle) {
  // Prepared once: every partner call authenticates through it.
  const byKey = db.select({ key: dataImportKeys, workspace: workspaces })
    .from(dataImportKeys)
    .innerJoin(workspaces, eq(workspaces.pk, dataImportKeys.workspacePk))
    .where(eq(dataImportKeys.key, sql.placeholder('key'))).prepare()

  return {
    insert (row: Omit<DataImportKeyRow, 'pk'>): DataImportKeyRow {
      return db.insert(dataImportKeys).values(row).returning().get()
    },
    /** The key with the workspace it belongs to, for authenticating partner calls. */
    findByKey (key: string): { key: DataImportKeyRow, workspace: WorkspaceRow } | undefined {
      return byKey.get({ key })
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
