/**
 * /segments/data_series from a sparse daily history (braze-docs get_segment_analytics.md: "a daily
 * series of the estimated size of a segment over time"). fake-braze records a segment's size on the
 * day it is created, changed or resolved; a day without a record carries the last size recorded
 * before it [inferred]. Days before the segment existed and days after today are left out, as in
 * every data_series (shared/series-window.ts).
 */
import { seriesBuckets } from '../shared/series-window.js'

export interface RecordedSize { day: string, size: number }
export interface SeriesPoint { time: string, size: number }

export function utcDay (ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function dailySeries (input: { recorded: readonly RecordedSize[], createdAt: number, now: number, endingAt: number, length: number }): SeriesPoint[] {
  const out: SeriesPoint[] = []
  let i = 0
  let size = 0
  for (const t of seriesBuckets({ endingAt: input.endingAt, length: input.length, since: input.createdAt, now: input.now })) {
    const day = utcDay(t)
    while (i < input.recorded.length && input.recorded[i]!.day <= day) size = input.recorded[i++]!.size
    out.push({ time: day, size })
  }
  return out
}
