/**
 * Types of the control-plane client: the JSON shapes of `/_fake`, derived from the same zod
 * schemas the routes validate and document with (one definition per shape). Output types for
 * what the fake answers, input types for what a caller sends.
 */
import type { z } from 'zod'
import type { UserAliasSchema } from '../schemas/shared/common.js'
import type {
  CohortMemberSchema, CohortSchema, DataImportKeySchema, PartnerSchema
} from '../schemas/partners/control/partners.js'
import type { RestApiKeySchema } from '../schemas/workspaces/control/rest-api-keys.js'
import type { SeedFileSchema } from '../schemas/toolkit/control/seed.js'
import type {
  ClockCommandSchema, ClockSchema, CreateFaultSchema, FaultActionSchema, FaultSchema, JournalEntrySchema, JournalQuerySchema,
  PutRateLimitsSchema, RateLimitSettingsSchema
} from '../schemas/toolkit/control/toolkit.js'
import type { SeedUserSchema, SeededUserSchema } from '../schemas/users/control/users.js'
import type { CreateWorkspaceSchema, ProvisionedWorkspaceSchema, WorkspaceSchema } from '../schemas/workspaces/control/workspaces.js'
import type { CreateSegmentSchema, SegmentSchema } from '../schemas/segments/control/segments.js'
import type {
  CampaignInputSchema, CampaignSchema, CanvasInputSchema, CanvasSchema, OutboxQuerySchema, OutboxSchema, SendNowResponseSchema
} from '../schemas/messaging/control/messaging.js'

export type Workspace = z.output<typeof WorkspaceSchema>
/** Everything a test needs to talk to one workspace: keys per partner and a REST key with every permission. */
export type ProvisionedWorkspace = Workspace & Required<Pick<z.output<typeof ProvisionedWorkspaceSchema>, 'data_import_keys' | 'partner_api_keys' | 'rest_api_key'>>
export type CreateWorkspaceOptions = NonNullable<z.input<typeof CreateWorkspaceSchema>>

export type DataImportKey = z.output<typeof DataImportKeySchema>
export type RestApiKey = z.output<typeof RestApiKeySchema>
export type Partner = z.output<typeof PartnerSchema>
export type UserAlias = z.output<typeof UserAliasSchema>
export type SeedUserInput = z.input<typeof SeedUserSchema>
export type SeededUser = z.output<typeof SeededUserSchema>
export type Cohort = z.output<typeof CohortSchema>
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

/** The seed / snapshot format (JSON Schema: openapi/seed.schema.json). */
export type SeedFile = z.input<typeof SeedFileSchema>

// --- segments and messaging (campaigns, Canvases, the outbox) ---
export type SegmentInput = z.input<typeof CreateSegmentSchema>
export type Segment = z.output<typeof SegmentSchema>
export type CampaignInput = z.input<typeof CampaignInputSchema>
export type Campaign = z.output<typeof CampaignSchema>
export type CanvasInput = z.input<typeof CanvasInputSchema>
export type Canvas = z.output<typeof CanvasSchema>
export type SendNowResult = z.output<typeof SendNowResponseSchema>
export type OutboxQuery = Omit<z.input<typeof OutboxQuerySchema>, 'limit'>
export type OutboxMessage = z.output<typeof OutboxSchema>['messages'][number]
