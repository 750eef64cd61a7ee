/**
 * The rules a campaign or Canvas definition obeys before it is stored, shared by the control
 * plane and seed files: unique variation ids, variant percentages that make 100, and for a
 * Canvas its step graph (canvas-graph.ts) and exit filter. Pure; throws FakeBadRequest whose
 * text starts with `at` (the seed file's path, or nothing).
 */
import { BrazeError, FakeBadRequest } from '../shared/errors.js'
import { validateAudience } from './audience.js'
import { checkCanvasGraph } from './canvas-graph.js'
import { duplicateVariationId, type CampaignDefinition, type CanvasDefinition } from './definitions.js'
import { splitError } from './variants.js'

export function checkDefinitionRules (type: 'campaign' | 'canvas', def: CampaignDefinition | CanvasDefinition, filterError: (filter: unknown) => string | undefined, at = ''): void {
    try {
    if (type === 'campaign') {
      const c = def as CampaignDefinition
      const dup = duplicateVariationId(c.messages)
      if (dup !== undefined) throw new FakeBadRequest(`message variation id ${dup} is used twice`)
      const err = splitError(c.messages.map((m) => m.percent), c.control_percent)
      if (err !== undefined) throw new FakeBadRequest(`messages: ${err}`)
      return
    }
    const c = def as CanvasDefinition
    const dup = duplicateVariationId(c.steps.flatMap((s) => s.messages))
    if (dup !== undefined) throw new FakeBadRequest(`message variation id ${dup} is used twice`)
    if (c.exit_filter !== null && c.exit_filter !== undefined) {
      try { validateAudience(c.exit_filter, 'exit_filter') } catch (e) { throw new FakeBadRequest(e instanceof Error ? e.message : String(e)) }
    }
    checkCanvasGraph(c.steps, filterError)
  } catch (e) {
    if (at !== '' && e instanceof BrazeError) throw new FakeBadRequest(`${at}: ${e.message}`)
    throw e
  }
}
