/**
 * Scheduling: /…/schedule/create, update and delete, the dashboard's scheduled campaigns and
 * Canvases, and firing what the fake's clock has reached (src/plugins/scheduler.ts calls fireDue
 * before every request). Cheap when nothing is due: one cached number compared with now.
 */
import { toIso } from '../shared/clock.js'
import { BadScheduleTime, InvalidScheduleId, MESSAGING_MESSAGES as M, MessagingBadRequest } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { parseIso8601 } from '../shared/time.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import type { CampaignDefinition } from './definitions.js'
import {
  emptyEffects, newDispatchId,
  type MessagesSendInput, type MessagingDeps, type ScheduleInput, type SendAnswer, type SendEffects, type TriggerCampaignInput, type TriggerCanvasInput
} from './messaging-types.js'
import { checkProperties, checkSendId, checkTargets } from './send-checks.js'
import type { FireOptions, SendService } from './send-service.js'
import { EARLIEST_OFFSET_MS } from './local-time.js'
import { createDeferredDeliveries } from './deferred-deliveries.js'
import type { MessageScheduleRow } from '../../db/schema/messaging.js'
import type { CanvasProgression } from './canvas-progression.js'
import type { FrequencyRule } from './frequency-capping.js'

export type ScheduleService = ReturnType<typeof createScheduleService>

export function createScheduleService (deps: MessagingDeps & {
  sends: SendService
  wsPk: (workspaceId: string) => number
  canvas: CanvasProgression
  cappingFor: (workspacePk: number, override: boolean) => FrequencyRule[] | undefined
}) {
  const { repo, transaction, clock, sends, wsPk } = deps
  let nextDue: number | null | undefined // cached min(send_at) of pending schedules; undefined = unknown
  const deferred = createDeferredDeliveries({ repo, sends, fire: (row, fo) => fire(row, fo) })
  function parseSchedule (s: ScheduleInput | undefined): number {
    if (s === undefined || typeof s.time !== 'string') throw new MessagingBadRequest(M.scheduleRequired)
    const local = s.in_local_time === true || s.at_optimal_time === true
    // Local / optimal times are sent without a zone: read as UTC here [inferred: one zone for every user].
    const t = parseIso8601(local && !/(Z|[+-]\d{2}:?\d{2})$/.test(s.time) ? `${s.time}Z` : s.time)
    if (t === undefined) throw new BadScheduleTime()
    // in_local_time with the time passed in every zone (UTC−12 is the last) → Bad Request (O-SCH)
    if (s.in_local_time === true && t + EARLIEST_OFFSET_MS < clock.now()) throw new BadScheduleTime()
    // in_local_time wakes when the first zone (UTC+14) reaches the time; each user then gets it at their own (local-time.ts)
    return s.in_local_time === true ? t - EARLIEST_OFFSET_MS : t
  }

  function createSchedule (ctx: RestContext, endpoint: 'messages' | 'campaign' | 'canvas', request: Record<string, unknown>, schedule: ScheduleInput | undefined, validate: (dispatchId: string) => SendAnswer): { dispatch_id: string, schedule_id: string, message: 'success' } {
    return transaction(() => {
      const sendAt = parseSchedule(schedule)
      const dispatchId = newDispatchId()
      validate(dispatchId)
      const scheduleId = newKey()
      const sourceId = (endpoint === 'campaign' ? request.campaign_id : endpoint === 'canvas' ? request.canvas_id : request.campaign_id) as string | undefined
      repo.insertSchedule({
        scheduleId, workspacePk: ctx.workspacePk, dispatchId, endpoint, sourceId: sourceId ?? null, sendAt, schedule: schedule as unknown as Record<string, unknown>,
        request, status: 'pending', createdAt: clock.now()
      })
      nextDue = undefined
      return { dispatch_id: dispatchId, schedule_id: scheduleId, message: 'success' as const }
    })
  }

  function pendingSchedule (scheduleId: string, endpoint: 'messages' | 'campaign' | 'canvas', ctx: RestContext, sourceId?: string) {
    const row = repo.findSchedule(ctx.workspacePk, scheduleId)
    if (row === undefined || row.endpoint !== endpoint || row.status !== 'pending' || (sourceId !== undefined && row.sourceId !== sourceId)) throw new InvalidScheduleId()
    return row
  }

  function fire (row: MessageScheduleRow, fo: FireOptions = { apply: deferred.localTimeSplit(row) }): SendEffects {
    try {
      if (row.endpoint === 'campaign') return sends.runTriggerCampaign(row.workspacePk, row.request as unknown as TriggerCampaignInput, row.dispatchId, true, fo).effects
      if (row.endpoint === 'canvas') return sends.runTriggerCanvas(row.workspacePk, row.request as unknown as TriggerCanvasInput, row.dispatchId, true, fo).effects
      return sends.runMessagesSend(row.workspacePk, row.request as unknown as MessagesSendInput, row.dispatchId, true, fo).effects
    } catch {
      // The campaign changed since the schedule was made (archived, deleted): nothing is sent [inferred].
      return emptyEffects(row.dispatchId)
    }
  }

  return {
    /** something that may be due changed: look again on the next fireDue */
    invalidate (): void { nextDue = undefined },
    scheduleCampaign (ctx: RestContext, input: TriggerCampaignInput) {
      checkTargets(input, deps.prioritizationError)
      checkProperties('trigger_properties', input.trigger_properties)
      checkSendId(input.send_id)
      const { schedule, ...request } = input
      return createSchedule(ctx, 'campaign', request as Record<string, unknown>, schedule, (d) => sends.runTriggerCampaign(ctx.workspacePk, input, d, false).answer)
    },
    scheduleCanvas (ctx: RestContext, input: TriggerCanvasInput) {
      checkTargets(input, deps.prioritizationError)
      checkProperties('context', input.context ?? input.canvas_entry_properties)
      const { schedule, ...request } = input
      return createSchedule(ctx, 'canvas', request as Record<string, unknown>, schedule, (d) => sends.runTriggerCanvas(ctx.workspacePk, input, d, false).answer)
    },
    scheduleMessages (ctx: RestContext, input: MessagesSendInput) {
      checkSendId(input.send_id)
      const { schedule, ...request } = input
      return createSchedule(ctx, 'messages', request as Record<string, unknown>, schedule, (d) => sends.runMessagesSend(ctx.workspacePk, input, d, false).answer)
    },
    /** An update replaces the whole schedule (M-UPD-C); messages/schedule/update may replace `messages` too. */
    updateSchedule (ctx: RestContext, endpoint: 'messages' | 'campaign' | 'canvas', input: { schedule_id: string, campaign_id?: string | undefined, canvas_id?: string | undefined, schedule?: ScheduleInput | undefined, messages?: MessagesSendInput['messages'] | undefined }) {
      return transaction(() => {
        if (endpoint === 'messages' && input.schedule === undefined && input.messages === undefined) throw new MessagingBadRequest(M.scheduleUpdateNothing)
        if (endpoint !== 'messages' && input.schedule === undefined) throw new MessagingBadRequest(M.scheduleRequired)
        const row = pendingSchedule(input.schedule_id, endpoint, ctx, endpoint === 'campaign' ? input.campaign_id : endpoint === 'canvas' ? input.canvas_id : undefined)
        const patch: { sendAt?: number, schedule?: Record<string, unknown>, request?: Record<string, unknown> } = {}
        if (input.schedule !== undefined) { patch.sendAt = parseSchedule(input.schedule); patch.schedule = input.schedule as unknown as Record<string, unknown> }
        if (input.messages !== undefined) {
          const request = { ...row.request, messages: input.messages }
          sends.runMessagesSend(ctx.workspacePk, request as unknown as MessagesSendInput, row.dispatchId, false)
          patch.request = request
        }
        repo.updateSchedule(row.pk, patch)
        nextDue = undefined
        return { message: 'success' as const }
      })
    },
    deleteSchedule (ctx: RestContext, endpoint: 'messages' | 'campaign' | 'canvas', input: { schedule_id: string, campaign_id?: string | undefined, canvas_id?: string | undefined }) {
      return transaction(() => {
        const row = pendingSchedule(input.schedule_id, endpoint, ctx, endpoint === 'campaign' ? input.campaign_id : endpoint === 'canvas' ? input.canvas_id : undefined)
        repo.updateSchedule(row.pk, { status: 'deleted' })
        nextDue = undefined
        return { message: 'success' as const }
      })
    },
    /** GET /messages/scheduled_broadcasts: dashboard-scheduled campaigns and Canvases up to end_time (M-LIST). */
    scheduledBroadcasts (ctx: RestContext, endTime: string) {
      const end = parseIso8601(endTime)
      if (end === undefined) throw new MessagingBadRequest(M.endTime)
      const now = clock.now()
      const out: Array<{ name: string, id: string, type: 'Campaign' | 'Canvas', tags: string[], next_send_time: string, schedule_type: string }> = []
      for (const type of ['campaign', 'canvas'] as const) {
        for (const row of repo.listDefinitions(ctx.workspacePk, type)) {
          const def = row.definition as unknown as CampaignDefinition
          const at = def.send_at === null ? undefined : parseIso8601(def.send_at)
          if (row.kind !== 'scheduled' || row.status !== 'active' || at === undefined || at < now || at > end) continue
          out.push({ name: row.name, id: row.id, type: type === 'campaign' ? 'Campaign' : 'Canvas', tags: def.tags, next_send_time: toIso(at), schedule_type: 'UTC' })
        }
      }
      return { scheduled_broadcasts: out.sort((a, b) => a.next_send_time.localeCompare(b.next_send_time)), message: 'success' as const }
    },
    /** Fires every pending schedule whose time the fake's clock has passed, oldest first; cheap when none is due. */
    fireDue (): Array<{ schedule_id: string, effects: SendEffects }> {
      const now = clock.now()
      if (nextDue === undefined) {
        const times = [repo.nextDue(), repo.nextDefinitionDue(), repo.nextProgressDue(), repo.nextDeferredDue()].filter((t): t is number => t !== null)
        nextDue = times.length === 0 ? null : Math.min(...times)
      }
      if (nextDue === null || nextDue > now) return []
      const fired = transaction(() => {
        const out = [
        ...repo.dueSchedules(now).map((row) => {
          repo.updateSchedule(row.pk, { status: 'sent' })
          return { schedule_id: row.scheduleId, effects: fire(row) }
        }),
        // Dashboard schedules (`scheduled` campaigns and Canvases with send_at) [inferred: one send at send_at, UTC]
        ...repo.dueDefinitions(now).map((row) => {
          repo.updateDefinition(row.pk, { firedAt: now })
          return { schedule_id: `${row.type}:${row.id}`, effects: sends.dashboardSend(row.workspacePk, row) }
        })
        ]
        // Rate-limited and local-time deliveries whose time has come
        deferred.fireDue(now)
        // Canvas users whose delay the clock has passed move on (canvas-progression.ts)
        deps.canvas.advanceDue(now, (_row, ws) => ({ capping: deps.cappingFor(ws, false) }))
        return out
      })
      nextDue = undefined
      return fired
    },
    pendingSchedules: (workspaceId: string) => repo.pendingSchedules(wsPk(workspaceId)).map((r) => ({
      schedule_id: r.scheduleId, dispatch_id: r.dispatchId, endpoint: r.endpoint, campaign_id: r.endpoint === 'campaign' || r.endpoint === 'messages' ? r.sourceId : null,
      canvas_id: r.endpoint === 'canvas' ? r.sourceId : null, send_at: toIso(r.sendAt)
    })),

  }
}
