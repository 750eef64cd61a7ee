/**
 * Types of the control-plane client: the JSON shapes of `/_fake`, derived from the same zod
 * schemas the routes validate and document with (one definition per shape). Output types for
 * what the fake answers, input types for what a caller sends.
 */
import type { z } from 'zod'
import type { CatalogSettingsSchema, ControlCatalogDetailSchema, ControlCatalogListSchema } from '../schemas/catalogs/control/catalogs.js'
import type { CatalogSchema } from '../schemas/catalogs/catalogs.js'
import type { UserAliasSchema } from '../schemas/shared/common.js'
import type { ClusterId } from '../domain/shared/clusters.js'
import type { PartnerName } from '../domain/shared/partners.js'
import type {
  CohortMemberSchema, CohortMembersSchema, CohortSchema, DataImportKeySchema, PartnerSchema
} from '../schemas/partners/control/partners.js'
import type {
  CreateSegmentSchema, PatchSegmentSchema, ReplaceSegmentSchema, SegmentExportListSchema, SegmentFiltersSchema, SegmentMembersSchema, SegmentSchema
} from '../schemas/segments/control/segments.js'
import type { StoredUserSchema, UserProfilesQuerySchema } from '../schemas/users/control/user-profiles.js'
import type { DataPointTotalsSchema } from '../schemas/workspaces/control/data-points.js'
import type { CreateRestApiKeySchema, RestApiKeySchema } from '../schemas/workspaces/control/rest-api-keys.js'
import type { SeedFileSchema, SeedResultSchema } from '../schemas/toolkit/control/seed.js'
import type {
  ClockCommandSchema, ClockSchema, CreateFaultSchema, FaultActionSchema, FaultSchema, JournalEntrySchema, JournalQuerySchema,
  PutRateLimitsSchema, RateLimitSettingsSchema
} from '../schemas/toolkit/control/toolkit.js'
import type { SeedUserSchema, SeededUserSchema } from '../schemas/users/control/users.js'
import type { CreateWorkspaceSchema, ProvisionedWorkspaceSchema, WorkspaceSchema, WorkspaceSettingsSchema } from '../schemas/workspaces/control/workspaces.js'
import type {
  CreateSubscriptionGroupSchema, DeliverabilityEventsSchema, DeliverabilityResultSchema, SubscriptionGroupSchema
} from '../schemas/subscriptions/control/subscription-groups.js'
import type {
  CampaignInputSchema, CampaignSchema, CanvasInputSchema, CanvasProgressSchema, CanvasSchema, FrequencyCappingSchema, OutboxQuerySchema, OutboxSchema, SchedulesSchema, SendNowResponseSchema
} from '../schemas/messaging/control/messaging.js'
import type { FeedCardInputSchema, FeedCardSchema } from '../schemas/analytics/analytics.js'

export type Workspace = Omit<z.output<typeof WorkspaceSchema>, 'cluster'> & { cluster: ClusterId }
/** Everything a test needs to talk to one workspace: keys per partner and a REST key with every permission. */
export type ProvisionedWorkspace = Workspace & Required<Pick<z.output<typeof ProvisionedWorkspaceSchema>, 'data_import_keys' | 'partner_api_keys' | 'rest_api_key'>>
/** The body of POST /_fake/workspaces, with partners and clusters as literal unions. */
export type CreateWorkspaceOptions = Omit<NonNullable<z.input<typeof CreateWorkspaceSchema>>, 'cluster' | 'partners'> & {
  cluster?: ClusterId
  partners?: PartnerName[]
}
/** onboarding date, pricing model and legacy api_key switch of a workspace */
export type WorkspaceSettings = z.input<typeof WorkspaceSettingsSchema>

export type DataImportKey = Omit<z.output<typeof DataImportKeySchema>, 'partner'> & { partner: PartnerName }
export type RestApiKey = z.output<typeof RestApiKeySchema>
/** The body of POST /_fake/workspaces/{id}/rest-api-keys; permissions are a literal union. */
export type RestApiKeyInput = NonNullable<z.input<typeof CreateRestApiKeySchema>>
export type Partner = z.output<typeof PartnerSchema>
export type UserAlias = z.output<typeof UserAliasSchema>
export type SeedUserInput = z.input<typeof SeedUserSchema>
export type SeededUser = z.output<typeof SeededUserSchema>
export type Cohort = Omit<z.output<typeof CohortSchema>, 'partner'> & { partner: PartnerName }
export type CohortMember = z.output<typeof CohortMemberSchema>

export type JournalEntry = z.output<typeof JournalEntrySchema>
export type JournalQuery = z.input<typeof JournalQuerySchema>
export type FaultAction = z.input<typeof FaultActionSchema>
export type FaultInput = z.input<typeof CreateFaultSchema>
export type Fault = z.output<typeof FaultSchema>
export type ClockState = z.output<typeof ClockSchema>
export type ClockCommand = z.input<typeof ClockCommandSchema>
export type RateLimitSettings = z.output<typeof RateLimitSettingsSchema>
export type RateLimitInput = z.input<typeof PutRateLimitsSchema>

export type SubscriptionGroup = z.output<typeof SubscriptionGroupSchema>
export type SubscriptionGroupInput = z.input<typeof CreateSubscriptionGroupSchema>
export type DeliverabilityEvents = z.input<typeof DeliverabilityEventsSchema>
export type DeliverabilityResult = z.output<typeof DeliverabilityResultSchema>

/** The seed / snapshot format (JSON Schema: openapi/seed.schema.json). */
export type SeedFile = z.input<typeof SeedFileSchema>

export type { PartnerName } from '../domain/shared/partners.js'
export type { ClusterId } from '../domain/shared/clusters.js'
export type SeedResult = z.output<typeof SeedResultSchema>
export type DataPointTotals = z.output<typeof DataPointTotalsSchema>
export type UserProfilesQuery = z.input<typeof UserProfilesQuerySchema>
export type StoredUser = z.output<typeof StoredUserSchema>
export type CohortMembersPage = z.output<typeof CohortMembersSchema>

export type SegmentInput = z.input<typeof CreateSegmentSchema>
export type SegmentReplacement = z.input<typeof ReplaceSegmentSchema>
export type SegmentPatch = z.input<typeof PatchSegmentSchema>
export type Segment = z.output<typeof SegmentSchema>
export type SegmentMembersPage = z.output<typeof SegmentMembersSchema>
export type SegmentMember = SegmentMembersPage['members'][number]
export type SegmentFilterOption = z.output<typeof SegmentFiltersSchema>['filters'][number]
export type SegmentExportJob = z.output<typeof SegmentExportListSchema>['exports'][number]

// --- messaging (campaigns, Canvases, the outbox) ---
export type CampaignInput = z.input<typeof CampaignInputSchema>
export type Campaign = z.output<typeof CampaignSchema>
export type CanvasInput = z.input<typeof CanvasInputSchema>
export type Canvas = z.output<typeof CanvasSchema>
export type SendNowResult = z.output<typeof SendNowResponseSchema>
export type OutboxQuery = Omit<z.input<typeof OutboxQuerySchema>, 'limit'>
export type OutboxMessage = z.output<typeof OutboxSchema>['messages'][number]
/** A pending API schedule (/campaigns/trigger/schedule/create, /canvas/trigger/schedule/create, /messages/schedule/create). */
export type MessageSchedule = z.output<typeof SchedulesSchema>['schedules'][number]

// --- analytics (News Feed cards) ---
export type FeedCardInput = z.input<typeof FeedCardInputSchema>
export type FeedCard = z.output<typeof FeedCardSchema>
/** A catalog as GET /catalogs and the control plane show it */
export type Catalog = z.output<typeof CatalogSchema>
export type CatalogList = z.output<typeof ControlCatalogListSchema>
/** One catalog with a page of its items */
export type CatalogPage = z.output<typeof ControlCatalogDetailSchema>
export type CatalogSettings = z.output<typeof CatalogSettingsSchema>
/** The workspace's frequency capping rules (PUT /_fake/workspaces/{id}/frequency-capping). */
export type FrequencyCapping = z.output<typeof FrequencyCappingSchema>
export type FrequencyRule = FrequencyCapping['rules'][number]
/** Where a Canvas's users are (GET /_fake/workspaces/{id}/canvases/{canvas_id}/progress). */
export type CanvasProgress = z.output<typeof CanvasProgressSchema>
