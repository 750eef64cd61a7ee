/**
 * The seed / snapshot format as the seed service sees it (the wire shape is
 * src/schemas/toolkit/control/seed.ts; these mirror it so domain code never imports schemas).
 */
import type { RestPermission } from '../../shared/rest-permissions.js'
import type { CampaignInput, CanvasInput } from '../../messaging/definitions.js'
import type { SeedCatalog } from '../../catalogs/catalog-service.js'

export type { SeedCatalog }
import type { FrequencyRule } from '../../messaging/frequency-capping.js'

export type Subscription = 'opted_in' | 'subscribed' | 'unsubscribed'

/** One row of user_event_summaries: what /users/export/ids shows as `custom_events`. */
export interface SeedEvent { name: string, first?: string | undefined, last?: string | undefined, count?: number | undefined }
/** One row of user_purchase_summaries; `revenue` is the sum of price × quantity. */
export interface SeedPurchase {
  product_id: string, first?: string | undefined, last?: string | undefined, count?: number | undefined, revenue?: number | undefined
}

export interface SeedUser {
  braze_id?: string | undefined, external_id?: string | undefined, email?: string | undefined, phone?: string | undefined
  device_ids?: string[] | undefined, aliases?: Array<{ alias_name: string, alias_label: string }> | undefined
  deprecated_external_ids?: string[] | undefined
  profile?: Record<string, unknown> | undefined, custom_attributes?: Record<string, unknown> | undefined
  email_subscribe?: Subscription | undefined, push_subscribe?: Subscription | undefined
  random_bucket?: number | undefined, total_revenue?: number | undefined, created_at?: string | undefined, updated_at?: string | undefined
  events?: SeedEvent[] | undefined, purchases?: SeedPurchase[] | undefined
  /** subscription group id → the user's state in it (groups without history are absent) */
  subscription_groups?: Record<string, 'subscribed' | 'unsubscribed'> | undefined
}

export interface SeedSubscriptionGroup { id: string, name: string, channel: 'email' | 'sms' | 'whatsapp', created_at?: string | undefined, archived_at?: string | undefined }
/** One address of Braze's email lists (subscriptions surface) */
export interface SeedEmailAddress {
  email: string, state?: 'opted_in' | 'subscribed' | 'unsubscribed' | undefined, state_at?: string | undefined, unsubscribed_at?: string | undefined
  hard_bounced_at?: string | undefined, spam_at?: string | undefined, blocklisted_at?: string | undefined
}
export interface SeedInvalidPhone { phone: string, invalid_at?: string | undefined, reason?: 'provider_error' | 'deactivated' | undefined }

export type SeedMember = string | { braze_id: string, added_at?: string | undefined }
export interface SeedCohort {
  partner: string, cohort_id: string, name?: string | undefined, partner_created_at?: string | null | undefined
  created_at?: string | undefined, updated_at?: string | undefined, members?: SeedMember[] | undefined
  /** an injected 423 "Resource locked"; with locked_writes_remaining only the next n writes */
  locked?: boolean | undefined, locked_writes_remaining?: number | undefined
}

export interface SeedSegment {
  id?: string | undefined, name: string, description?: string | null | undefined, tags?: string[] | undefined
  filter: Record<string, unknown>, analytics_tracking_enabled?: boolean | undefined
  archived?: boolean | undefined, archived_at?: string | undefined
  created_at?: string | undefined, updated_at?: string | undefined
  /** the daily size history /segments/data_series reads (segment_sizes) */
  sizes?: Array<{ day: string, size: number }> | undefined
}

interface SeedTimes { archived?: boolean | undefined, created_at?: string | undefined, updated_at?: string | undefined }
export type SeedCampaign = CampaignInput & SeedTimes
export type SeedCanvas = CanvasInput & SeedTimes

export interface SeedWorkspace {
  id: string, name?: string | undefined, cluster?: string | undefined, created_at?: string | undefined
  onboarded_at?: string | undefined, pricing_model?: 'data_points' | 'mau' | undefined, legacy_api_key?: boolean | null | undefined
  data_import_keys?: Array<{ partner: string, key: string, status?: 'active' | 'invalidated' | undefined, created_at?: string | undefined, invalidated_at?: string | undefined }> | undefined
  rest_api_keys?: Array<{ key: string, name?: string | undefined, permissions?: RestPermission[] | undefined, created_at?: string | undefined, revoked_at?: string | undefined }> | undefined
  subscription_groups?: SeedSubscriptionGroup[] | undefined
  email_addresses?: SeedEmailAddress[] | undefined
  invalid_phone_numbers?: SeedInvalidPhone[] | undefined
  users?: SeedUser[] | undefined
  cohorts?: SeedCohort[] | undefined
  segments?: SeedSegment[] | undefined
  campaigns?: SeedCampaign[] | undefined
  canvases?: SeedCanvas[] | undefined
  catalogs?: SeedCatalog[] | undefined
  catalog_storage_limit_bytes?: number | undefined
  frequency_capping?: { rules: FrequencyRule[] } | undefined
  /** data_point_totals: source → kind → count, as /_fake/workspaces/{id}/data-points `by_source_and_kind` */
  data_points?: Record<string, Record<string, number>> | undefined
}
export interface SeedFile { version?: 1 | undefined, workspaces: SeedWorkspace[] }

/** What every section loader needs: the workspace being loaded, the path prefix for errors, and time. */
export interface SeedScope {
  workspacePk: number
  /** `workspaces[i]`, the path messages start with */
  at: string
  /** an ISO time of the file in epoch ms; absent = now */
  ms: (iso: string | undefined) => number
}
