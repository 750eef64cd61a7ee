/**
 * Wire shapes of Braze's Export analytics (braze-docs _docs/_api/endpoints/export/): custom event,
 * KPI, session and purchase series, and the News Feed card endpoints. Query parameters as the docs
 * spell them; unknown ones are ignored.
 */
import { z } from 'zod'
import { ANALYTICS_MESSAGES as M } from '../../domain/shared/errors.js'

const length = z.coerce.number({ error: M.length }).int({ error: M.length }).min(1, { error: M.length }).max(100, { error: M.length })
  .meta({ description: 'Maximum number of units (days or hours) before `ending_at` to include, 1–100' })
const unit = z.enum(['day', 'hour'], { error: M.unit }).default('day').meta({ description: 'Unit of time between data points: `day` (default) or `hour`' })
const endingAt = z.string().optional().meta({ description: 'ISO 8601 date-time at which the series ends; defaults to the time of the request', examples: ['2026-11-28T23:59:59-05:00'] })
const appId = z.string().optional().meta({ description: 'App API identifier: limit the series to data tracked with this `app_id`' })
const segmentId = z.string().optional().meta({ description: 'Segment API identifier of an analytics-enabled segment' })

export const EventSeriesQuerySchema = z.object({
  event: z.string({ error: M.event }).min(1, { error: M.event }).meta({ description: 'The name of the custom event' }),
  length, unit, ending_at: endingAt, app_id: appId, segment_id: segmentId
})
export const SessionSeriesQuerySchema = z.object({ length, unit, ending_at: endingAt, app_id: appId, segment_id: segmentId })
export const KpiSeriesQuerySchema = z.object({
  length: length.meta({ description: 'Maximum number of days before `ending_at` to include, 1–100' }),
  ending_at: endingAt,
  app_id: z.string().optional().meta({ description: 'App API identifier; if excluded, results for all apps of the workspace' })
})
export const PurchaseSeriesQuerySchema = z.object({
  length, unit, ending_at: endingAt, app_id: appId,
  product: z.string().optional().meta({ description: 'Product id to filter by; all products when excluded' })
})
export const FeedListQuerySchema = z.object({
  page: z.coerce.number({ error: M.page }).int({ error: M.page }).min(0, { error: M.page }).default(0).meta({ description: 'Page to return, 0-based, 100 cards a page' }),
  include_archived: z.enum(['true', 'false'], { error: M.includeArchived }).default('false').transform((v) => v === 'true').meta({ description: 'Include archived cards (default false)' }),
  sort_direction: z.enum(['asc', 'desc'], { error: M.sortDirection }).default('asc').meta({ description: '`asc` oldest first (default), `desc` newest first' })
})
const cardId = z.string({ error: M.cardId }).min(1, { error: M.cardId }).meta({ description: 'Card API identifier' })
export const FeedSeriesQuerySchema = z.object({ card_id: cardId, length, unit, ending_at: endingAt })
export const FeedDetailsQuerySchema = z.object({ card_id: cardId })

const series = <T extends z.ZodRawShape>(id: string, point: T) => z.object({
  message: z.literal('success'),
  data: z.array(z.object({ time: z.string().meta({ description: 'ISO 8601 date (unit day) or date-time (unit hour)' }), ...point }))
}).meta({ id })

export const EventSeriesResponseSchema = series('EventSeriesResponse', { count: z.int() })
export const SessionSeriesResponseSchema = series('SessionSeriesResponse', { sessions: z.int() })
export const NewUsersSeriesResponseSchema = series('KpiNewUsersSeriesResponse', { new_users: z.int() })
export const DauSeriesResponseSchema = series('KpiDauSeriesResponse', { dau: z.int() })
export const MauSeriesResponseSchema = series('KpiMauSeriesResponse', { mau: z.int() })
export const UninstallsSeriesResponseSchema = series('KpiUninstallsSeriesResponse', { uninstalls: z.int() })
export const PurchaseQuantitySeriesResponseSchema = series('PurchaseQuantitySeriesResponse', { purchase_quantity: z.int() })
export const PurchaseRevenueSeriesResponseSchema = series('PurchaseRevenueSeriesResponse', { revenue: z.number() })
export const FeedListResponseSchema = z.object({
  message: z.literal('success'),
  cards: z.array(z.object({
    id: z.string(), type: z.string().meta({ description: 'NewsItem, CaptionedImage, Banner or DevPick' }), title: z.string(), tags: z.array(z.string())
  }))
}).meta({ id: 'FeedListResponse' })
