/**
 * Segments as the Braze dashboard makes them (here through the control plane), the "<Partner>
 * Cohorts" filter lookup, and resolution: membership is computed from current cohort and user
 * state on every call (braze-docs cohort_import.md: include/exclude cohort members; deleted users
 * are gone from cohort_members and users, so they drop out).
 */
import { toIso, type Clock } from '../shared/clock.js'
import { FakeBadRequest, FakeConflict, FakeNotFound } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { PARTNERS, filterId, filterName } from '../shared/partners.js'
import { describeFilter, resolveFilter } from './segment-filter.js'
import { createSegmentResolver } from './segment-resolver.js'
import type { CohortRepository } from '../../repositories/partners/cohort-repository.js'
import type { DataImportKeyRepository } from '../../repositories/partners/data-import-key-repository.js'
import type { SegmentQueryRepository } from '../../repositories/segments/segment-query.js'
import type { SegmentRepository } from '../../repositories/segments/segment-repository.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { SegmentRow } from '../../db/schema/segments.js'

export interface SegmentFilterView { filter: string, name: string, partner: string, cohorts: Array<{ cohort_id: string, name: string }> }
export interface SegmentView {
  id: string
  name: string
  description: string | null
  tags: string[]
  filter: unknown
  filter_description: string
  analytics_tracking_enabled: boolean
  archived: boolean
  created_at: string
  updated_at: string
  size?: number
}
export interface SegmentInput {
  id?: string | undefined
  name: string
  description?: string | null | undefined
  tags?: string[] | undefined
  filter: unknown
  analytics_tracking_enabled?: boolean | undefined
}
export type SegmentPatchInput = Partial<Omit<SegmentInput, 'id'>>
export interface SegmentMemberView { braze_id: string, external_id?: string, email?: string, phone?: string }

export interface SegmentDeps {
  segments: SegmentRepository
  query: SegmentQueryRepository
  cohorts: CohortRepository
  keys: DataImportKeyRepository
  workspaces: WorkspaceRepository
  transaction: RunInTransaction
  clock: Clock
}

export type SegmentService = ReturnType<typeof createSegmentService>

export function createSegmentService (deps: SegmentDeps) {
  const { segments, query, transaction, clock } = deps
  const resolver = createSegmentResolver(deps)

  function workspacePk (workspaceId: string): number {
    const ws = deps.workspaces.findById(workspaceId)
    if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return ws.pk
  }
  function find (wsPk: number, segmentId: string): SegmentRow {
    const row = segments.find(wsPk, segmentId)
    if (row === undefined) throw new FakeNotFound('Segment', segmentId)
    return row
  }

  return {
    /** The "<Partner> Cohorts" filters a Braze user sees: one per partner with an active data import key [inferred]. */
    filters (workspaceId: string): SegmentFilterView[] {
      const wsPk = workspacePk(workspaceId)
      const enabled = new Set(deps.keys.list(wsPk).filter((k) => k.status === 'active').map((k) => k.partner))
      const cohorts = deps.cohorts.list(wsPk)
      return PARTNERS.filter((p) => enabled.has(p.name)).map((p) => ({
        filter: filterId(p),
        name: filterName(p),
        partner: p.name,
        cohorts: cohorts.filter((c) => c.partner === p.name).map((c) => ({ cohort_id: c.cohortId, name: c.name }))
      }))
    },

    create (workspaceId: string, input: SegmentInput): SegmentView {
      return transaction(() => {
        const wsPk = workspacePk(workspaceId)
        const expr = resolveFilter(input.filter, resolver.cohortLookup(wsPk), resolver.groupLookup(wsPk))
        const id = input.id ?? newKey()
        if (segments.idTaken(wsPk, id)) throw new FakeConflict(`Segment ${id} already exists`)
        const now = clock.now()
        const row = segments.insert({
          id, workspacePk: wsPk, name: input.name, description: input.description ?? null, tags: input.tags ?? [],
          filter: input.filter, analyticsTrackingEnabled: input.analytics_tracking_enabled ?? false, archivedAt: null, createdAt: now, updatedAt: now
        })
        return view(row, resolver.size(row, expr))
      })
    },

    list (workspaceId: string): SegmentView[] {
      const wsPk = workspacePk(workspaceId)
      return segments.list(wsPk).map((r) => view(r))
    },

    /** One segment with its current size. */
    get (workspaceId: string, segmentId: string): SegmentView {
      return transaction(() => {
        const row = find(workspacePk(workspaceId), segmentId)
        return view(row, resolver.size(row))
      })
    },

    update (workspaceId: string, segmentId: string, patch: SegmentPatchInput): SegmentView {
      return transaction(() => {
        const wsPk = workspacePk(workspaceId)
        const row = find(wsPk, segmentId)
        const expr = patch.filter === undefined ? undefined : resolveFilter(patch.filter, resolver.cohortLookup(wsPk), resolver.groupLookup(wsPk))
        const updated = segments.update(row.pk, {
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.description !== undefined && { description: patch.description }),
          ...(patch.tags !== undefined && { tags: patch.tags }),
          ...(patch.filter !== undefined && { filter: patch.filter }),
          ...(patch.analytics_tracking_enabled !== undefined && { analyticsTrackingEnabled: patch.analytics_tracking_enabled }),
          updatedAt: clock.now()
        })
        return view(updated, resolver.size(updated, expr))
      })
    },

    /** Archived segments leave /segments/list (get_segment.md) but keep their details and members. */
    setArchived (workspaceId: string, segmentId: string, archived: boolean): SegmentView {
      return transaction(() => {
        const row = find(workspacePk(workspaceId), segmentId)
        const now = clock.now()
        return view(segments.update(row.pk, { archivedAt: archived ? (row.archivedAt ?? now) : null, updatedAt: now }))
      })
    },

    delete (workspaceId: string, segmentId: string): void {
      transaction(() => segments.delete(find(workspacePk(workspaceId), segmentId).pk))
    },

    /** A page of current members in user order, and how many there are in all. */
    members (workspaceId: string, segmentId: string, page: { cursor?: string | undefined, limit: number }): { members: SegmentMemberView[], next_cursor?: string, total: number } {
      return transaction(() => {
        const wsPk = workspacePk(workspaceId)
        const row = find(wsPk, segmentId)
        const expr = resolver.expr(row)
        const total = resolver.size(row, expr)
        const rows = query.page(wsPk, expr, decodeCursor(page.cursor), page.limit + 1)
        const members = rows.slice(0, page.limit).map((r): SegmentMemberView => ({
          braze_id: r.brazeId,
          ...(r.externalId !== null && { external_id: r.externalId }),
          ...(r.email !== null && { email: r.email }),
          ...(r.phone !== null && { phone: r.phone })
        }))
        const last = rows[page.limit - 1]
        return rows.length > page.limit && last !== undefined ? { members, next_cursor: encodeCursor(last.pk), total } : { members, total }
      })
    }
  }

  function view (row: SegmentRow, size?: number): SegmentView {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      tags: row.tags,
      filter: row.filter,
      filter_description: describeFilter(row.filter, resolver.cohortLookup(row.workspacePk), resolver.groupLookup(row.workspacePk)),
      analytics_tracking_enabled: row.analyticsTrackingEnabled,
      archived: row.archivedAt !== null,
      created_at: toIso(row.createdAt),
      updated_at: toIso(row.updatedAt),
      ...(size !== undefined && { size })
    }
  }
}

function encodeCursor (userPk: number): string {
  return Buffer.from(`s:${userPk}`).toString('base64url')
}

function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const m = /^s:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (m === null) throw new FakeBadRequest('cursor is not a next_cursor returned by this endpoint')
  return Number(m[1])
}
