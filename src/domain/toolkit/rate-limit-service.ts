/**
 * Per-workspace rate limiting over fixed windows of the (controllable) clock. Every
 * authenticated Braze request is counted so the `x-ratelimit-*` headers are always truthful;
 * 429 is answered only where limits are enforced: everywhere when config says so, or per
 * workspace through the control plane (which can also shrink limits for tests).
 */
import type { Clock } from '../shared/clock.js'
import { BrazeError, FakeBadRequest, FakeNotFound, RateLimited } from '../shared/errors.js'
import { POOLS, poolForKey, poolOf, type PoolContext, type PoolDefinition, type PoolName } from './rate-limits.js'

export interface RateLimitSettingsInput {
  enabled?: boolean | undefined
  overrides?: Record<string, { limit: number, window_s?: number | undefined }> | undefined
}

export interface RateLimitSettingsView {
  enabled: boolean
  pools: Record<string, { limit: number, window_s: number }>
}

export interface RateLimitDecision { limit: number, remaining: number, reset: number, pool: PoolName }

/**
 * 'data_points': `x-ratelimit-reset` is the window's end in UTC epoch seconds (api_limits.md).
 * 'mau' (Monthly Active Users CY 24-25, post_user_track.md): `x-ratelimit-reset` is the seconds
 * left in the window, and a 429 carries `x-ratelimit-retry-after` instead of the three headers.
 */
export type HeaderSemantics = 'data_points' | 'mau'

interface Settings { enabled?: boolean | undefined, overrides: Partial<Record<PoolName, PoolDefinition>> }

export type RateLimitService = ReturnType<typeof createRateLimitService>

export function createRateLimitService (deps: { clock: Clock, enabledByDefault: boolean, workspacePkOf: (id: string) => number | undefined }) {
  const settings = new Map<number, Settings>()
  const windows = new Map<string, { start: number, count: number }>()

  function poolDef (workspacePk: number, pool: PoolName): PoolDefinition {
    return settings.get(workspacePk)?.overrides[pool] ?? POOLS[pool]
  }

  function pkOf (workspaceId: string): number {
    const pk = deps.workspacePkOf(workspaceId)
    if (pk === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return pk
  }

  return {
    /** Control plane: settings of one workspace by id. */
    configureWorkspace (workspaceId: string, input: RateLimitSettingsInput): RateLimitSettingsView {
      return this.configure(pkOf(workspaceId), input)
    },
    viewWorkspace (workspaceId: string): RateLimitSettingsView {
      return this.view(pkOf(workspaceId))
    },
    /**
     * Counts one request of this route for the workspace and returns the header values; throws
     * the 429 (with the same headers) once the window is exhausted and limits are enforced.
     */
    consume (workspacePk: number, method: string, routeUrl: string, ctx: PoolContext & { pricingModel?: HeaderSemantics | undefined } = {}): { decision: RateLimitDecision, headers: Record<string, string> } {
      const pool = poolOf(method, routeUrl, ctx)
      // The MAU header semantics are documented for /users/track only (post_user_track.md): [inferred] elsewhere.
      const semantics: HeaderSemantics = ctx.pricingModel === 'mau' && pool === 'users.track' ? 'mau' : 'data_points'
      const def = poolDef(workspacePk, pool)
      const windowMs = def.windowS * 1000
      const now = deps.clock.now()
      const start = Math.floor(now / windowMs) * windowMs
      const key = `${workspacePk}:${pool}`
      let w = windows.get(key)
      if (w === undefined || w.start !== start) { w = { start, count: 0 }; windows.set(key, w) }
      const reset = Math.ceil((start + windowMs) / 1000)
      const enforced = settings.get(workspacePk)?.enabled ?? deps.enabledByDefault
      if (enforced && w.count >= def.limit) {
        const e = new RateLimited()
        const retryAfter = String(Math.max(1, reset - Math.floor(now / 1000)))
        const headers: Record<string, string> = semantics === 'mau'
          ? { 'x-ratelimit-retry-after': retryAfter }
          : { ...rateLimitHeaders({ limit: def.limit, remaining: 0, reset }), 'retry-after': retryAfter }
        throw new BrazeError(e.code, e.statusCode, e.message, {}, headers)
      }
      w.count++
      const decision = { limit: def.limit, remaining: Math.max(0, def.limit - w.count), reset, pool }
      const headers = semantics === 'mau'
        ? rateLimitHeaders({ ...decision, reset: Math.max(0, reset - Math.floor(now / 1000)) })
        : rateLimitHeaders(decision)
      return { decision, headers }
    },
    configure (workspacePk: number, input: RateLimitSettingsInput): RateLimitSettingsView {
      const current = settings.get(workspacePk) ?? { overrides: {} }
      const overrides = { ...current.overrides }
      for (const [key, o] of Object.entries(input.overrides ?? {})) {
        const pool = poolForKey(key)
        if (pool === undefined) throw new FakeBadRequest(`body.overrides.${key}: not a rate-limited route ("METHOD /path") or pool name`)
        overrides[pool] = { limit: o.limit, windowS: o.window_s ?? POOLS[pool].windowS }
      }
      const next = { enabled: input.enabled ?? current.enabled, overrides }
      settings.set(workspacePk, next)
      // New limits start a fresh window, so a test's tiny limit is not already spent.
      for (const k of [...windows.keys()]) if (k.startsWith(`${workspacePk}:`)) windows.delete(k)
      return this.view(workspacePk)
    },
    view (workspacePk: number): RateLimitSettingsView {
      const s = settings.get(workspacePk)
      const pools: RateLimitSettingsView['pools'] = {}
      for (const name of Object.keys(POOLS) as PoolName[]) {
        const d = poolDef(workspacePk, name)
        pools[name] = { limit: d.limit, window_s: d.windowS }
      }
      return { enabled: s?.enabled ?? deps.enabledByDefault, pools }
    },
    deleteWorkspaceData (workspacePk: number): void {
      settings.delete(workspacePk)
      for (const k of [...windows.keys()]) if (k.startsWith(`${workspacePk}:`)) windows.delete(k)
    },
    clearAll (): void {
      settings.clear()
      windows.clear()
    }
  }
}

/** Braze sends these in lowercase (HTTP/2); reset is UTC epoch seconds. */
export function rateLimitHeaders (d: { limit: number, remaining: number, reset: number }): Record<string, string> {
  return { 'x-ratelimit-limit': String(d.limit), 'x-ratelimit-remaining': String(d.remaining), 'x-ratelimit-reset': String(d.reset) }
}
