import { eq } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { dataPointTotals, type DataPointTotalRow } from '../../db/schema/data-points.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type DataPointRepository = ReturnType<typeof createDataPointRepository>

/** Running data point totals; `add` is one upsert per (source, kind) with a non-zero count. */
export function createDataPointRepository ({ db, sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const upsert = prepare<[number, string, string, number]>(
    `INSERT INTO data_point_totals (workspace_pk, source, kind, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_pk, source, kind) DO UPDATE SET count = count + excluded.count`)

  return {
    add (workspacePk: number, source: string, counts: Readonly<Record<string, number>>): void {
      for (const [kind, n] of Object.entries(counts)) if (n > 0) upsert.run(workspacePk, source, kind, n)
    },
    list (workspacePk: number): DataPointTotalRow[] {
      return db.select().from(dataPointTotals).where(eq(dataPointTotals.workspacePk, workspacePk)).all()
    },
    deleteWorkspaceData (workspacePk: number): void {
      db.delete(dataPointTotals).where(eq(dataPointTotals.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(dataPointTotals).run()
    }
  }
}
