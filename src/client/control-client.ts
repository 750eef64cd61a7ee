/**
 * A typed client of the whole `/_fake` control plane over global fetch. Errors throw a
 * ControlPlaneError carrying the status and the `{"message"}` the fake answered.
 */
import type {
  ClockCommand, ClockState, Cohort, CohortMember, CreateWorkspaceOptions, DataImportKey, Fault, FaultInput, JournalEntry,
  JournalQuery, Partner, ProvisionedWorkspace, RateLimitInput, RateLimitSettings, RestApiKey, SeedFile, SeedUserInput, SeededUser, Workspace,
  Campaign, CampaignInput, Canvas, CanvasInput, OutboxMessage, OutboxQuery, Segment, SegmentInput, SendNowResult
} from './types.js'

export class ControlPlaneError extends Error {
  constructor (readonly status: number, message: string, readonly method: string, readonly path: string) {
    super(`${method} ${path} → ${status}: ${message}`)
    this.name = 'ControlPlaneError'
  }
}

export type ControlClient = ReturnType<typeof createControlClient>

export function createControlClient (baseUrl: string) {
  const root = baseUrl.replace(/\/$/, '')

  async function call<T> (method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${root}/_fake${path}`, {
      method,
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    })
    const text = await res.text()
    const parsed: unknown = text === '' ? undefined : JSON.parse(text)
    if (!res.ok) throw new ControlPlaneError(res.status, (parsed as { message?: string } | undefined)?.message ?? res.statusText, method, path)
    return parsed as T
  }
  const enc = encodeURIComponent
  const qs = (q: Record<string, unknown>): string => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v))
    const s = p.toString()
    return s === '' ? '' : `?${s}`
  }
  const ws = (id: string): string => `/workspaces/${enc(id)}`

  return {
    /** A workspace with a data import key per partner, the partner API keys and a full REST API key. */
    createWorkspace: async (opts: CreateWorkspaceOptions = {}): Promise<ProvisionedWorkspace> =>
      await call('POST', '/workspaces', { ...opts, partners: opts.partners ?? [] }),
    listWorkspaces: async (): Promise<Workspace[]> => (await call<{ workspaces: Workspace[] }>('GET', '/workspaces')).workspaces,
    getWorkspace: async (id: string): Promise<Workspace> => await call('GET', ws(id)),
    deleteWorkspace: async (id: string): Promise<void> => { await call('DELETE', ws(id)) },
    reset: async (): Promise<void> => { await call('POST', '/reset') },

    partners: async (): Promise<Partner[]> => (await call<{ partners: Partner[] }>('GET', '/partners')).partners,
    createDataImportKey: async (workspaceId: string, partner: string, key?: string): Promise<DataImportKey> =>
      await call('POST', `${ws(workspaceId)}/partners/${enc(partner)}/data-import-keys`, key === undefined ? {} : { key }),
    listDataImportKeys: async (workspaceId: string, partner: string): Promise<DataImportKey[]> =>
      (await call<{ data_import_keys: DataImportKey[] }>('GET', `${ws(workspaceId)}/partners/${enc(partner)}/data-import-keys`)).data_import_keys,
    invalidateDataImportKey: async (workspaceId: string, partner: string, key: string): Promise<DataImportKey> =>
      await call('POST', `${ws(workspaceId)}/partners/${enc(partner)}/data-import-keys/${enc(key)}/invalidate`),
    createRestApiKey: async (workspaceId: string, input: { key?: string, name?: string, permissions?: string[] } = {}): Promise<RestApiKey> =>
      await call('POST', `${ws(workspaceId)}/rest-api-keys`, input),
    listRestApiKeys: async (workspaceId: string): Promise<RestApiKey[]> =>
      (await call<{ rest_api_keys: RestApiKey[] }>('GET', `${ws(workspaceId)}/rest-api-keys`)).rest_api_keys,
    revokeRestApiKey: async (workspaceId: string, key: string): Promise<RestApiKey> => await call('DELETE', `${ws(workspaceId)}/rest-api-keys/${enc(key)}`),

    seedUsers: async (workspaceId: string, users: SeedUserInput[]): Promise<SeededUser[]> =>
      (await call<{ users: SeededUser[] }>('POST', `${ws(workspaceId)}/users`, { users })).users,
    cohorts: async (workspaceId: string, partner?: string): Promise<Cohort[]> =>
      (await call<{ cohorts: Cohort[] }>('GET', `${ws(workspaceId)}/cohorts${qs({ partner })}`)).cohorts,
    cohort: async (workspaceId: string, partner: string, cohortId: string): Promise<Cohort> =>
      await call('GET', `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}`),
    /** Every current member (follows next_cursor). */
    members: async (workspaceId: string, partner: string, cohortId: string): Promise<CohortMember[]> => {
      const out: CohortMember[] = []
      let cursor: string | undefined
      do {
        const page = await call<{ members: CohortMember[], next_cursor?: string }>('GET',
          `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}/members${qs({ cursor, limit: 1000 })}`)
        out.push(...page.members)
        cursor = page.next_cursor
      } while (cursor !== undefined)
      return out
    },
    lockCohort: async (workspaceId: string, partner: string, cohortId: string, writes?: number): Promise<Cohort> =>
      await call('POST', `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}/lock`, writes === undefined ? {} : { writes }),
    unlockCohort: async (workspaceId: string, partner: string, cohortId: string): Promise<Cohort> =>
      await call('DELETE', `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}/lock`),

    /** Journal entries matching the query, oldest first (follows next_cursor). */
    requests: async (query: JournalQuery = {}): Promise<JournalEntry[]> => {
      const out: JournalEntry[] = []
      let cursor = query.cursor
      do {
        const page = await call<{ requests: JournalEntry[], next_cursor?: string }>('GET', `/requests${qs({ limit: 1000, ...query, cursor })}`)
        out.push(...page.requests)
        cursor = page.next_cursor
      } while (cursor !== undefined)
      return out
    },
    clearRequests: async (workspaceId?: string): Promise<void> => { await call('DELETE', `/requests${qs({ workspace_id: workspaceId })}`) },

    addFault: async (rule: FaultInput): Promise<Fault> => await call('POST', '/faults', rule),
    faults: async (): Promise<Fault[]> => (await call<{ faults: Fault[] }>('GET', '/faults')).faults,
    deleteFault: async (id: string): Promise<void> => { await call('DELETE', `/faults/${enc(id)}`) },
    clearFaults: async (): Promise<void> => { await call('DELETE', '/faults') },

    clock: async (): Promise<ClockState> => await call('GET', '/clock'),
    setClock: async (command: ClockCommand): Promise<ClockState> => await call('POST', '/clock', command),
    resetClock: async (): Promise<ClockState> => await call('DELETE', '/clock'),
    visibilityDelay: async (): Promise<number> => (await call<{ delay_ms: number }>('GET', '/visibility')).delay_ms,
    setVisibilityDelay: async (delayMs: number): Promise<number> => (await call<{ delay_ms: number }>('PUT', '/visibility', { delay_ms: delayMs })).delay_ms,

    rateLimits: async (workspaceId: string): Promise<RateLimitSettings> => await call('GET', `${ws(workspaceId)}/rate-limits`),
    setRateLimits: async (workspaceId: string, input: RateLimitInput): Promise<RateLimitSettings> => await call('PUT', `${ws(workspaceId)}/rate-limits`, input),

    createSegment: async (workspaceId: string, input: SegmentInput): Promise<Segment> => await call('POST', `${ws(workspaceId)}/segments`, input),
    segment: async (workspaceId: string, segmentId: string): Promise<Segment> => await call('GET', `${ws(workspaceId)}/segments/${enc(segmentId)}`),

    createCampaign: async (workspaceId: string, input: CampaignInput): Promise<Campaign> => await call('POST', `${ws(workspaceId)}/campaigns`, input),
    campaigns: async (workspaceId: string): Promise<Campaign[]> => (await call<{ campaigns: Campaign[] }>('GET', `${ws(workspaceId)}/campaigns`)).campaigns,
    campaign: async (workspaceId: string, campaignId: string): Promise<Campaign> => await call('GET', `${ws(workspaceId)}/campaigns/${enc(campaignId)}`),
    replaceCampaign: async (workspaceId: string, campaignId: string, input: CampaignInput): Promise<Campaign> => await call('PUT', `${ws(workspaceId)}/campaigns/${enc(campaignId)}`, input),
    archiveCampaign: async (workspaceId: string, campaignId: string): Promise<Campaign> => await call('DELETE', `${ws(workspaceId)}/campaigns/${enc(campaignId)}`),
    /** The marketer pressing "Send": the campaign goes to its target segment now. */
    sendCampaign: async (workspaceId: string, campaignId: string): Promise<SendNowResult> => await call('POST', `${ws(workspaceId)}/campaigns/${enc(campaignId)}/send`),
    createCanvas: async (workspaceId: string, input: CanvasInput): Promise<Canvas> => await call('POST', `${ws(workspaceId)}/canvases`, input),
    canvases: async (workspaceId: string): Promise<Canvas[]> => (await call<{ canvases: Canvas[] }>('GET', `${ws(workspaceId)}/canvases`)).canvases,
    canvas: async (workspaceId: string, canvasId: string): Promise<Canvas> => await call('GET', `${ws(workspaceId)}/canvases/${enc(canvasId)}`),
    replaceCanvas: async (workspaceId: string, canvasId: string, input: CanvasInput): Promise<Canvas> => await call('PUT', `${ws(workspaceId)}/canvases/${enc(canvasId)}`, input),
    archiveCanvas: async (workspaceId: string, canvasId: string): Promise<Canvas> => await call('DELETE', `${ws(workspaceId)}/canvases/${enc(canvasId)}`),
    /** The outbox: every delivery and non-delivery matching the query, oldest first (follows next_cursor). */
    messages: async (workspaceId: string, query: OutboxQuery = {}): Promise<OutboxMessage[]> => {
      const out: OutboxMessage[] = []
      let cursor = query.cursor
      do {
        const page = await call<{ messages: OutboxMessage[], next_cursor?: string }>('GET', `${ws(workspaceId)}/messages${qs({ ...query, limit: 1000, cursor })}`)
        out.push(...page.messages)
        cursor = page.next_cursor
      } while (cursor !== undefined)
      return out
    },
    clearMessages: async (workspaceId: string): Promise<number> => (await call<{ deleted: number }>('DELETE', `${ws(workspaceId)}/messages`)).deleted,

    seed: async (file: SeedFile): Promise<{ workspaces: Array<{ id: string, users: number, cohorts: number }> }> => await call('POST', '/seed', file),
    snapshot: async (workspaceId: string): Promise<SeedFile> => await call('GET', `${ws(workspaceId)}/snapshot`)
  }
}
