import { and, asc, desc, eq, gt, inArray, isNull, lte } from 'drizzle-orm'
import type { DatabaseHandle } from '../../db/client.js'
import { lazyStatements } from '../shared/lazy-statements.js'
import { segmentExports, segmentSizes, segments, type SegmentExportRow, type SegmentRow } from '../../db/schema/segments.js'

export type SegmentRepository = ReturnType<typeof createSegmentRepository>

export type NewSegment = Omit<SegmentRow, 'pk'>
export type SegmentPatch = Partial<Pick<SegmentRow, 'name' | 'description' | 'tags' | 'filter' | 'analyticsTrackingEnabled' | 'archivedAt' | 'updatedAt'>>

/** Segments, their daily size history and their export jobs. */
export function createSegmentRepository ({ db, sqlite }: DatabaseHandle) {
  // Runs once per app, at start (drizzle would build this statement's SQL for that one run)
  const failRunning = lazyStatements(sqlite)<[string, number]>("UPDATE segment_exports SET status = 'failed', error = ?, finished_at = ? WHERE status = 'running'")
  const ofWorkspace = (workspacePk: number) => db.select({ pk: segments.pk }).from(segments).where(eq(segments.workspacePk, workspacePk))

  return {
    insert (row: NewSegment): SegmentRow {
      return db.insert(segments).values(row).returning().get()
    },
    find (workspacePk: number, id: string): SegmentRow | undefined {
      return db.select().from(segments).where(and(eq(segments.workspacePk, workspacePk), eq(segments.id, id))).get()
    },
    findByPk (pk: number): SegmentRow | undefined {
      return db.select().from(segments).where(eq(segments.pk, pk)).get()
    },
    /** Segment ids are unique per workspace: another workspace may hold the same. */
    idTaken (workspacePk: number, id: string): boolean {
      return db.select({ pk: segments.pk }).from(segments).where(and(eq(segments.workspacePk, workspacePk), eq(segments.id, id))).get() !== undefined
    },
    /** In creation order (ties by pk); `active` leaves out archived segments. */
    list (workspacePk: number, opts: { active?: boolean, direction?: 'asc' | 'desc', offset?: number, limit?: number, editedAfter?: number } = {}): SegmentRow[] {
      const order = opts.direction === 'desc' ? [desc(segments.createdAt), desc(segments.pk)] : [asc(segments.createdAt), asc(segments.pk)]
      const where = and(
        eq(segments.workspacePk, workspacePk),
        opts.active === true ? isNull(segments.archivedAt) : undefined,
        opts.editedAfter !== undefined ? gt(segments.updatedAt, opts.editedAfter) : undefined)
      return db.select().from(segments).where(where).orderBy(...order).limit(opts.limit ?? -1).offset(opts.offset ?? 0).all()
    },
    update (pk: number, patch: SegmentPatch): SegmentRow {
      return db.update(segments).set(patch).where(eq(segments.pk, pk)).returning().get()
    },
    delete (pk: number): void {
      db.delete(segmentSizes).where(eq(segmentSizes.segmentPk, pk)).run()
      db.delete(segmentExports).where(eq(segmentExports.segmentPk, pk)).run()
      db.delete(segments).where(eq(segments.pk, pk)).run()
    },

    /** Records the size computed on `day` (YYYY-MM-DD); the last one of a day wins. */
    recordSize (segmentPk: number, day: string, size: number): void {
      db.insert(segmentSizes).values({ segmentPk, day, size })
        .onConflictDoUpdate({ target: [segmentSizes.segmentPk, segmentSizes.day], set: { size } }).run()
    },
    /** Recorded sizes up to and including `lastDay`, oldest first. */
    sizesUpTo (segmentPk: number, lastDay: string): Array<{ day: string, size: number }> {
      return db.select({ day: segmentSizes.day, size: segmentSizes.size }).from(segmentSizes)
        .where(and(eq(segmentSizes.segmentPk, segmentPk), lte(segmentSizes.day, lastDay))).orderBy(asc(segmentSizes.day)).all()
    },

    insertExport (row: Omit<SegmentExportRow, 'pk'>): SegmentExportRow {
      return db.insert(segmentExports).values(row).returning().get()
    },
    runningExport (segmentPk: number): SegmentExportRow | undefined {
      return db.select().from(segmentExports).where(and(eq(segmentExports.segmentPk, segmentPk), eq(segmentExports.status, 'running'))).get()
    },
    updateExport (pk: number, patch: Partial<Pick<SegmentExportRow, 'status' | 'userCount' | 'data' | 'error' | 'finishedAt'>>): void {
      db.update(segmentExports).set(patch).where(eq(segmentExports.pk, pk)).run()
    },
    /** A workspace's export jobs, newest first, without their files. */
    listExports (workspacePk: number): Array<Omit<SegmentExportRow, 'data'> & { segmentId: string }> {
      return db.select({
        pk: segmentExports.pk, objectPrefix: segmentExports.objectPrefix, workspacePk: segmentExports.workspacePk, segmentPk: segmentExports.segmentPk,
        status: segmentExports.status, userCount: segmentExports.userCount, error: segmentExports.error, createdAt: segmentExports.createdAt,
        finishedAt: segmentExports.finishedAt, segmentId: segments.id
      }).from(segmentExports).innerJoin(segments, eq(segments.pk, segmentExports.segmentPk))
        .where(eq(segmentExports.workspacePk, workspacePk)).orderBy(desc(segmentExports.pk)).all()
    },
    findExport (objectPrefix: string): SegmentExportRow | undefined {
      return db.select().from(segmentExports).where(eq(segmentExports.objectPrefix, objectPrefix)).get()
    },
    /** Jobs a restart interrupted can never finish: they stop blocking new exports. */
    failRunningExports (now: number): void {
      failRunning.run('interrupted by a restart', now)
    },

    deleteWorkspaceData (workspacePk: number): void {
      db.delete(segmentSizes).where(inArray(segmentSizes.segmentPk, ofWorkspace(workspacePk))).run()
      db.delete(segmentExports).where(eq(segmentExports.workspacePk, workspacePk)).run()
      db.delete(segments).where(eq(segments.workspacePk, workspacePk)).run()
    },
    clearAll (): void {
      db.delete(segmentSizes).run()
      db.delete(segmentExports).run()
      db.delete(segments).run()
    }
  }
}
