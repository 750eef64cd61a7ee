/**
 * Braze's segment export endpoints:
 * - GET /segments/list      braze-docs _docs/_api/endpoints/export/segments/get_segment.md
 * - GET /segments/details   …/get_segment_details.md
 * - GET /segments/data_series …/get_segment_analytics.md
 * An unknown segment_id is 400 "Invalid Segment ID" [inferred: Braze documents none; modelled on
 * errors.md's "400 Invalid Campaign ID"].
 */
import { toIso } from '../shared/clock.js'
import { InvalidEndingAt, InvalidSegmentId } from '../shared/errors.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import { describeFilter, resolveFilter } from './segment-filter.js'
import { dailySeries, utcDay, type SeriesPoint } from './segment-series.js'
import { createSegmentResolver } from './segment-resolver.js'
import type { SegmentDeps } from './segment-service.js'
import { parseIso8601 } from '../shared/time.js'
import type { SegmentRow } from '../../db/schema/segments.js'

/** "returned in groups of 100 sorted by time of creation" (get_segment.md) */
export const SEGMENT_PAGE_SIZE = 100

export interface SegmentListItem { id: string, name: string, analytics_tracking_enabled: boolean, tags: string[] }
export interface SegmentDetails {
  message: 'success'
  created_at: string
  updated_at: string
  name: string
  description: string
  text_description: string | null
  tags: string[]
  teams: string[]
}

export type SegmentBrazeService = ReturnType<typeof createSegmentBrazeService>

export function createSegmentBrazeService (deps: Omit<SegmentDeps, 'keys' | 'workspaces'>) {
  const { segments, transaction } = deps
  const resolver = createSegmentResolver(deps)

  function find (ctx: RestContext, segmentId: string): SegmentRow {
    const row = segments.find(ctx.workspacePk, segmentId)
    if (row === undefined) throw new InvalidSegmentId()
    return row
  }

  return {
    /** "Archived segments are not included." `page` is 0-based; asc (default) = oldest first. */
    /** `editedAfter`: last_edit.time[gt] (epoch ms), applied before paging. */
    list (ctx: RestContext, page: number, direction: 'asc' | 'desc', editedAfter?: number): SegmentListItem[] {
      return segments.list(ctx.workspacePk, { active: true, direction, offset: page * SEGMENT_PAGE_SIZE, limit: SEGMENT_PAGE_SIZE, ...(editedAfter !== undefined && { editedAfter }) })
        .map((r) => ({ id: r.id, name: r.name, analytics_tracking_enabled: r.analyticsTrackingEnabled, tags: r.tags }))
    },

    /** `description` is "a human-readable description of filters"; `text_description` the segment's own text. */
    details (ctx: RestContext, segmentId: string): SegmentDetails {
      const row = find(ctx, segmentId)
      return {
        message: 'success',
        created_at: toIso(row.createdAt),
        updated_at: toIso(row.updatedAt),
        name: row.name,
        description: describeFilter(row.filter, resolver.cohortLookup(row.workspacePk), resolver.groupLookup(row.workspacePk)),
        text_description: row.description,
        tags: row.tags,
        teams: [] // fake-braze has no teams [inferred]
      }
    },

    /** Users a filter tree (as a segment's `filter`) holds now: messaging's Canvas audience paths. Throws InvalidSegmentFilter. */
    filterPks (workspacePk: number, filter: unknown): number[] {
      return deps.query.allPks(workspacePk, resolveFilter(filter, resolver.cohortLookup(workspacePk), resolver.groupLookup(workspacePk)))
    },
    /** Why a filter tree does not parse (its path and reason), or undefined. */
    filterError (workspacePk: number, filter: unknown): string | undefined {
      try {
        resolveFilter(filter, resolver.cohortLookup(workspacePk), resolver.groupLookup(workspacePk))
        return undefined
      } catch (err) {
        return err instanceof Error ? err.message : String(err)
      }
    },

    /** Current members' user pks (for messaging's target segments), or undefined when the workspace has no such segment. */
    memberPks (workspacePk: number, segmentId: string): number[] | undefined {
      const row = segments.find(workspacePk, segmentId)
      return row === undefined ? undefined : deps.query.allPks(workspacePk, resolver.expr(row))
    },

    /** Today's size is computed now; earlier days come from the recorded history (segment-series.ts). */
    dataSeries (ctx: RestContext, input: { segment_id: string, length: number, ending_at?: string | undefined }): SeriesPoint[] {
      const endingAt = input.ending_at === undefined ? deps.clock.now() : parseEndingAt(input.ending_at)
      return transaction(() => {
        const row = find(ctx, input.segment_id)
        resolver.size(row)
        const now = deps.clock.now()
        return dailySeries({ recorded: segments.sizesUpTo(row.pk, utcDay(endingAt)), createdAt: row.createdAt, now, endingAt, length: input.length })
      })
    }
  }
}

/** The doc's own example is `2018-06-27T23:59:59-5:00`: a one-digit offset hour is accepted. */
function parseEndingAt (value: string): number {
  const ms = parseIso8601(value.replace(/([+-])(\d):(\d{2})$/, '$10$2:$3'))
  if (ms === undefined) throw new InvalidEndingAt()
  return ms
}

