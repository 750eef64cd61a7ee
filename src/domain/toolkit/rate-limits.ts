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
  /** "50,000 requests per minute" (api_limits include; B-ISV "50,000 rpm") */
  'users.track': { limit: 50_000, windowS: 60 },
  'users.track.sync': { limit: 500, windowS: 60 },
  /** 250/min for workspaces onboarded on or after 2024-08-22 (2,500/min before) */
  'users.export.ids': { limit: 250, windowS: 60 },
  /** /users/delete, /alias/new, /alias/update, /identify, /merge share one 20,000/min pool */
  identity: { limit: 20_000, windowS: 60 },
  'users.external_ids.rename': { limit: 1_000, windowS: 60 },
  'users.external_ids.remove': { limit: 1_000, windowS: 60 },
  /** "50,000 requests per minute" (api_limits.md); the broadcast 250/min buckets are not modelled */
  'campaigns.data_series': { limit: 50_000, windowS: 60 }
} as const satisfies Record<string, PoolDefinition>

export type PoolName = keyof typeof POOLS
export const POOL_NAMES = Object.keys(POOLS) as PoolName[]

/** "METHOD path" → pool; segments and /users/export/segment fall in `default` by omission. */
export const ROUTE_POOLS: Readonly<Record<string, PoolName>> = {
  'POST /users/track': 'users.track',
  'POST /users/track/sync': 'users.track.sync',
  'POST /users/export/ids': 'users.export.ids',
  'POST /users/delete': 'identity',
  'POST /users/alias/new': 'identity',
  'POST /users/alias/update': 'identity',
  'POST /users/identify': 'identity',
  'POST /users/merge': 'identity',
  'POST /users/external_ids/rename': 'users.external_ids.rename',
  'POST /users/external_ids/remove': 'users.external_ids.remove',
  'GET /campaigns/data_series': 'campaigns.data_series'
}

/** The pool a route (Fastify template, `:param` or `{param}`) draws from. */
export function poolOf (method: string, routeUrl: string): PoolName {
  if (routeUrl.startsWith('/partners/')) return 'partners'
  return ROUTE_POOLS[`${method} ${routeUrl}`] ?? 'default'
}

/** An override key is a pool name or a "METHOD path" listed in ROUTE_POOLS. */
export function poolForKey (key: string): PoolName | undefined {
  if ((POOL_NAMES as string[]).includes(key)) return key as PoolName
  if (/^POST \/partners\//.test(key)) return 'partners'
  return ROUTE_POOLS[key]
}
