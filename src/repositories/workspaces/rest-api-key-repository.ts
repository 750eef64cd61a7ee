import { asc, eq, and, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { restApiKeys, type RestApiKeyRow } from '../../db/schema/rest-api-keys.js'
import { workspaces, type WorkspaceRow } from '../../db/schema/workspaces.js'
import { lazyQuery } from '../shared/lazy-statements.js'

export type RestApiKeyRepository = ReturnType<typeof createRestApiKeyRepository>

export function createRestApiKeyRepository ({ db }: DatabaseHandle) {
  // Prepared once: every REST call authenticates through it.
  const byKey = lazyQuery(() => db.select({ key: restApiKeys, workspace: workspaces })
    .from(restApiKeys).innerJoin(workspaces, eq(workspaces.pk, restApiKeys.workspacePk))
    .where(eq(restApiKeys.key, sql.placeholder('key'))).prepare())

  return {
    insert (row: Omit<RestApiKeyRow, 'pk'>): RestApiKeyRow {
      return db.insert(restApiKeys).values(row).returning().get()
    },
    findByKey (key: string): { key: RestApiKeyRow, workspace: WorkspaceRow } | undefined {
      return byKey().get({ key })
    },
    list (workspacePk: number): RestApiKeyRow[] {
      return db.select().from(restApiKeys).where(eq(restApiKeys.workspacePk, workspacePk)).orderBy(asc(restApiKeys.pk)).all()
    },
    revoke (workspacePk: number, key: string, at: number): RestApiKeyRow | undefined {
      return db.update(restApiKeys).set({ revokedAt: at })
        .where(and(eq(restApiKeys.workspacePk, workspacePk), eq(restApiKeys.key, key))).returning().get()
    },
    deleteWorkspaceData (workspacePk: number): void {
      db.delete(restApiKeys).where(eq(restApiKeys.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(restApiKeys).run()
    }
  }
}
