/**
 * The time buckets of every `data_series` answer (campaigns, Canvas, segments, events, KPIs, sessions,
 * purchases, News Feed cards), so they all answer alike for days before their object existed.
 *
 * Braze documents `length` as the "Max[imum] number of units (days or hours) before `ending_at` to
 * include in the returned series" (get_custom_events_analytics.md, get_kpi_*.md, get_segment_analytics.md,
 * get_campaign_analytics.md): a maximum, not an exact count. The one reading that fits every page is
 * that a series holds the units in which its object existed: buckets before the object was created
 * (a campaign, Canvas or segment; for workspace-wide series, the workspace or its earliest record) and
 * buckets after the current one are left out, never zero-filled. Stated in COVERAGE.md.
 * Buckets are UTC days or hours; `ending_at` may carry any offset, its instant picks the last bucket.
 */
import { InvalidEndingAt } from './errors.js'
import { parseIso8601 } from './time.js'

export type SeriesUnit = 'day' | 'hour'
export const UNIT_MS: Readonly<Record<SeriesUnit, number>> = { day: 86_400_000, hour: 3_600_000 }

/** `ending_at` as an instant; absent → now. The docs' own example `2018-06-27T23:59:59-5:00` has a one-digit offset hour. */
export function parseEndingAt (value: string | undefined, now: number): number {
  if (value === undefined) return now
  const ms = parseIso8601(value.replace(/([+-])(\d):(\d{2})$/, '$10$2:$3'))
  if (ms === undefined) throw new InvalidEndingAt()
  return ms
}

/** Start (epoch ms) of each bucket of the series, oldest first. */
export function seriesBuckets (input: { endingAt: number, length: number, unit?: SeriesUnit | undefined, since: number, now: number }): number[] {
  const size = UNIT_MS[input.unit ?? 'day']
  const end = Math.floor(input.endingAt / size)
  const last = Math.min(end, Math.floor(input.now / size))
  const first = Math.max(end - (input.length - 1), Math.floor(input.since / size))
  const out: number[] = []
  for (let b = first; b <= last; b++) out.push(b * size)
  return out
}

/** `time` of a bucket: an ISO 8601 date for days, ISO 8601 extended (UTC) for hours, as the docs describe. */
export function bucketTime (start: number, unit: SeriesUnit = 'day'): string {
  const iso = new Date(start).toISOString()
  return unit === 'day' ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`
}
