/**
 * The segments section of a seed file: segments as the control plane makes them, their filter
 * trees checked by the same rules (segment-filter.ts resolveFilter) against the cohorts loaded
 * just before, and the daily size history /segments/data_series reads.
 */
import { toIso } from '../../shared/clock.js'
import { BrazeError, FakeBadRequest, FakeConflict, InvalidSegmentFilter } from '../../shared/errors.js'
import { newKey } from '../../shared/ids.js'
import { resolveFilter, type CohortLookup, type GroupLookup } from '../../segments/segment-filter.js'
import type { SeedScope, SeedSegment } from './seed-types.js'
import type { SeedRepository } from '../../../repositories/toolkit/seed-repository.js'

/** "Invalid segment filter at " — resolveFilter's message up to the path it names. */
const FILTER_PREFIX = new InvalidSegmentFilter('').message
/** Every recorded day: sizesUpTo reads up to and including this one. */
const LAST_DAY = '9999-12-31'

export function loadSegments (seeds: SeedRepository, scope: SeedScope, list: SeedSegment[], cohorts: CohortLookup, groups?: GroupLookup): void {
  const { ms } = scope
  list.forEach((s, i) => {
    const sa = `${scope.at}.segments[${i}]`
    checkFilter(s.filter, cohorts, sa, groups)
    if (s.archived_at !== undefined && s.archived !== true) throw new FakeBadRequest(`${sa}.archived_at: needs "archived": true`)
    const id = s.id ?? newKey()
    if (seeds.segments.idTaken(scope.workspacePk, id)) throw new FakeConflict(`${sa}.id: segment '${id}' already exists`)
    const createdAt = ms(s.created_at)
    const updatedAt = ms(s.updated_at ?? s.created_at)
    const row = seeds.segments.insert({
      id, workspacePk: scope.workspacePk, name: s.name, description: s.description ?? null, tags: s.tags ?? [], filter: s.filter,
      analyticsTrackingEnabled: s.analytics_tracking_enabled ?? false,
      archivedAt: s.archived === true ? (s.archived_at === undefined ? updatedAt : ms(s.archived_at)) : null,
      createdAt, updatedAt
    })
    const days = new Set<string>()
    ;(s.sizes ?? []).forEach((d, j) => {
      if (days.has(d.day)) throw new FakeConflict(`${sa}.sizes[${j}].day: ${d.day} appears twice`)
      days.add(d.day)
      seeds.segments.recordSize(row.pk, d.day, d.size)
    })
  })
}

/** Why a filter tree does not parse against the file's cohorts and groups (a Canvas audience path's), or undefined. */
export function filterError (tree: unknown, cohorts: CohortLookup, groups?: GroupLookup): string | undefined {
  try {
    resolveFilter(tree, cohorts, groups)
    return undefined
  } catch (err) {
    return err instanceof Error ? err.message : String(err)
  }
}

/** resolveFilter's 400, with the path from the top of the seed file. */
function checkFilter (tree: unknown, cohorts: CohortLookup, at: string, groups?: GroupLookup): void {
  try {
    resolveFilter(tree, cohorts, groups)
  } catch (err) {
    if (err instanceof BrazeError && err.code === InvalidSegmentFilter.code && err.message.startsWith(FILTER_PREFIX)) {
      throw new InvalidSegmentFilter(`${at}.${err.message.slice(FILTER_PREFIX.length)}`)
    }
    throw err
  }
}

export function snapshotSegments (seeds: SeedRepository, workspacePk: number): SeedSegment[] {
  return seeds.segments.list(workspacePk).map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    tags: s.tags,
    filter: s.filter as Record<string, unknown>,
    analytics_tracking_enabled: s.analyticsTrackingEnabled,
    archived: s.archivedAt !== null,
    ...(s.archivedAt !== null && { archived_at: toIso(s.archivedAt) }),
    created_at: toIso(s.createdAt),
    updated_at: toIso(s.updatedAt),
    sizes: seeds.segments.sizesUpTo(s.pk, LAST_DAY)
  }))
}
