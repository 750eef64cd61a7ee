/**
 * The campaigns and Canvases of a seed file: definitions as the control plane makes them
 * (ids generated when absent), their target segments checked against the segments loaded just
 * before. The outbox is test output and is not part of seeds or snapshots.
 */
import { toIso } from '../../shared/clock.js'
import { FakeBadRequest, FakeConflict } from '../../shared/errors.js'
import { campaignDefinition, canvasDefinition, type CampaignDefinition, type CanvasDefinition } from '../../messaging/definitions.js'
import { checkDefinitionRules } from '../../messaging/definition-rules.js'
import { frequencyRulesError, type FrequencyRule } from '../../messaging/frequency-capping.js'
import type { SeedCampaign, SeedCanvas, SeedScope } from './seed-types.js'
import type { SeedRepository } from '../../../repositories/toolkit/seed-repository.js'

export function loadMessaging (seeds: SeedRepository, scope: SeedScope, campaigns: SeedCampaign[], canvases: SeedCanvas[], filterError: (filter: unknown) => string | undefined): void {
  const load = (type: 'campaign' | 'canvas', item: SeedCampaign | SeedCanvas, at: string): void => {
    const { archived, created_at: createdIso, updated_at: updatedIso, ...input } = item
    const def: CampaignDefinition | CanvasDefinition = type === 'campaign' ? campaignDefinition(input as SeedCampaign) : canvasDefinition(input as SeedCanvas)
    checkDefinitionRules(type, def, filterError, at)
    if (def.segment_id !== null && seeds.segments.find(scope.workspacePk, def.segment_id) === undefined) throw new FakeBadRequest(`${at}.segment_id: no segment ${def.segment_id} in this workspace`)
    if (seeds.messaging.idTaken(scope.workspacePk, def.id)) throw new FakeConflict(`${at}.id: ${type} '${def.id}' already exists`)
    if (def.send_at !== null && Number.isNaN(Date.parse(def.send_at))) throw new FakeBadRequest(`${at}.send_at: expected an ISO-8601 date-time`)
    const sendAt = def.send_at === null ? null : Date.parse(def.send_at)
    const createdAt = scope.ms(createdIso)
    const updatedAt = scope.ms(updatedIso ?? createdIso)
    seeds.messaging.insertDefinition({
      id: def.id, workspacePk: scope.workspacePk, type, name: def.name, kind: def.kind, status: def.status,
      definition: def as unknown as Record<string, unknown>, archivedAt: archived === true ? updatedAt : null, createdAt, updatedAt,
      // A dashboard schedule already past when the file loads does not fire again.
      sendAt, firedAt: sendAt !== null && sendAt <= scope.ms(undefined) ? scope.ms(undefined) : null
    })
  }
  campaigns.forEach((c, i) => load('campaign', c, `${scope.at}.campaigns[${i}]`))
  canvases.forEach((c, i) => load('canvas', c, `${scope.at}.canvases[${i}]`))
}

/** The workspace's frequency capping rules (PUT /_fake/workspaces/{id}/frequency-capping). */
export function loadFrequencyCapping (seeds: SeedRepository, scope: SeedScope, rules: FrequencyRule[]): void {
  if (rules.length === 0) return
  const err = frequencyRulesError(rules)
  if (err !== undefined) throw new FakeBadRequest(`${scope.at}.frequency_capping.${err}`)
  seeds.messaging.setFrequencyRules(scope.workspacePk, rules)
}

export function snapshotMessaging (seeds: SeedRepository, workspacePk: number): { campaigns: SeedCampaign[], canvases: SeedCanvas[], frequency_capping?: { rules: FrequencyRule[] } } {
  const rows = (type: 'campaign' | 'canvas') => seeds.messaging.listDefinitions(workspacePk, type, { includeArchived: true }).map((r) => ({
    ...r.definition, archived: r.archivedAt !== null, created_at: toIso(r.createdAt), updated_at: toIso(r.updatedAt)
  }))
  const rules = seeds.messaging.frequencyRules(workspacePk) as FrequencyRule[]
  return { campaigns: rows('campaign') as unknown as SeedCampaign[], canvases: rows('canvas') as unknown as SeedCanvas[], ...(rules.length > 0 && { frequency_capping: { rules } }) }
}
