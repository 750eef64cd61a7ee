/**
 * The messaging surface, composed from its concerns: definitions (definition-service.ts), audience
 * and eligibility (eligibility.ts), sending (send-service.ts, send-pipeline.ts), scheduling
 * (schedule-service.ts), Canvas progression (canvas-progression.ts), the outbox (outbox-service.ts) and Braze's read endpoints
 * (messaging-analytics.ts). The routes use this one interface.
 */
import { createCanvasProgression } from './canvas-progression.js'
import { createDefinitionService } from './definition-service.js'
import { createEligibility } from './eligibility.js'
import { createMessagingAnalytics } from './messaging-analytics.js'
import type { MessagingDeps } from './messaging-types.js'
import { createOutboxService } from './outbox-service.js'
import { createScheduleService } from './schedule-service.js'
import { createSendService } from './send-service.js'

export type { CampaignInput, CanvasInput } from './definitions.js'
export * from './messaging-types.js'

export type MessagingService = ReturnType<typeof createMessagingService>

export function createMessagingService (deps: MessagingDeps) {
  // eslint-disable-next-line prefer-const -- the definitions tell the schedules to look again
  let schedules: ReturnType<typeof createScheduleService> | undefined
  const definitions = createDefinitionService({ ...deps, onChange: () => schedules?.invalidate() })
  const { wsPk, findControl, cappingFor } = definitions
  const eligibility = createEligibility(deps)
  const canvas = createCanvasProgression({ ...deps, onWaiting: () => schedules?.invalidate() })
  const sends = createSendService({ ...deps, eligibility, wsPk, findControl, canvas, cappingFor, onDeferred: () => schedules?.invalidate() })
  schedules = createScheduleService({ ...deps, sends, wsPk, canvas, cappingFor })
  const { invalidate: _invalidate, ...scheduling } = schedules
  const { wsPk: _w, findControl: _f, cappingFor: _c, ...control } = definitions
  const { runTriggerCampaign: _a, runTriggerCanvas: _b, runMessagesSend: _m, dashboardSend: _d, ...sending } = sends
  return {
    ...control,
    ...sending,
    ...scheduling,
    ...createOutboxService({ ...deps, wsPk }),
    ...createMessagingAnalytics(deps)
  }
}
