import { asc, eq, sql } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { workspaces, type WorkspaceRow } from '../../db/schema/workspaces.js'
import { lazyQuery } from '../shared/lazy-statements.js'

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>

export function createWorkspaceRepository ({ db }: DatabaseHandle) {
  // Every control-plane call finds its workspace by id: prepared once, not built and prepared per call.
  const byId = lazyQuery(() => db.select().from(workspaces).where(eq(workspaces.id, sql.placeholder('id'))).prepare())
  return {
    insert (row: Omit<typeof workspaces.$inferInsert, 'pk'>): WorkspaceRow {
      return db.insert(workspaces).values(row).returning().get()
    },
    update (pk: number, columns: Partial<Omit<WorkspaceRow, 'pk' | 'id'>>): WorkspaceRow {
      return db.update(workspaces).set(columns).where(eq(workspaces.pk, pk)).returning().get()!
    },
    findById (id: string): WorkspaceRow | undefined {
      return byId().get({ id })
    },
    findByPk (pk: number): WorkspaceRow | undefined {
      return db.select().from(workspaces).where(eq(workspaces.pk, pk)).get()
    },
    list (): WorkspaceRow[] {
      return db.select().from(workspaces).orderBy(asc(workspaces.pk)).all()
    },
    deleteWorkspaceData (workspacePk: number): void {
      db.delete(workspaces).where(eq(workspaces.pk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(workspaces).run()
    }
  }
}
