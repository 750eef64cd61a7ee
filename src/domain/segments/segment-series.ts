/**
 * /segments/data_series from a sparse daily history (braze-docs get_segment_analytics.md: "a daily
 * series of the estimated size of a segment over time"). fake-braze records a segment's size on the
 * day it is created, changed or resolved; a day without a record carries the last size recorded
 * before it [inferred]. Days before the segment existed and days after today are left out [inferred].
 */
export interface RecordedSize { day: string, size: number }
export interface SeriesPoint { time: string, size: number }

const DAY_MS = 86_400_000

export function utcDay (ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function dailySeries (input: { recorded: readonly RecordedSize[], createdAt: number, now: number, endingAt: number, length: number }): SeriesPoint[] {
  const first = Math.max(startOfDay(input.endingAt) - (input.length - 1) * DAY_MS, startOfDay(input.createdAt))
  const last = Math.min(startOfDay(input.endingAt), startOfDay(input.now))
  const out: SeriesPoint[] = []
  let i = 0
  let size = 0
  for (let t = first; t <= last; t += DAY_MS) {
    const day = utcDay(t)
    while (i < input.recorded.length && input.recorded[i]!.day <= day) size = input.recorded[i++]!.size
    out.push({ time: day, size })
  }
  return out
}

function startOfDay (ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS
}
