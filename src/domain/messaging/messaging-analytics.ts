/**
 * Braze's read endpoints of campaigns and Canvases: /campaigns/list, /canvas/list, their
 * details and data_series, counted from the outbox (braze-reference-messaging §2.2-2.6).
 */
import { toIso } from '../shared/clock.js'
import { InvalidCampaignId, InvalidCanvasId, InvalidEndingAt, MESSAGING_MESSAGES as M, MessagingBadRequest } from '../shared/errors.js'
import { parseIso8601 } from '../shared/time.js'
import { UNIT_MS, parseEndingAt, seriesBuckets } from '../shared/series-window.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import { canvasDailyStats, canvasVariant } from './canvas-analytics.js'
import { brazeChannelName, stepsOf, type CampaignDefinition, type CanvasDefinition, type MessageVariation } from './definitions.js'
import { LIST_PAGE_SIZE, type MessagingDeps } from './messaging-types.js'
import { hasSplit } from './variants.js'
import { nextOf } from './canvas-graph.js'
import type { MessageChannel } from '../subscriptions/reachability.js'

const DAY = UNIT_MS.day

export type MessagingAnalytics = ReturnType<typeof createMessagingAnalytics>

export function createMessagingAnalytics (deps: Pick<MessagingDeps, 'repo' | 'clock'>) {
  const { repo, clock } = deps
  return {
    campaignsList (ctx: RestContext, q: { page: number, include_archived: boolean, sort_direction: 'asc' | 'desc', last_edited_after?: number | undefined }) {
      return repo.listDefinitions(ctx.workspacePk, 'campaign', { includeArchived: q.include_archived, direction: q.sort_direction, offset: q.page * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, ...(q.last_edited_after !== undefined && { editedAfter: q.last_edited_after }) })
        .map((r) => ({ id: r.id, last_edited: toIso(r.updatedAt), name: r.name, is_api_campaign: r.kind === 'api', tags: (r.definition as unknown as CampaignDefinition).tags }))
    },
    canvasList (ctx: RestContext, q: { page: number, include_archived: boolean, sort_direction: 'asc' | 'desc', last_edited_after?: number | undefined }) {
      return repo.listDefinitions(ctx.workspacePk, 'canvas', { includeArchived: q.include_archived, direction: q.sort_direction, offset: q.page * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE, ...(q.last_edited_after !== undefined && { editedAfter: q.last_edited_after }) })
        .map((r) => ({ id: r.id, last_edited: toIso(r.updatedAt), name: r.name, tags: (r.definition as unknown as CanvasDefinition).tags }))
    },
    campaignDetails (ctx: RestContext, campaignId: string) {
      const row = repo.findDefinition(ctx.workspacePk, 'campaign', campaignId)
      if (row === undefined) throw new InvalidCampaignId() // [I] unknown campaign_id
      const def = row.definition as unknown as CampaignDefinition
      const range = repo.sentRange(ctx.workspacePk, row.id)
      return {
        message: 'success' as const,
        created_at: toIso(row.createdAt),
        updated_at: toIso(row.updatedAt),
        archived: row.archivedAt !== null,
        draft: row.status === 'draft',
        enabled: row.status === 'active' && row.archivedAt === null,
        has_post_launch_draft: false,
        name: row.name,
        description: def.description ?? '',
        // [C SEG-TC] API-triggered campaigns answer "api_triggered"; other values [inferred]
        schedule_type: row.kind === 'api_triggered' ? 'api_triggered' : row.kind === 'api' ? 'api' : 'date',
        channels: [...new Set(def.messages.map((m) => brazeChannelName(m.channel)))],
        first_sent: range.first === null ? null : toIso(range.first),
        last_sent: range.last === null ? null : toIso(range.last),
        tags: def.tags,
        teams: [] as string[],
        messages: Object.fromEntries(def.messages.map((m) => [m.id, messageDetails(m)])),
        conversion_behaviors: [] as unknown[],
        // fake-braze's own: the A/B split and who landed where so far (variants.ts documents the assignment)
        ...(hasSplit(def.messages.map((m) => m.percent), def.control_percent) && { variants: variantBreakdown(def, repo.variantTotals(ctx.workspacePk, row.id)) })
      }
    },
    canvasDetails (ctx: RestContext, canvasId: string) {
      const row = repo.findDefinition(ctx.workspacePk, 'canvas', canvasId)
      if (row === undefined) throw new InvalidCanvasId()
      const def = row.definition as unknown as CanvasDefinition
      const range = repo.sentRange(ctx.workspacePk, row.id)
      const steps = stepsOf(def)
      return {
        message: 'success' as const,
        created_at: toIso(row.createdAt),
        updated_at: toIso(row.updatedAt),
        name: row.name,
        description: def.description ?? '',
        archived: row.archivedAt !== null,
        draft: row.status === 'draft',
        enabled: row.status === 'active' && row.archivedAt === null,
        has_post_launch_draft: false,
        schedule_type: row.kind === 'api_triggered' ? 'api_triggered' : 'date',
        first_entry: range.first === null ? null : toIso(range.first),
        last_entry: range.last === null ? null : toIso(range.last),
        channels: [...new Set(steps.flatMap((s) => s.messages.map((m) => brazeChannelName(m.channel))))],
        // One Canvas variant [inferred: Canvas-level variants are not modelled; experiment steps split users instead].
        variants: [{ ...canvasVariant(row.id), first_step_ids: steps.slice(0, 1).map((s) => s.id), ...(steps[0] !== undefined && { first_step_id: steps[0].id }) }],
        tags: def.tags,
        teams: [] as string[],
        steps: steps.map((s) => {
          const next = nextOf(s)
          const nameOf = (id: string): string => steps.find((x) => x.id === id)?.name ?? id
          return {
            name: s.name, type: s.type ?? 'message', id: s.id,
            next_step_ids: [...new Set(next.flatMap((n) => (n.next === null ? [] : [n.next])))],
            // a path step names its paths; a plain step the step it leads to (braze-docs get_canvas_details)
            next_paths: next.flatMap((n) => (n.next === null ? [] : [{ name: s.paths !== undefined ? n.name : nameOf(n.next), next_step_id: n.next }])),
            channels: [...new Set(s.messages.map((m) => brazeChannelName(m.channel)))],
            messages: Object.fromEntries(s.messages.map((m) => [m.id, messageDetails(m)])),
            ...(s.delay_s !== undefined && { delay_s: s.delay_s }),
            ...(s.paths !== undefined && { paths: s.paths }),
            ...(s.control_percent !== undefined && s.control_percent !== null && { control_percent: s.control_percent })
          }
        })
      }
    },
    /** Days before the campaign existed and after today are left out, as in every data_series (shared/series-window.ts). */
    campaignDataSeries (ctx: RestContext, q: { campaign_id: string, length: number, ending_at?: string | undefined }) {
      const row = repo.findDefinition(ctx.workspacePk, 'campaign', q.campaign_id)
      if (row === undefined) throw new InvalidCampaignId()
      const days = dayWindow(q.ending_at, q.length, row.createdAt, clock.now())
      const counts = days.length === 0 ? [] : repo.dailyCounts(ctx.workspacePk, row.id, days[0]!, days[days.length - 1]! + DAY)
      const controls = days.length === 0 ? [] : repo.dailyControl(ctx.workspacePk, row.id, days[0]!, days[days.length - 1]! + DAY)
      const campaign = row.definition as unknown as CampaignDefinition
      const names = new Map(campaign.messages.map((m) => [m.id, m.name]))
      const first = campaign.messages[0]
      return days.map((start) => {
        const day = toIso(start).slice(0, 10)
        const today = counts.filter((c) => c.day === day)
        const messages: Record<string, Array<Record<string, unknown>>> = {}
        for (const c of today) {
          (messages[brazeChannelName(c.channel as MessageChannel)] ??= []).push({
            ...(names.has(c.variationId ?? '') && { variation_name: names.get(c.variationId!) }), variation_api_id: c.variationId, sent: c.sent, unique_recipients: c.users, ...engagementZeros(c.channel)
          })
        }
        // The control group (braze-docs get_campaign_analytics: a "Control Group" entry), under the first variant's channel
        const control = controls.find((c) => c.day === day)
        if (control !== undefined && first !== undefined) {
          (messages[brazeChannelName(first.channel)] ??= []).push({ variation_name: 'Control Group', revenue: 0, unique_recipients: control.users, conversions: 0, conversions_by_send_time: 0, enrolled: control.users })
        }
        // unique_recipients counts users, not messages; engagement counters stay 0 (nothing is opened here) [inferred]
        return { time: day, unique_recipients: today.reduce((n, c) => Math.max(n, c.users), 0), conversions: 0, revenue: 0, messages }
      })
    },
    canvasDataSeries (ctx: RestContext, q: {
      canvas_id: string, ending_at: string, length?: number | undefined, starting_at?: string | undefined,
      include_step_breakdown?: boolean | undefined, include_variant_breakdown?: boolean | undefined, include_deleted_step_data?: boolean | undefined
    }) {
      const row = repo.findDefinition(ctx.workspacePk, 'canvas', q.canvas_id)
      if (row === undefined) throw new InvalidCanvasId()
      let length = q.length
      if (length === undefined && q.starting_at !== undefined) {
        // the same reading of the docs' `-5:00` offsets as ending_at alone (shared/series-window.ts)
        const s = parseEndingAt(q.starting_at, clock.now())
        const e = parseEndingAt(q.ending_at, clock.now())
        length = Math.max(1, Math.ceil((e - s) / DAY))
      }
      if (length === undefined || length < 1 || length > 14) throw new MessagingBadRequest(M.canvasLength)
      const days = dayWindow(q.ending_at, length, row.createdAt, clock.now())
      const counts = days.length === 0 ? [] : repo.dailyCounts(ctx.workspacePk, row.id, days[0]!, days[days.length - 1]! + DAY)
      const def = row.definition as unknown as CanvasDefinition
      return {
        name: row.name,
        stats: canvasDailyStats({ id: row.id, steps: stepsOf(def) }, days, counts, {
          variants: q.include_variant_breakdown === true, steps: q.include_step_breakdown === true, deletedSteps: q.include_deleted_step_data === true
        }, engagementZeros)
      }
    },
    /** POST /sends/id/create: 201 {send_id}; the same pair twice is one creation; 100 a day [D RL; I status]. */
  }
}

function messageDetails (m: MessageVariation): Record<string, unknown> {
  const { id: _id, channel, ...rest } = m
  return { channel: brazeChannelName(channel), ...rest }
}

/** Each variant's share and users reached, then the control group's (users held out). */
function variantBreakdown (def: CampaignDefinition, totals: ReadonlyArray<{ variationId: string | null, control: number, users: number }>): Array<Record<string, unknown>> {
  const reached = (id: string): number => totals.filter((t) => t.variationId === id && t.control === 0).reduce((n, t) => n + t.users, 0)
  const control = totals.filter((t) => t.control === 1).reduce((n, t) => n + t.users, 0)
  return [
    ...def.messages.map((m) => ({ variation_api_id: m.id, variation_name: m.name, channel: brazeChannelName(m.channel), percent: m.percent ?? 0, unique_recipients: reached(m.id) })),
    { variation_api_id: null, variation_name: 'Control Group', channel: null, percent: def.control_percent ?? 0, unique_recipients: control }
  ]
}

export function engagementZeros (channel: string): Record<string, number> {
  switch (channel) {
    case 'email': return { opens: 0, unique_opens: 0, clicks: 0, unique_clicks: 0, unsubscribes: 0, bounces: 0, delivered: 0, reported_spam: 0 }
    case 'push': return { direct_opens: 0, total_opens: 0, bounces: 0, body_clicks: 0 }
    case 'webhook': return { errors: 0 }
    case 'sms': return { sent_to_carrier: 0, delivered: 0, rejected: 0, delivery_failed: 0, clicks: 0, opt_out: 0, help: 0 }
    default: return { impressions: 0, unique_impressions: 0, clicks: 0, unique_clicks: 0, dismissals: 0 }
  }
}

function dayWindow (endingAt: string | undefined, length: number, since: number, now: number): number[] {
  return seriesBuckets({ endingAt: parseEndingAt(endingAt, now), length, since, now })
}

