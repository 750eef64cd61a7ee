/**
 * Campaigns and Canvases as the control plane (the "dashboard") defines them: create, replace,
 * read, archive; each checked against the workspace (segments, unique ids) before it is stored.
 */
import { toIso } from '../shared/clock.js'
import { FakeBadRequest, FakeConflict, FakeNotFound } from '../shared/errors.js'
import { parseIso8601 } from '../shared/time.js'
import {
  campaignDefinition, canvasDefinition, stepsOf,
  type CampaignDefinition, type CampaignInput, type CanvasDefinition, type CanvasInput
} from './definitions.js'
import type { MessagingDeps } from './messaging-types.js'
import { checkDefinitionRules } from './definition-rules.js'
import { nextOf } from './canvas-graph.js'
import { frequencyRulesError, type FrequencyRule } from './frequency-capping.js'
import type { MessagingDefinitionRow } from '../../db/schema/messaging.js'

export type DefinitionService = ReturnType<typeof createDefinitionService>

export function createDefinitionService (deps: Pick<MessagingDeps, 'repo' | 'workspacePkOf' | 'segments' | 'transaction' | 'clock'> & {
  /** a definition changed: dashboard schedules must be looked at again */
  onChange: () => void
}) {
  const { repo, transaction, clock } = deps
  function wsPk (workspaceId: string): number {
    const pk = deps.workspacePkOf(workspaceId)
    if (pk === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return pk
  }
  function findControl (pk: number, type: 'campaign' | 'canvas', id: string): MessagingDefinitionRow {
    const row = repo.findDefinition(pk, type, id)
    if (row === undefined) throw new FakeNotFound(type === 'campaign' ? 'Campaign' : 'Canvas', id)
    return row
  }
  function view (row: MessagingDefinitionRow): Record<string, unknown> {
    return { ...row.definition, archived: row.archivedAt !== null, created_at: toIso(row.createdAt), updated_at: toIso(row.updatedAt) }
  }
  function checkDefinition (pk: number, type: 'campaign' | 'canvas', def: CampaignDefinition | CanvasDefinition): void {
    checkDefinitionRules(type, def, (filter) => deps.segments.filterError(pk, filter))
    if (def.segment_id !== null && deps.segments.memberPks(pk, def.segment_id) === undefined) throw new FakeBadRequest(`segment_id: no segment ${def.segment_id} in this workspace`)
    if (def.send_at !== null && parseIso8601(def.send_at) === undefined) throw new FakeBadRequest('send_at: expected an ISO-8601 date-time')
  }
  function save (workspaceId: string, type: 'campaign' | 'canvas', def: CampaignDefinition | CanvasDefinition, existing?: MessagingDefinitionRow): Record<string, unknown> {
    const pk = wsPk(workspaceId)
    checkDefinition(pk, type, def)
    const now = clock.now()
    const sendAt = def.send_at === null ? null : parseIso8601(def.send_at) ?? null
    const fields = { name: def.name, kind: def.kind, status: def.status, definition: def as unknown as Record<string, unknown>, sendAt, updatedAt: now }
    deps.onChange()
    if (existing !== undefined) return view(repo.updateDefinition(existing.pk, fields))
    if (repo.idTaken(pk, def.id)) throw new FakeConflict(`${type === 'campaign' ? 'Campaign' : 'Canvas'} ${def.id} already exists`)
    return view(repo.insertDefinition({ id: def.id, workspacePk: pk, type, archivedAt: null, firedAt: null, createdAt: now, ...fields }))
  }

  /** The workspace's frequency capping rules, or none when the send or campaign overrides them. */
  function cappingFor (pk: number, override: boolean): FrequencyRule[] | undefined {
    if (override) return undefined
    const rules = repo.frequencyRules(pk) as FrequencyRule[]
    return rules.length === 0 ? undefined : rules
  }

  return {
    wsPk,
    findControl,
    cappingFor,
    frequencyCapping: (workspaceId: string): { rules: FrequencyRule[] } => ({ rules: repo.frequencyRules(wsPk(workspaceId)) as FrequencyRule[] }),
    /** Where the Canvas's users are: how many wait at each step now, and what each step delivered. */
    canvasProgress (workspaceId: string, canvasId: string) {
      const row = findControl(wsPk(workspaceId), 'canvas', canvasId)
      const def = row.definition as unknown as CanvasDefinition
      const waiting = new Map(repo.progressCounts(row.pk).map((r) => [r.stepId, r]))
      const sent = new Map(repo.stepTotals(row.workspacePk, row.id).map((r) => [r.stepId, r]))
      return {
        canvas_id: row.id,
        steps: stepsOf(def).map((s) => {
          const w = waiting.get(s.id)
          return {
            id: s.id, name: s.name, type: s.type ?? 'message', next: nextOf(s), waiting: w?.users ?? 0, next_due_at: w === undefined ? null : toIso(w.nextDue),
            delivered: sent.get(s.id)?.delivered ?? 0, users: sent.get(s.id)?.users ?? 0
          }
        })
      }
    },
    /** PUT replaces the whole rule set (issue 21 control plane). */
    setFrequencyCapping: (workspaceId: string, rules: FrequencyRule[]): { rules: FrequencyRule[] } => transaction(() => {
      const pk = wsPk(workspaceId)
      const err = frequencyRulesError(rules)
      if (err !== undefined) throw new FakeBadRequest(err)
      repo.setFrequencyRules(pk, rules.map((r) => ({ channel: r.channel, max: r.max, period_s: r.period_s })))
      return { rules }
    }),
    createCampaign: (workspaceId: string, input: CampaignInput) => transaction(() => save(workspaceId, 'campaign', campaignDefinition(input))),
    createCanvas: (workspaceId: string, input: CanvasInput) => transaction(() => save(workspaceId, 'canvas', canvasDefinition(input))),
    replaceCampaign: (workspaceId: string, id: string, input: CampaignInput) => transaction(() => {
      const row = findControl(wsPk(workspaceId), 'campaign', id)
      return save(workspaceId, 'campaign', campaignDefinition(input, row.id), row)
    }),
    replaceCanvas: (workspaceId: string, id: string, input: CanvasInput) => transaction(() => {
      const row = findControl(wsPk(workspaceId), 'canvas', id)
      return save(workspaceId, 'canvas', canvasDefinition(input, row.id), row)
    }),
    list: (workspaceId: string, type: 'campaign' | 'canvas') => repo.listDefinitions(wsPk(workspaceId), type, { includeArchived: true }).map(view),
    get: (workspaceId: string, type: 'campaign' | 'canvas', id: string) => view(findControl(wsPk(workspaceId), type, id)),
    /** DELETE archives (Braze never deletes a sent campaign); archived ones leave the lists. */
    archive: (workspaceId: string, type: 'campaign' | 'canvas', id: string) => transaction(() => {
      const row = findControl(wsPk(workspaceId), type, id)
      const now = clock.now()
      return view(repo.updateDefinition(row.pk, { archivedAt: row.archivedAt ?? now, updatedAt: now }))
    }),

  }
}
