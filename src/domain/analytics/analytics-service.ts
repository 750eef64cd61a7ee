/**
 * Braze's Export analytics, computed from what the fake holds (braze-docs _docs/_api/endpoints/export/):
 * - GET /events/data_series (custom_events/get_custom_events_analytics.md): occurrences of one custom event;
 * - GET /kpi/new_users|dau|mau|uninstalls/data_series (kpi/*.md): users created per day; users with tracked
 *   activity per day and over the 30 days ending each day; uninstalls;
 * - GET /sessions/data_series (sessions/get_sessions_analytics.md): sessions;
 * - GET /purchases/quantity_series and /revenue_series (purchases/*.md): purchases (quantity) and revenue;
 * - GET /feed/list, /feed/data_series, /feed/details (news_feed/*.md): News Feed cards (deprecated by Braze).
 * "Activity" is what /users/track records (track-analytics.ts). Sessions and uninstalls come only from
 * SDKs, which fake-braze does not emulate, and News Feed cards cannot be created through any API: those
 * series are 0 and the card list is empty, faithfully to an app with no SDK traffic and no cards.
 * Every series has the buckets of shared/series-window.ts: none before the workspace's records begin.
 */
import { InvalidCardId, SegmentSeriesUnsupported } from '../shared/errors.js'
import type { Clock } from '../shared/clock.js'
import { bucketTime, parseEndingAt, seriesBuckets, UNIT_MS, type SeriesUnit } from '../shared/series-window.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import type { SegmentBrazeService } from '../segments/segment-braze-service.js'
import type { AnalyticsRepository, HourTotal } from '../../repositories/analytics/analytics-repository.js'

const HOUR_MS = UNIT_MS.hour
const DAY_MS = UNIT_MS.day
const HOURS_PER_DAY = 24

export interface SeriesQuery { length: number, unit?: SeriesUnit | undefined, ending_at?: string | undefined, app_id?: string | undefined }
export type Kpi = 'new_users' | 'dau' | 'mau' | 'uninstalls'
export interface FeedListQuery { page: number, include_archived: boolean, sort_direction: 'asc' | 'desc' }
export interface FeedCardView { id: string, type: string, title: string, tags: string[] }

export type AnalyticsService = ReturnType<typeof createAnalyticsService>

export function createAnalyticsService (deps: {
  analytics: AnalyticsRepository
  clock: Clock
  /** throws Invalid Segment ID for a segment_id the workspace does not hold */
  segments: Pick<SegmentBrazeService, 'details'>
}) {
  const { analytics, clock } = deps

  /** The buckets of a series over the workspace's records. */
  function window (ctx: RestContext, q: SeriesQuery): { unit: SeriesUnit, starts: number[] } {
    const now = clock.now()
    const unit = q.unit ?? 'day'
    const since = analytics.since(ctx.workspacePk) ?? now
    return { unit, starts: seriesBuckets({ endingAt: parseEndingAt(q.ending_at, now), length: q.length, unit, since, now }) }
  }

  /** Sums hourly totals into the series' buckets. */
  function bucketed (unit: SeriesUnit, starts: readonly number[], totals: readonly HourTotal[], pick: (t: HourTotal) => number): Array<{ time: string, value: number }> {
    const per = unit === 'day' ? HOURS_PER_DAY : 1
    const sums = new Map<number, number>()
    for (const t of totals) {
      const bucket = Math.floor(t.hour / per) * per * HOUR_MS
      sums.set(bucket, (sums.get(bucket) ?? 0) + pick(t))
    }
    return starts.map((s) => ({ time: bucketTime(s, unit), value: sums.get(s) ?? 0 }))
  }

  function hourRange (unit: SeriesUnit, starts: readonly number[]): { fromHour: number, toHour: number } {
    return { fromHour: starts[0]! / HOUR_MS, toHour: (starts[starts.length - 1]! + UNIT_MS[unit]) / HOUR_MS - 1 }
  }

  function checkSegment (ctx: RestContext, segmentId: string | undefined): void {
    if (segmentId !== undefined) deps.segments.details(ctx, segmentId)
  }

  function purchaseTotals (ctx: RestContext, q: SeriesQuery & { product?: string | undefined }, pick: (t: HourTotal) => number): Array<{ time: string, value: number }> {
    const { unit, starts } = window(ctx, q)
    if (starts.length === 0) return []
    return bucketed(unit, starts, analytics.hourTotals(ctx.workspacePk, 'purchase', { name: q.product, appId: q.app_id, ...hourRange(unit, starts) }), pick)
  }

  return {
    eventSeries (ctx: RestContext, q: SeriesQuery & { event: string, segment_id?: string | undefined }): Array<{ time: string, count: number }> {
      if (q.segment_id !== undefined) {
        checkSegment(ctx, q.segment_id)
        throw new SegmentSeriesUnsupported()
      }
      const { unit, starts } = window(ctx, q)
      if (starts.length === 0) return []
      const totals = analytics.hourTotals(ctx.workspacePk, 'event', { name: q.event, appId: q.app_id, ...hourRange(unit, starts) })
      return bucketed(unit, starts, totals, (t) => t.count).map((b) => ({ time: b.time, count: b.value }))
    },

    /** Always 0: sessions are started by SDKs only. A segment_id must still name a segment of the workspace. */
    sessionSeries (ctx: RestContext, q: SeriesQuery & { segment_id?: string | undefined }): Array<{ time: string, sessions: number }> {
      checkSegment(ctx, q.segment_id)
      const { unit, starts } = window(ctx, q)
      return starts.map((s) => ({ time: bucketTime(s, unit), sessions: 0 }))
    },

    purchaseQuantitySeries (ctx: RestContext, q: SeriesQuery & { product?: string | undefined }): Array<{ time: string, purchase_quantity: number }> {
      return purchaseTotals(ctx, q, (t) => t.count).map((b) => ({ time: b.time, purchase_quantity: b.value }))
    },
    /** Prices × quantities summed in the currencies sent ([inferred]: Braze converts to USD); cents kept exact. */
    purchaseRevenueSeries (ctx: RestContext, q: SeriesQuery & { product?: string | undefined }): Array<{ time: string, revenue: number }> {
      return purchaseTotals(ctx, q, (t) => t.revenue).map((b) => ({ time: b.time, revenue: Math.round(b.value * 100) / 100 }))
    },

    /**
     * Daily KPIs. `app_id` is accepted: fake-braze attributes users to no app, so the series is the
     * workspace's whatever the app [inferred].
     */
    kpiSeries (ctx: RestContext, kpi: Kpi, q: SeriesQuery): Array<Record<string, string | number>> {
      const { starts } = window(ctx, { ...q, unit: 'day' })
      if (starts.length === 0) return []
      const days = starts.map((s) => s / DAY_MS)
      let counts: Map<number, number>
      switch (kpi) {
        case 'new_users':
          counts = new Map(analytics.newUsersPerDay(ctx.workspacePk, starts[0]!, starts[starts.length - 1]! + DAY_MS).map((r) => [r.day, r.n]))
          break
        case 'dau':
          counts = new Map(analytics.activeUsersPerDay(ctx.workspacePk, days[0]!, days[days.length - 1]!).map((r) => [r.day, r.n]))
          break
        case 'mau':
          counts = new Map(analytics.activeUsersPer30Days(ctx.workspacePk, days).map((r) => [r.day, r.n]))
          break
        case 'uninstalls':
          counts = new Map() // uninstalls are detected through push tokens of SDK installs: none here
      }
      return days.map((d) => ({ time: bucketTime(d * DAY_MS), [kpi]: counts.get(d) ?? 0 }))
    },

    /** No card exists: the News Feed has no creation API, and fake-braze has no dashboard to make one. */
    feedList (_ctx: RestContext, _q: FeedListQuery): FeedCardView[] {
      return []
    },
    feedCard (_ctx: RestContext, cardId: string): never {
      throw new InvalidCardId(cardId)
    }
  }
}
