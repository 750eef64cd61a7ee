/**
 * Types of the control-plane client: the JSON shapes of `/_fake`, as plain interfaces so a
 * consumer's type checker needs nothing but this package's declarations.
 */
export interface Workspace {
  id: string
  name: string
  cluster: string
  rest_host: string
  rest_endpoint: string
  created_at: string
}

/** Everything a test needs to talk to one workspace. */
export interface ProvisionedWorkspace extends Workspace {
  /** partner → data import key (the `client_secret` of partner calls) */
  data_import_keys: Record<string, string>
  /** partner → partner API keys; `current` is the one this workspace's cluster accepts */
  partner_api_keys: Record<string, { us: string, eu: string, current: string }>
  /** a REST API key with every permission (`Authorization: Bearer …`) */
  rest_api_key: string
}

export interface CreateWorkspaceOptions {
  partners?: string[]
  cluster?: string
  id?: string
  name?: string
}

export interface DataImportKey { key: string, partner: string, status: 'active' | 'invalidated', created_at: string, invalidated_at?: string }
export interface RestApiKey { key: string, name: string, permissions: string[], created_at: string, revoked_at?: string }
export interface Partner { name: string, display_name: string, filter_name: string, filter_id: string, api_keys: { us: string, eu: string } }
export interface UserAlias { alias_name: string, alias_label: string }
export interface SeedUserInput { braze_id?: string, external_id?: string, device_ids?: string[], aliases?: UserAlias[], email?: string, phone?: string }
export interface SeededUser extends SeedUserInput { braze_id: string, created_at: string }

export interface Cohort {
  partner: string
  cohort_id: string
  name: string
  named: boolean
  partner_created_at: string | null
  created_at: string
  updated_at: string
  member_count: number
  locked: boolean
  locked_writes_remaining?: number
}
export interface CohortMember { braze_id: string, external_id?: string, device_ids?: string[], aliases?: UserAlias[], added_at: string }

export interface JournalEntry {
  id: string
  time: string
  method: string
  path: string
  route: string | null
  cluster: string | null
  status: number
  workspace_id: string | null
  partner: string | null
  message: string | null
  duration_ms: number
  fault?: { id: string, action: FaultAction }
  effects: any
  request_body: any
}
export interface JournalQuery {
  workspace_id?: string
  partner?: string
  path?: string
  method?: string
  status?: number
  since?: string
  cursor?: string
  limit?: number
}

export type FaultAction = { status: number, retry_after_s?: number } | { latency_ms: number } | { drop_connection: true }
export interface FaultInput {
  workspace_id?: string
  route?: string
  action: FaultAction
  times?: number
  probability?: number
  seed?: number
}
export interface Fault extends FaultInput { id: string, remaining?: number, injected: number, created_at: string }

export interface ClockState { now: string, frozen: boolean }
export interface ClockCommand { freeze?: boolean, set?: string, advance_ms?: number }

export interface RateLimitSettings { enabled: boolean, pools: Record<string, { limit: number, window_s: number }> }
export interface RateLimitInput { enabled?: boolean, overrides?: Record<string, { limit: number, window_s?: number }> }

/** The seed / snapshot format (JSON Schema: openapi/seed.schema.json). */
export interface SeedFile {
  version?: 1
  workspaces: Array<{
    id: string
    name?: string
    cluster?: string
    created_at?: string
    data_import_keys?: Array<{ partner: string, key: string, status?: 'active' | 'invalidated', created_at?: string, invalidated_at?: string }>
    rest_api_keys?: Array<{ key: string, name?: string, permissions?: string[], created_at?: string, revoked_at?: string }>
    users?: Array<SeedUserInput & {
      profile?: Record<string, unknown>
      custom_attributes?: Record<string, unknown>
      email_subscribe?: 'opted_in' | 'subscribed' | 'unsubscribed'
      push_subscribe?: 'opted_in' | 'subscribed' | 'unsubscribed'
      random_bucket?: number
      total_revenue?: number
      created_at?: string
      updated_at?: string
    }>
    cohorts?: Array<{
      partner: string
      cohort_id: string
      name?: string
      partner_created_at?: string | null
      created_at?: string
      updated_at?: string
      members?: Array<string | { braze_id: string, added_at?: string }>
    }>
  }>
}
