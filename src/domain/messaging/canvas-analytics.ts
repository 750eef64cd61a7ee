/**
 * The per-day entries of GET /canvas/data_series (braze-docs get_canvas_analytics.md), from the
 * outbox's daily delivery counts. Pure.
 * - `total_stats`: revenue, conversions, conversions_by_entry_time, entries;
 * - `variant_stats` (include_variant_breakdown=true): per variant API id, its name and the same four;
 * - `step_stats` (include_step_breakdown=true): per step API id, the step's name, revenue, conversions,
 *   conversions_by_entry_time and `messages` per channel, as the doc's response lists them. Every step
 *   of the Canvas appears each day; steps no longer in the Canvas only with include_deleted_step_data=true.
 * fake-braze models one variant per Canvas (see canvasDetails) and no conversions or revenue: those
 * stay 0 [inferred]; `entries` counts the users delivered a message of the Canvas that day.
 */
import { toIso } from '../shared/clock.js'
import { brazeChannelName, type CanvasStep } from './definitions.js'
import type { MessageChannel } from '../subscriptions/reachability.js'

export interface DailyDelivery { day: string, channel: string, variationId: string | null, stepId: string | null, sent: number, users: number }
export interface CanvasSeriesOptions { variants: boolean, steps: boolean, deletedSteps: boolean }

/** The one variant fake-braze models, as /canvas/details lists it. */
export function canvasVariant (canvasId: string): { id: string, name: string } {
  return { id: `${canvasId}-variant-1`, name: 'Variant 1' }
}

export function canvasDailyStats (
  canvas: { id: string, steps: readonly CanvasStep[] },
  dayStarts: readonly number[],
  deliveries: readonly DailyDelivery[],
  options: CanvasSeriesOptions,
  engagementZeros: (channel: string) => Record<string, number>
): Array<Record<string, unknown>> {
  return dayStarts.map((start) => {
    const day = toIso(start).slice(0, 10)
    const today = deliveries.filter((c) => c.day === day)
    const entries = today.reduce((n, c) => Math.max(n, c.users), 0)
    const zeros = { revenue: 0, conversions: 0, conversions_by_entry_time: 0 }
    const stat: Record<string, unknown> = { time: day, total_stats: { ...zeros, entries } }
    if (options.variants) {
      const v = canvasVariant(canvas.id)
      stat.variant_stats = { [v.id]: { name: v.name, ...zeros, entries } }
    }
    if (options.steps) {
      const steps: Record<string, unknown> = {}
      const known = new Set(canvas.steps.map((s) => s.id))
      const stepIds = [...canvas.steps.map((s) => s.id), ...(options.deletedSteps ? [...new Set(today.map((c) => c.stepId))].filter((id): id is string => id !== null && !known.has(id)) : [])]
      for (const id of stepIds) {
        const step = canvas.steps.find((s) => s.id === id)
        const messages: Record<string, Array<Record<string, unknown>>> = {}
        for (const c of today) {
          if (c.stepId !== id) continue
          ;(messages[brazeChannelName(c.channel as MessageChannel)] ??= []).push({ ...(c.variationId !== null && { variation_api_id: c.variationId }), sent: c.sent, ...engagementZeros(c.channel) })
        }
        // A deleted step's name is gone with it [inferred]: its id stands in.
        steps[id] = { name: step?.name ?? id, ...zeros, messages }
      }
      stat.step_stats = steps
    }
    return stat
  })
}
