/**
 * Braze's per-endpoint rate limits (braze-reference §1.6; braze-docs _docs/_api/api_limits.md),
 * keyed by "METHOD path" as Braze lists them. Endpoints not listed share the default pool of
 * 250,000 requests/hour per workspace; the partner cohort endpoints have their own 250,000/hour
 * pool that does not count against the workspace's REST limits (cohort_import.md, item 22).
 */
export interface PoolDefinition { readonly limit: number, readonly windowS: number }

export const POOLS = {
  default: { limit: 250_000, windowS: 3600 },
  partners: { limit: 250_000, windowS: 3600 },
  /**
   * [D] post_user_track.md, rate_limits.md: "Starting on October 28th, 2024 … 3,000 requests per
   * three seconds" (formerly 50,000/min). MAU-priced contracts have a contract-specific hourly
   * limit on top of this burst; the fake models the burst only ([inferred]).
   */
  'users.track': { limit: 3_000, windowS: 3 },
  'users.track.sync': { limit: 500, windowS: 60 },
  /** [D] post_user_track_bulk.md: base 50 requests per second */
  'users.track.bulk': { limit: 50, windowS: 1 },
  /** [D] rate_limits.md: 250/min for companies onboarded on or after 2024-08-22 … */
  'users.export.ids': { limit: 250, windowS: 60 },
  /** … 40 requests per second when they send fields_to_export without campaigns_received / canvases_received … */
  'users.export.ids.fields': { limit: 40, windowS: 1 },
  /** … and 2,500/min for companies onboarded before (separate buckets: [inferred]) */
  'users.export.ids.legacy': { limit: 2_500, windowS: 60 },
  /** /users/delete, /alias/new, /alias/update, /identify, /merge share one 20,000/min pool */
  identity: { limit: 20_000, windowS: 60 },
  'users.external_ids.rename': { limit: 1_000, windowS: 60 },
  'users.external_ids.remove': { limit: 1_000, windowS: 60 },
  /** [D] rate_limits.md: /custom_attributes, /events, /events/list and /purchases/product_list share 1,000/hour */
  'export.lists': { limit: 1_000, windowS: 3600 },
  /** /subscription/status/set and /v2/subscription/status/set share 5,000/min (item 71) */
  'subscription.status.set': { limit: 5_000, windowS: 60 },
  /** "50,000 requests per minute" (api_limits.md); the broadcast 250/min buckets are not modelled */
  'campaigns.data_series': { limit: 50_000, windowS: 60 }
} as const satisfies Record<string, PoolDefinition>

export type PoolName = keyof typeof POOLS
export const POOL_NAMES = Object.keys(POOLS) as PoolName[]

/** "METHOD path" → pool; segments and /users/export/segment fall in `default` by omission. */
export const ROUTE_POOLS: Readonly<Record<string, PoolName>> = {
  'POST /users/track': 'users.track',
  'POST /users/track/sync': 'users.track.sync',
  'POST /users/track/bulk': 'users.track.bulk',
  'POST /users/export/ids': 'users.export.ids',
  'POST /users/delete': 'identity',
  'POST /users/alias/new': 'identity',
  'POST /users/alias/update': 'identity',
  'POST /users/identify': 'identity',
  'POST /users/merge': 'identity',
  'POST /users/external_ids/rename': 'users.external_ids.rename',
  'POST /users/external_ids/remove': 'users.external_ids.remove',
  'GET /custom_attributes': 'export.lists',
  'GET /events': 'export.lists',
  'GET /events/list': 'export.lists',
  'GET /purchases/product_list': 'export.lists',
  // get_number_of_purchases.md, get_revenue_series.md include the same shared 1,000/hour ("purchases product list")
  'GET /purchases/quantity_series': 'export.lists',
  'GET /purchases/revenue_series': 'export.lists',
  'POST /subscription/status/set': 'subscription.status.set',
  'POST /v2/subscription/status/set': 'subscription.status.set',
  'GET /campaigns/data_series': 'campaigns.data_series'
}

/** What decides the /users/export/ids bucket: the onboarding date and the body's fields_to_export. */
export interface PoolContext {
  onboardedAt?: number | undefined
  body?: unknown
}

const EXPORT_IDS_NEW_RULES_FROM = Date.UTC(2024, 7, 22)

function exportIdsPool (ctx: PoolContext): PoolName {
  if (ctx.onboardedAt !== undefined && ctx.onboardedAt < EXPORT_IDS_NEW_RULES_FROM) return 'users.export.ids.legacy'
  const fields = ctx.body !== null && typeof ctx.body === 'object' ? (ctx.body as Record<string, unknown>).fields_to_export : undefined
  if (Array.isArray(fields) && !fields.includes('campaigns_received') && !fields.includes('canvases_received')) return 'users.export.ids.fields'
  return 'users.export.ids'
}

/** The pool a route (Fastify template, `:param` or `{param}`) draws from. */
export function poolOf (method: string, routeUrl: string, ctx: PoolContext = {}): PoolName {
  if (routeUrl.startsWith('/partners/')) return 'partners'
  const pool = ROUTE_POOLS[`${method} ${routeUrl}`] ?? 'default'
  return pool === 'users.export.ids' ? exportIdsPool(ctx) : pool
}

/** An override key is a pool name or a "METHOD path" listed in ROUTE_POOLS. */
export function poolForKey (key: string): PoolName | undefined {
  if ((POOL_NAMES as string[]).includes(key)) return key as PoolName
  if (/^POST \/partners\//.test(key)) return 'partners'
  return ROUTE_POOLS[key]
}
