/**
 * The example request of every operation, in the order a newcomer runs them in Swagger UI. The
 * first ten are the chain the docs promise (workspace `acme` → data import key → REST key → users →
 * cohort name → cohort users → members → segment → /users/track → export): each answer holds what
 * the next step needs, and after `POST /_fake/reset` the chain runs again unchanged.
 *
 * plugins/swagger.ts puts these into the OpenAPI document (request body `example`, parameter
 * `example`, and the answers recorded in openapi-example-responses.ts); `npm run openapi` replays them
 * on a fresh app (scripts/write-openapi-examples.ts) and test/openapi.test.ts checks that every
 * operation has one and that the replay answers the documented status.
 */

/** A value taken from an earlier example's answer (ids the fake generates). */
export interface ExampleRef { readonly from: string, readonly field: string, readonly suffix?: string }
export const ref = (from: string, field: string, suffix?: string): ExampleRef => ({ from, field, ...(suffix !== undefined && { suffix }) })
export const isRef = (v: unknown): v is ExampleRef => typeof v === 'object' && v !== null && 'from' in v && 'field' in v

export interface OperationExample {
  /** "METHOD /openapi/path", e.g. "POST /_fake/workspaces" */
  readonly op: string
  readonly params?: Record<string, string | number | ExampleRef>
  readonly query?: Record<string, string | number>
  readonly body?: unknown
  /** The status the example answers with on a server where the examples before it ran. */
  readonly status: number
  /** Send the example REST API key as a Bearer token (Swagger UI's "Authorize"). */
  readonly rest?: boolean
}

export const EXAMPLE_WORKSPACE = 'acme'
export const EXAMPLE_DATA_IMPORT_KEY = 'acme-hightouch-key'
export const EXAMPLE_REST_API_KEY = 'acme-rest-key'
export const EXAMPLE_PARTNER_API_KEY = 'fake-hightouch-us-partner-api-key'
const ws = { workspace_id: EXAMPLE_WORKSPACE }
const hightouch = { ...ws, partner: 'hightouch' }
const cohort = { ...hightouch, cohort_id: 'vip-buyers' }
const segment = { ...ws, segment_id: 'vip' }
const credentials = { partner_api_key: EXAMPLE_PARTNER_API_KEY, client_secret: EXAMPLE_DATA_IMPORT_KEY }
const segmentFilter = { filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip-buyers' }

/** The chain of the docs, in order. */
export const CHAIN: readonly OperationExample[] = [
  { op: 'POST /_fake/workspaces', body: { id: EXAMPLE_WORKSPACE, name: 'Acme staging', cluster: 'iad-01' }, status: 201 },
  { op: 'POST /_fake/workspaces/{workspace_id}/partners/{partner}/data-import-keys', params: hightouch, body: { key: EXAMPLE_DATA_IMPORT_KEY }, status: 201 },
  { op: 'POST /_fake/workspaces/{workspace_id}/rest-api-keys', params: ws, body: { key: EXAMPLE_REST_API_KEY, name: 'Swagger UI' }, status: 201 },
  {
    op: 'POST /_fake/workspaces/{workspace_id}/users',
    params: ws,
    body: {
      users: [
        {
          external_id: 'user-1',
          email: 'user-1@example.com',
          phone: '+14155550101',
          aliases: [{ alias_name: 'crm-1', alias_label: 'crm_id' }],
          profile: { first_name: 'Ada', country: 'US' },
          custom_attributes: { plan: 'gold', visits: 3 },
          email_subscribe: 'opted_in'
        },
        { external_id: 'user-2', email: 'user-2@example.com', custom_attributes: { plan: 'free' } },
        { device_ids: ['device-anon-1'] }
      ]
    },
    status: 201
  },
  {
    op: 'POST /partners/{partner}/cohorts',
    params: { partner: 'hightouch' },
    body: { ...credentials, cohort_id: 'vip-buyers', name: 'VIP buyers', created_at: '2026-11-28T12:00:00Z' },
    status: 201
  },
  {
    op: 'POST /partners/{partner}/cohorts/users',
    params: { partner: 'hightouch' },
    body: { ...credentials, cohort_id: 'vip-buyers', cohort_changes: [{ user_ids: ['user-1', 'user-2', 'ghost'] }, { device_ids: ['device-anon-1'] }] },
    status: 201
  },
  { op: 'GET /_fake/workspaces/{workspace_id}/partners/{partner}/cohorts/{cohort_id}/members', params: cohort, query: { limit: 100 }, status: 200 },
  {
    op: 'POST /_fake/workspaces/{workspace_id}/segments',
    params: ws,
    body: { id: 'vip', name: 'VIP buyers', tags: ['hightouch'], description: 'Winback audience', filter: segmentFilter },
    status: 201
  },
  {
    op: 'POST /users/track',
    rest: true,
    body: {
      attributes: [{ external_id: 'user-1', first_name: 'Ada', visits: { inc: 1 }, tags: { add: ['vip'] } }],
      events: [{ external_id: 'user-1', name: 'rented_movie', time: '2026-11-28T12:00:00Z', properties: { title: 'Up' } }],
      purchases: [{ external_id: 'user-1', product_id: 'gold-plan', currency: 'USD', price: 19.99, time: '2026-11-28T12:00:00Z' }]
    },
    status: 201
  },
  {
    op: 'POST /users/export/segment',
    rest: true,
    body: { segment_id: 'vip', fields_to_export: ['external_id', 'braze_id', 'email', 'custom_attributes'] },
    status: 201
  }
]

/** Every other operation, in an order where each succeeds after the chain; deletions come last. */
export const MORE: readonly OperationExample[] = [
  { op: 'GET /_fake/workspaces', status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}', params: ws, status: 200 },
  { op: 'GET /_fake/partners', status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/partners/{partner}/data-import-keys', params: hightouch, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/rest-api-keys', params: ws, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/cohorts', params: ws, query: { partner: 'hightouch' }, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/partners/{partner}/cohorts/{cohort_id}', params: cohort, status: 200 },
  { op: 'POST /_fake/workspaces/{workspace_id}/partners/{partner}/cohorts/{cohort_id}/lock', params: cohort, body: { writes: 1 }, status: 200 },
  { op: 'DELETE /_fake/workspaces/{workspace_id}/partners/{partner}/cohorts/{cohort_id}/lock', params: cohort, status: 200 },
  {
    op: 'GET /_fake/workspaces/{workspace_id}/user-profiles',
    params: ws,
    // every filter names user-1, so the prefilled form finds it
    query: { external_id: 'user-1', email: 'user-1@example.com', phone: '+14155550101', alias_label: 'crm_id', alias_name: 'crm-1' },
    status: 200
  },
  { op: 'GET /_fake/workspaces/{workspace_id}/data-points', params: ws, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/segment-filters', params: ws, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/segments', params: ws, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/segments/{segment_id}', params: segment, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/segments/{segment_id}/members', params: segment, query: { limit: 100 }, status: 200 },
  { op: 'PATCH /_fake/workspaces/{workspace_id}/segments/{segment_id}', params: segment, body: { description: 'Winback audience, wave 2' }, status: 200 },
  {
    op: 'PUT /_fake/workspaces/{workspace_id}/segments/{segment_id}',
    params: segment,
    body: { name: 'VIP buyers on gold', tags: ['hightouch'], filter: { and: [segmentFilter, { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }] } },
    status: 200
  },
  { op: 'POST /_fake/workspaces/{workspace_id}/segments/{segment_id}/archive', params: segment, status: 200 },
  { op: 'POST /_fake/workspaces/{workspace_id}/segments/{segment_id}/unarchive', params: segment, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/segment-exports', params: ws, status: 200 },
  { op: 'GET /_fake/exports/{file}', params: { file: ref('POST /users/export/segment', 'object_prefix', '.zip') }, status: 200 },
  { op: 'GET /segments/list', rest: true, query: { page: 0, sort_direction: 'desc' }, status: 200 },
  { op: 'GET /segments/details', rest: true, query: { segment_id: 'vip' }, status: 200 },
  { op: 'GET /segments/data_series', rest: true, query: { segment_id: 'vip', length: 7, ending_at: '2026-11-28T12:00:00Z' }, status: 200 },
  {
    op: 'POST /users/export/ids',
    rest: true,
    body: { external_ids: ['user-1', 'ghost'], fields_to_export: ['external_id', 'email', 'custom_attributes', 'custom_events', 'purchases'] },
    status: 201
  },
  {
    op: 'POST /users/alias/new',
    rest: true,
    body: { user_aliases: [{ external_id: 'user-2', alias_name: 'two@example.com', alias_label: 'email' }, { alias_name: 'anon-42', alias_label: 'amplitude_id' }] },
    status: 201
  },
  {
    op: 'POST /users/alias/update',
    rest: true,
    body: { alias_updates: [{ alias_label: 'email', old_alias_name: 'two@example.com', new_alias_name: 'second@example.com' }] },
    status: 201
  },
  {
    op: 'POST /users/identify',
    rest: true,
    body: { aliases_to_identify: [{ external_id: 'user-3', user_alias: { alias_name: 'anon-42', alias_label: 'amplitude_id' } }], merge_behavior: 'merge' },
    status: 201
  },
  {
    op: 'POST /users/merge',
    rest: true,
    body: { merge_updates: [{ identifier_to_merge: { external_id: 'user-3' }, identifier_to_keep: { external_id: 'user-2' } }] },
    status: 202
  },
  { op: 'POST /users/delete', rest: true, body: { external_ids: ['user-2'] }, status: 201 },
  {
    op: 'GET /_fake/requests',
    query: { workspace_id: EXAMPLE_WORKSPACE, partner: 'hightouch', path: '/partners/hightouch/cohorts/users', method: 'POST', status: 201, since: '2026-01-01T00:00:00Z', limit: 100 },
    status: 200
  },
  { op: 'POST /_fake/faults', body: { workspace_id: EXAMPLE_WORKSPACE, route: 'POST /users/track', action: { status: 429, retry_after_s: 1 }, times: 1 }, status: 201 },
  { op: 'GET /_fake/faults', status: 200 },
  { op: 'DELETE /_fake/faults/{id}', params: { id: ref('POST /_fake/faults', 'id') }, status: 204 },
  { op: 'DELETE /_fake/faults', status: 204 },
  { op: 'GET /_fake/clock', status: 200 },
  { op: 'POST /_fake/clock', body: { advance_ms: 60000 }, status: 200 },
  { op: 'GET /_fake/visibility', status: 200 },
  { op: 'PUT /_fake/visibility', body: { delay_ms: 0 }, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/rate-limits', params: ws, status: 200 },
  { op: 'PUT /_fake/workspaces/{workspace_id}/rate-limits', params: ws, body: { enabled: true, overrides: { 'POST /users/track': { limit: 1000, window_s: 60 } } }, status: 200 },
  { op: 'GET /_fake/workspaces/{workspace_id}/snapshot', params: ws, status: 200 },
  {
    op: 'POST /_fake/seed',
    body: {
      version: 1,
      workspaces: [{
        id: 'acme-ci',
        cluster: 'iad-01',
        data_import_keys: [{ partner: 'hightouch', key: 'acme-ci-hightouch-key' }],
        rest_api_keys: [{ key: 'acme-ci-rest-key', permissions: ['users.track'] }],
        users: [{ external_id: 'u1', email: 'u1@example.com', custom_attributes: { plan: 'pro' } }],
        cohorts: [{ partner: 'hightouch', cohort_id: 'vip', name: 'VIP', members: ['u1'] }]
      }]
    },
    status: 201
  },
  { op: 'DELETE /_fake/requests', query: { workspace_id: EXAMPLE_WORKSPACE }, status: 204 },
  { op: 'POST /_fake/workspaces/{workspace_id}/partners/{partner}/data-import-keys/{key}/invalidate', params: { ...hightouch, key: EXAMPLE_DATA_IMPORT_KEY }, status: 200 },
  { op: 'DELETE /_fake/workspaces/{workspace_id}/rest-api-keys/{key}', params: { ...ws, key: EXAMPLE_REST_API_KEY }, status: 200 },
  { op: 'DELETE /_fake/workspaces/{workspace_id}/segments/{segment_id}', params: segment, status: 204 },
  { op: 'DELETE /_fake/workspaces/{workspace_id}', params: ws, status: 204 },
  { op: 'DELETE /_fake/clock', status: 200 },
  { op: 'POST /_fake/reset', status: 204 }
]

export const OPERATION_EXAMPLES: readonly OperationExample[] = [...CHAIN, ...MORE]
export const EXAMPLE_BY_OP: ReadonlyMap<string, OperationExample> = new Map(OPERATION_EXAMPLES.map((e) => [e.op, e]))
