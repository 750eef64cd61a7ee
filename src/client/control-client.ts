/**
 * A typed client of the whole `/_fake` control plane over global fetch: one method per route,
 * with argument and return types derived from the routes' zod schemas (client/types.ts).
 * Methods take the HTTP body as their last argument, except where noted: single-key envelopes
 * (`{workspaces: […]}`, `{users: […]}`) are unwrapped, and paged lists (`members`,
 * `segmentMembers`, `userProfiles`, `requests`, `messages`) follow `next_cursor` and return every item.
 * Errors throw a ControlPlaneError carrying the status, the real path and Braze's `{"message"}`.
 */
import type {
  ClockCommand, ClockState, Cohort, CohortMember, CohortMembersPage, CreateWorkspaceOptions, DataImportKey, DataPointTotals, Fault, FaultInput,
  JournalEntry, JournalQuery, Partner, PartnerName, ProvisionedWorkspace, RateLimitInput, RateLimitSettings, RestApiKey, RestApiKeyInput, Segment, SegmentExportJob,
  SegmentFilterOption, SegmentInput, SegmentMember, SegmentMembersPage, SegmentPatch, SegmentReplacement, SeedFile, SeedResult, SeedUserInput,
  SeededUser, StoredUser, UserProfilesQuery, Workspace, WorkspaceSettings,
  DeliverabilityEvents, DeliverabilityResult, SubscriptionGroup, SubscriptionGroupInput,
  Campaign, CampaignInput, Canvas, CanvasInput, CanvasProgress, FrequencyRule, MessageSchedule, OutboxMessage, OutboxQuery, SendNowResult, FeedCard, FeedCardInput,
  CatalogList, CatalogPage, CatalogSettings
} from './types.js'

export class ControlPlaneError extends Error {
  /**
   * @param status HTTP status; 0 when the server could not be reached
   * @param path the full request path, e.g. /_fake/workspaces/acme
   */
  constructor (readonly status: number, message: string, readonly method: string, readonly path: string) {
    super(`${method} ${path} → ${status === 0 ? 'no answer' : status}: ${message}`)
    this.name = 'ControlPlaneError'
  }
}

export type ControlClient = ReturnType<typeof createControlClient>

export interface ControlClientOptions {
  /** the server's `--control-token`, sent as `Authorization: Bearer <token>` */
  token?: string | undefined
}

export function createControlClient (baseUrl: string, options: ControlClientOptions = {}) {
  const root = baseUrl.replace(/\/$/, '')
  const auth: Record<string, string> = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }

  async function send (method: string, path: string, body?: unknown): Promise<Response> {
    const fullPath = `/_fake${path}`
    let res: Response
    try {
      res = await fetch(`${root}${fullPath}`, {
        method,
        headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) })
      })
    } catch (err) {
      const cause = (err as { cause?: { code?: string, message?: string } }).cause
      throw new ControlPlaneError(0, `cannot reach ${root}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, method, fullPath.replace(/\?.*/, ''))
    }
    if (!res.ok) {
      const text = await res.text()
      let message = res.statusText
      try { message = (JSON.parse(text) as { message?: string }).message ?? message } catch { /* not JSON */ }
      throw new ControlPlaneError(res.status, message, method, fullPath.replace(/\?.*/, ''))
    }
    return res
  }
  async function call<T> (method: string, path: string, body?: unknown): Promise<T> {
    const text = await (await send(method, path, body)).text()
    return (text === '' ? undefined : JSON.parse(text)) as T
  }
  const enc = encodeURIComponent
  const qs = (q: Record<string, unknown>): string => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v))
    const s = p.toString()
    return s === '' ? '' : `?${s}`
  }
  const ws = (id: string): string => `/workspaces/${enc(id)}`
  const seg = (id: string, segmentId: string): string => `${ws(id)}/segments/${enc(segmentId)}`
  async function allPages<T, P extends { next_cursor?: string }> (path: (cursor: string | undefined) => string, items: (page: P) => T[], first?: string): Promise<T[]> {
    const out: T[] = []
    let cursor = first
    do {
      const page = await call<P>('GET', path(cursor))
      out.push(...items(page))
      cursor = page.next_cursor
    } while (cursor !== undefined)
    return out
  }

  return {
    // --- workspaces and keys ---------------------------------------------------------------
    /** POST /_fake/workspaces: a workspace with a data import key per partner, the partner API keys and a full REST API key. */
    createWorkspace: async (opts: CreateWorkspaceOptions = {}): Promise<ProvisionedWorkspace> =>
      await call('POST', '/workspaces', { ...opts, partners: opts.partners ?? [] }),
    /** GET /_fake/workspaces */
    listWorkspaces: async (): Promise<Workspace[]> => (await call<{ workspaces: Workspace[] }>('GET', '/workspaces')).workspaces,
    /** GET /_fake/workspaces/{id} */
    getWorkspace: async (id: string): Promise<Workspace> => await call('GET', ws(id)),
    /** Changes the onboarding date, pricing model (`data_points` / `mau`) or legacy api_key switch. */
    updateWorkspace: async (id: string, settings: WorkspaceSettings): Promise<Workspace> => await call('PATCH', ws(id), settings),
    /** DELETE /_fake/workspaces/{id} */
    deleteWorkspace: async (id: string): Promise<void> => { await call('DELETE', ws(id)) },
    /** POST /_fake/reset */
    reset: async (): Promise<void> => { await call('POST', '/reset') },
    /** GET /_fake/partners */
    partners: async (): Promise<Partner[]> => (await call<{ partners: Partner[] }>('GET', '/partners')).partners,
    /** POST /_fake/workspaces/{id}/partners/{partner}/data-import-keys (body `{key?}`) */
    createDataImportKey: async (workspaceId: string, partner: PartnerName, key?: string): Promise<DataImportKey> =>
      await call('POST', `${ws(workspaceId)}/partners/${enc(partner)}/data-import-keys`, key === undefined ? {} : { key }),
    /** GET /_fake/workspaces/{id}/partners/{partner}/data-import-keys; keys come masked unless `{ reveal: true }`. */
    listDataImportKeys: async (workspaceId: string, partner: PartnerName, opts: { reveal?: boolean } = {}): Promise<DataImportKey[]> =>
      (await call<{ data_import_keys: DataImportKey[] }>('GET', `${ws(workspaceId)}/partners/${enc(partner)}/data-import-keys${qs({ reveal: opts.reveal })}`)).data_import_keys,
    /** POST /_fake/workspaces/{id}/partners/{partner}/data-import-keys/{key}/invalidate */
    invalidateDataImportKey: async (workspaceId: string, partner: PartnerName, key: string): Promise<DataImportKey> =>
      await call('POST', `${ws(workspaceId)}/partners/${enc(partner)}/data-import-keys/${enc(key)}/invalidate`),
    /** POST /_fake/workspaces/{id}/rest-api-keys */
    createRestApiKey: async (workspaceId: string, input: RestApiKeyInput = {}): Promise<RestApiKey> =>
      await call('POST', `${ws(workspaceId)}/rest-api-keys`, input),
    /** GET /_fake/workspaces/{id}/rest-api-keys; keys come masked unless `{ reveal: true }`. */
    listRestApiKeys: async (workspaceId: string, opts: { reveal?: boolean } = {}): Promise<RestApiKey[]> =>
      (await call<{ rest_api_keys: RestApiKey[] }>('GET', `${ws(workspaceId)}/rest-api-keys${qs({ reveal: opts.reveal })}`)).rest_api_keys,
    /** DELETE /_fake/workspaces/{id}/rest-api-keys/{key} */
    revokeRestApiKey: async (workspaceId: string, key: string): Promise<RestApiKey> => await call('DELETE', `${ws(workspaceId)}/rest-api-keys/${enc(key)}`),
    /** GET /_fake/workspaces/{id}/data-points */
    dataPoints: async (workspaceId: string): Promise<DataPointTotals> => await call('GET', `${ws(workspaceId)}/data-points`),

    // --- users and cohorts -------------------------------------------------------------------
    /** POST /_fake/workspaces/{id}/users: takes the `users` array of the body and returns the `users` of the answer. */
    seedUsers: async (workspaceId: string, users: SeedUserInput[]): Promise<SeededUser[]> =>
      (await call<{ users: SeededUser[] }>('POST', `${ws(workspaceId)}/users`, { users })).users,
    /** GET /_fake/workspaces/{id}/user-profiles: stored users, filtered by every identifier given (follows next_cursor; `limit` sets the page size). */
    userProfiles: async (workspaceId: string, query: UserProfilesQuery = {}): Promise<StoredUser[]> =>
      await allPages<StoredUser, { users: StoredUser[], next_cursor?: string }>((cursor) => `${ws(workspaceId)}/user-profiles${qs({ ...query, cursor })}`, (p) => p.users, query.cursor),
    /** GET /_fake/workspaces/{id}/cohorts[?partner=] */
    cohorts: async (workspaceId: string, partner?: PartnerName): Promise<Cohort[]> =>
      (await call<{ cohorts: Cohort[] }>('GET', `${ws(workspaceId)}/cohorts${qs({ partner })}`)).cohorts,
    /** GET /_fake/workspaces/{id}/partners/{partner}/cohorts/{cohort_id} */
    cohort: async (workspaceId: string, partner: PartnerName, cohortId: string): Promise<Cohort> =>
      await call('GET', `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}`),
    /** GET …/cohorts/{cohort_id}/members: every current member (follows next_cursor). */
    members: async (workspaceId: string, partner: PartnerName, cohortId: string): Promise<CohortMember[]> =>
      await allPages<CohortMember, CohortMembersPage>((cursor) => `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}/members${qs({ cursor, limit: 1000 })}`, (p) => p.members),
    /** POST …/cohorts/{cohort_id}/lock (body `{writes?}`) */
    lockCohort: async (workspaceId: string, partner: PartnerName, cohortId: string, writes?: number): Promise<Cohort> =>
      await call('POST', `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}/lock`, writes === undefined ? {} : { writes }),
    /** DELETE …/cohorts/{cohort_id}/lock */
    unlockCohort: async (workspaceId: string, partner: PartnerName, cohortId: string): Promise<Cohort> =>
      await call('DELETE', `${ws(workspaceId)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}/lock`),

    // --- segments and exports -----------------------------------------------------------------
    /** GET /_fake/workspaces/{id}/segment-filters: the "<Partner> Cohorts" filters and their cohorts. */
    segmentFilters: async (workspaceId: string): Promise<SegmentFilterOption[]> =>
      (await call<{ filters: SegmentFilterOption[] }>('GET', `${ws(workspaceId)}/segment-filters`)).filters,
    /** POST /_fake/workspaces/{id}/segments */
    createSegment: async (workspaceId: string, segment: SegmentInput): Promise<Segment> => await call('POST', `${ws(workspaceId)}/segments`, segment),
    /** GET /_fake/workspaces/{id}/segments */
    segments: async (workspaceId: string): Promise<Segment[]> => (await call<{ segments: Segment[] }>('GET', `${ws(workspaceId)}/segments`)).segments,
    /** GET /_fake/workspaces/{id}/segments/{segment_id} */
    segment: async (workspaceId: string, segmentId: string): Promise<Segment> => await call('GET', seg(workspaceId, segmentId)),
    /** PATCH /_fake/workspaces/{id}/segments/{segment_id} */
    updateSegment: async (workspaceId: string, segmentId: string, patch: SegmentPatch): Promise<Segment> => await call('PATCH', seg(workspaceId, segmentId), patch),
    /** PUT /_fake/workspaces/{id}/segments/{segment_id} */
    replaceSegment: async (workspaceId: string, segmentId: string, segment: SegmentReplacement): Promise<Segment> => await call('PUT', seg(workspaceId, segmentId), segment),
    /** DELETE /_fake/workspaces/{id}/segments/{segment_id} */
    deleteSegment: async (workspaceId: string, segmentId: string): Promise<void> => { await call('DELETE', seg(workspaceId, segmentId)) },
    /** POST …/segments/{segment_id}/archive */
    archiveSegment: async (workspaceId: string, segmentId: string): Promise<Segment> => await call('POST', `${seg(workspaceId, segmentId)}/archive`),
    /** POST …/segments/{segment_id}/unarchive */
    unarchiveSegment: async (workspaceId: string, segmentId: string): Promise<Segment> => await call('POST', `${seg(workspaceId, segmentId)}/unarchive`),
    /** GET …/segments/{segment_id}/members: everyone the segment reaches now (follows next_cursor). */
    segmentMembers: async (workspaceId: string, segmentId: string): Promise<SegmentMember[]> =>
      await allPages<SegmentMember, SegmentMembersPage>((cursor) => `${seg(workspaceId, segmentId)}/members${qs({ cursor, limit: 1000 })}`, (p) => p.members),
    /** GET /_fake/workspaces/{id}/segment-exports */
    segmentExports: async (workspaceId: string): Promise<SegmentExportJob[]> =>
      (await call<{ exports: SegmentExportJob[] }>('GET', `${ws(workspaceId)}/segment-exports`)).exports,
    /** GET /_fake/exports/{object_prefix}.zip: the zip's bytes (ControlPlaneError 404 until the export is done). */
    downloadExport: async (objectPrefix: string): Promise<Uint8Array> =>
      new Uint8Array(await (await send('GET', `/exports/${enc(objectPrefix.endsWith('.zip') ? objectPrefix : `${objectPrefix}.zip`)}`)).arrayBuffer()),

    // --- journal, faults, clock, visibility, rate limits ----------------------------------------
    /** GET /_fake/requests: journal entries matching the query, oldest first, or newest first with `order: 'desc'` (follows next_cursor). */
    requests: async (query: JournalQuery = {}): Promise<JournalEntry[]> =>
      await allPages<JournalEntry, { requests: JournalEntry[], next_cursor?: string }>((cursor) => `/requests${qs({ limit: 1000, ...query, cursor })}`, (p) => p.requests, query.cursor),
    /** DELETE /_fake/requests[?workspace_id=] */
    clearRequests: async (workspaceId?: string): Promise<void> => { await call('DELETE', `/requests${qs({ workspace_id: workspaceId })}`) },
    /** POST /_fake/faults */
    addFault: async (rule: FaultInput): Promise<Fault> => await call('POST', '/faults', rule),
    /** GET /_fake/faults */
    faults: async (): Promise<Fault[]> => (await call<{ faults: Fault[] }>('GET', '/faults')).faults,
    /** DELETE /_fake/faults/{id} */
    deleteFault: async (id: string): Promise<void> => { await call('DELETE', `/faults/${enc(id)}`) },
    /** DELETE /_fake/faults */
    clearFaults: async (): Promise<void> => { await call('DELETE', '/faults') },
    /** GET /_fake/clock */
    clock: async (): Promise<ClockState> => await call('GET', '/clock'),
    /** POST /_fake/clock */
    setClock: async (command: ClockCommand): Promise<ClockState> => await call('POST', '/clock', command),
    /** DELETE /_fake/clock */
    resetClock: async (): Promise<ClockState> => await call('DELETE', '/clock'),
    /** GET /_fake/visibility: the delay in ms. */
    visibilityDelay: async (): Promise<number> => (await call<{ delay_ms: number }>('GET', '/visibility')).delay_ms,
    /** PUT /_fake/visibility (body `{delay_ms}`) */
    setVisibilityDelay: async (delayMs: number): Promise<number> => (await call<{ delay_ms: number }>('PUT', '/visibility', { delay_ms: delayMs })).delay_ms,
    /** GET /_fake/workspaces/{id}/rate-limits */
    rateLimits: async (workspaceId: string): Promise<RateLimitSettings> => await call('GET', `${ws(workspaceId)}/rate-limits`),
    /** PUT /_fake/workspaces/{id}/rate-limits */
    setRateLimits: async (workspaceId: string, input: RateLimitInput): Promise<RateLimitSettings> => await call('PUT', `${ws(workspaceId)}/rate-limits`, input),

    // --- subscription groups and deliverability ------------------------------------------------------
    /** POST /_fake/workspaces/{id}/subscription-groups */
    createSubscriptionGroup: async (workspaceId: string, input: SubscriptionGroupInput): Promise<SubscriptionGroup> =>
      await call('POST', `${ws(workspaceId)}/subscription-groups`, input),
    /** GET /_fake/workspaces/{id}/subscription-groups */
    subscriptionGroups: async (workspaceId: string): Promise<SubscriptionGroup[]> =>
      (await call<{ subscription_groups: SubscriptionGroup[] }>('GET', `${ws(workspaceId)}/subscription-groups`)).subscription_groups,
    /** GET /_fake/workspaces/{id}/subscription-groups/{group_id} */
    subscriptionGroup: async (workspaceId: string, groupId: string): Promise<SubscriptionGroup> =>
      await call('GET', `${ws(workspaceId)}/subscription-groups/${enc(groupId)}`),
    /** DELETE /_fake/workspaces/{id}/subscription-groups/{group_id} (archives) */
    archiveSubscriptionGroup: async (workspaceId: string, groupId: string): Promise<SubscriptionGroup> =>
      await call('DELETE', `${ws(workspaceId)}/subscription-groups/${enc(groupId)}`),
    /** POST /_fake/workspaces/{id}/deliverability-events */
    reportDeliverability: async (workspaceId: string, events: DeliverabilityEvents): Promise<DeliverabilityResult> =>
      await call('POST', `${ws(workspaceId)}/deliverability-events`, events),

    // --- campaigns, Canvases and the outbox ----------------------------------------------------------
    /** POST /_fake/workspaces/{id}/campaigns */
    createCampaign: async (workspaceId: string, input: CampaignInput): Promise<Campaign> => await call('POST', `${ws(workspaceId)}/campaigns`, input),
    /** GET /_fake/workspaces/{id}/campaigns, archived ones included */
    campaigns: async (workspaceId: string): Promise<Campaign[]> => (await call<{ campaigns: Campaign[] }>('GET', `${ws(workspaceId)}/campaigns`)).campaigns,
    /** GET /_fake/workspaces/{id}/campaigns/{campaign_id} */
    campaign: async (workspaceId: string, campaignId: string): Promise<Campaign> => await call('GET', `${ws(workspaceId)}/campaigns/${enc(campaignId)}`),
    /** PUT /_fake/workspaces/{id}/campaigns/{campaign_id}: a whole new definition, same id. */
    replaceCampaign: async (workspaceId: string, campaignId: string, input: CampaignInput): Promise<Campaign> => await call('PUT', `${ws(workspaceId)}/campaigns/${enc(campaignId)}`, input),
    /** DELETE /_fake/workspaces/{id}/campaigns/{campaign_id} (archives) */
    archiveCampaign: async (workspaceId: string, campaignId: string): Promise<Campaign> => await call('DELETE', `${ws(workspaceId)}/campaigns/${enc(campaignId)}`),
    /** The marketer pressing "Send": the campaign goes to its target segment now. */
    sendCampaign: async (workspaceId: string, campaignId: string): Promise<SendNowResult> => await call('POST', `${ws(workspaceId)}/campaigns/${enc(campaignId)}/send`),
    /** POST /_fake/workspaces/{id}/canvases */
    createCanvas: async (workspaceId: string, input: CanvasInput): Promise<Canvas> => await call('POST', `${ws(workspaceId)}/canvases`, input),
    /** GET /_fake/workspaces/{id}/canvases, archived ones included */
    canvases: async (workspaceId: string): Promise<Canvas[]> => (await call<{ canvases: Canvas[] }>('GET', `${ws(workspaceId)}/canvases`)).canvases,
    /** GET /_fake/workspaces/{id}/canvases/{canvas_id} */
    canvas: async (workspaceId: string, canvasId: string): Promise<Canvas> => await call('GET', `${ws(workspaceId)}/canvases/${enc(canvasId)}`),
    /** PUT /_fake/workspaces/{id}/canvases/{canvas_id}: a whole new definition, same id. */
    replaceCanvas: async (workspaceId: string, canvasId: string, input: CanvasInput): Promise<Canvas> => await call('PUT', `${ws(workspaceId)}/canvases/${enc(canvasId)}`, input),
    /** DELETE /_fake/workspaces/{id}/canvases/{canvas_id} (archives) */
    archiveCanvas: async (workspaceId: string, canvasId: string): Promise<Canvas> => await call('DELETE', `${ws(workspaceId)}/canvases/${enc(canvasId)}`),
    /** POST /_fake/workspaces/{id}/feed-cards: a News Feed card, as Braze's dashboard would make it */
    createFeedCard: async (workspaceId: string, input: FeedCardInput): Promise<FeedCard> => await call('POST', `${ws(workspaceId)}/feed-cards`, input),
    /** GET /_fake/workspaces/{id}/feed-cards, archived ones included */
    feedCards: async (workspaceId: string): Promise<FeedCard[]> => (await call<{ cards: FeedCard[] }>('GET', `${ws(workspaceId)}/feed-cards`)).cards,
    /** DELETE /_fake/workspaces/{id}/feed-cards/{card_id} (archives) */
    archiveFeedCard: async (workspaceId: string, cardId: string): Promise<FeedCard> => await call('DELETE', `${ws(workspaceId)}/feed-cards/${enc(cardId)}`),
    /** GET /_fake/workspaces/{id}/canvases/{canvas_id}/progress: users waiting at each step, and what each step delivered. */
    canvasProgress: async (workspaceId: string, canvasId: string): Promise<CanvasProgress> => await call('GET', `${ws(workspaceId)}/canvases/${enc(canvasId)}/progress`),
    /** GET /_fake/workspaces/{id}/frequency-capping: the workspace's rules. */
    frequencyCapping: async (workspaceId: string): Promise<FrequencyRule[]> => (await call<{ rules: FrequencyRule[] }>('GET', `${ws(workspaceId)}/frequency-capping`)).rules,
    /** PUT /_fake/workspaces/{id}/frequency-capping: replaces the rules ([] = no capping). */
    setFrequencyCapping: async (workspaceId: string, rules: FrequencyRule[]): Promise<FrequencyRule[]> =>
      (await call<{ rules: FrequencyRule[] }>('PUT', `${ws(workspaceId)}/frequency-capping`, { rules })).rules,
    /** GET /_fake/workspaces/{id}/messages, the outbox: every delivery and non-delivery matching the query, oldest first (follows next_cursor). */
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
    /** DELETE /_fake/workspaces/{id}/messages: clears the outbox; returns how many messages went. */
    clearMessages: async (workspaceId: string): Promise<number> => (await call<{ deleted: number }>('DELETE', `${ws(workspaceId)}/messages`)).deleted,
    /** GET /_fake/workspaces/{id}/message-schedules: pending API schedules, next first. */
    messageSchedules: async (workspaceId: string): Promise<MessageSchedule[]> =>
      (await call<{ schedules: MessageSchedule[] }>('GET', `${ws(workspaceId)}/message-schedules`)).schedules,

    // --- catalogs ----------------------------------------------------------------------------------
    /** GET /_fake/workspaces/{id}/catalogs: the catalogs and the workspace's catalog storage (used, quota). */
    catalogs: async (workspaceId: string): Promise<CatalogList> => await call('GET', `${ws(workspaceId)}/catalogs`),
    /** GET /_fake/workspaces/{id}/catalogs/{name}: the catalog and one page (50) of its visible items; pass `next_cursor` for the next. */
    catalog: async (workspaceId: string, name: string, cursor?: string): Promise<CatalogPage> => await call('GET', `${ws(workspaceId)}/catalogs/${enc(name)}${qs({ cursor })}`),
    /** Every visible item of a catalog, following next_cursor. */
    catalogItems: async (workspaceId: string, name: string): Promise<Array<Record<string, unknown>>> =>
      await allPages<Record<string, unknown>, CatalogPage>((cursor) => `${ws(workspaceId)}/catalogs/${enc(name)}${qs({ cursor })}`, (page) => page.items),
    /** PUT /_fake/workspaces/{id}/catalog-settings: the catalog storage quota in bytes (null = the free tier's 100 MB). */
    setCatalogStorageLimit: async (workspaceId: string, bytes: number | null): Promise<CatalogSettings> =>
      await call('PUT', `${ws(workspaceId)}/catalog-settings`, { storage_limit_bytes: bytes }),

    // --- seed and snapshot -------------------------------------------------------------------------
    /** POST /_fake/seed */
    seed: async (file: SeedFile): Promise<SeedResult> => await call('POST', '/seed', file),
    /** GET /_fake/workspaces/{id}/snapshot */
    snapshot: async (workspaceId: string): Promise<SeedFile> => await call('GET', `${ws(workspaceId)}/snapshot`)
  }
}

