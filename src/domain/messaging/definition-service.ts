/**
 * Campaigns and Canvases as the control plane (the "dashboard") defines them: create, replace,
 * read, archive; each checked against the workspace (segments, unique ids) before it is stored.
 */
import { toIso } from '../shared/clock.js'
import { FakeBadRequest, FakeConflict, FakeNotFound } from '../shared/errors.js'
import { parseIso8601 } from '../shared/time.js'
import {
  campaignDefinition, canvasDefinition, duplicateVariationId,
  type CampaignDefinition, type CampaignInput, type CanvasDefinition, type CanvasInput, type MessageVariation
} from './definitions.js'
import type { MessagingDeps } from './messaging-types.js'
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
  function variationsOf (row: MessagingDefinitionRow): Array<MessageVariation & { stepId: string | null }> {
    if (row.type === 'campaign') return (row.definition as unknown as CampaignDefinition).messages.map((m) => ({ ...m, stepId: null }))
    return (row.definition as unknown as CanvasDefinition).steps.flatMap((s) => s.messages.map((m) => ({ ...m, stepId: s.id })))
  }
  function checkDefinition (pk: number, def: CampaignDefinition | CanvasDefinition, variations: MessageVariation[]): void {
    const dup = duplicateVariationId(variations)
    if (dup !== undefined) throw new FakeBadRequest(`message variation id ${dup} is used twice`)
    if (def.segment_id !== null && deps.segments.memberPks(pk, def.segment_id) === undefined) throw new FakeBadRequest(`segment_id: no segment ${def.segment_id} in this workspace`)
    if (def.send_at !== null && parseIso8601(def.send_at) === undefined) throw new FakeBadRequest('send_at: expected an ISO-8601 date-time')
  }
  function save (workspaceId: string, type: 'campaign' | 'canvas', def: CampaignDefinition | CanvasDefinition, existing?: MessagingDefinitionRow): Record<string, unknown> {
    const pk = wsPk(workspaceId)
    const variations = type === 'campaign' ? (def as CampaignDefinition).messages : (def as CanvasDefinition).steps.flatMap((s) => s.messages)
    checkDefinition(pk, def, variations)
    const now = clock.now()
    const sendAt = def.send_at === null ? null : parseIso8601(def.send_at) ?? null
    const fields = { name: def.name, kind: def.kind, status: def.status, definition: def as unknown as Record<string, unknown>, sendAt, updatedAt: now }
    deps.onChange()
    if (existing !== undefined) return view(repo.updateDefinition(existing.pk, fields))
    if (repo.idTaken(pk, def.id)) throw new FakeConflict(`${type === 'campaign' ? 'Campaign' : 'Canvas'} ${def.id} already exists`)
    return view(repo.insertDefinition({ id: def.id, workspacePk: pk, type, archivedAt: null, firedAt: null, createdAt: now, ...fields }))
  }

  return {
    wsPk,
    findControl,
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
