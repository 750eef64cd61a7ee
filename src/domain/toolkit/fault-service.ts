/**
 * Injected faults (issue 5): rules that make the Braze surface misbehave for the whole server or
 * one workspace, one route or all — a status with a Braze-shaped body, extra latency, or a
 * dropped connection — for the next N matching requests, or with a probability under a seed.
 * Rules live in memory: they are test scaffolding, cleared by reset, never persisted.
 */
import { STATUS_CODES } from 'node:http'
import { toIso, type Clock } from '../shared/clock.js'
import { BrazeError, FakeNotFound, InjectedFault, RateLimited, ResourceLocked } from '../shared/errors.js'
import { newKey } from '../shared/ids.js'
import { mulberry32 } from '../shared/prng.js'
import { rateLimitHeaders } from './rate-limit-service.js'

export type FaultAction =
  | { status: number, retry_after_s?: number | undefined }
  | { latency_ms: number }
  | { drop_connection: true }

export interface FaultInput {
  workspace_id?: string | undefined
  route?: string | undefined
  action: FaultAction
  times?: number | undefined
  probability?: number | undefined
  seed?: number | undefined
}

export interface FaultView {
  id: string
  workspace_id?: string
  route?: string
  action: FaultAction
  times?: number
  remaining?: number
  probability?: number
  seed?: number
  injected: number
  created_at: string
}

/** What the journal records about an injected fault. */
export interface InjectedFaultRecord { id: string, action: FaultAction }

export interface SurfaceRequest {
  method: string
  /** Fastify's route template (`/partners/:partner/cohorts/users`), when a route matched */
  routeUrl: string | undefined
  /** the concrete path without query */
  path: string
  /** resolved lazily: only rules scoped to a workspace need it */
  workspaceId: () => string | undefined
}

interface Rule { view: FaultView, method: string | undefined, pattern: RegExp | undefined, random: (() => number) | undefined }

export type FaultService = ReturnType<typeof createFaultService>

export function createFaultService (deps: { clock: Clock, workspaceExists: (id: string) => boolean }) {
  let rules: Rule[] = []
  return {
    hasRules: (): boolean => rules.length > 0,
    add (input: FaultInput): FaultView {
      if (input.workspace_id !== undefined && !deps.workspaceExists(input.workspace_id)) throw new FakeNotFound('Workspace', input.workspace_id)
      const seed = input.seed ?? (input.probability === undefined ? undefined : Math.floor(deps.clock.now() % 2 ** 31))
      const view: FaultView = {
        id: newKey(),
        ...(input.workspace_id !== undefined && { workspace_id: input.workspace_id }),
        ...(input.route !== undefined && { route: input.route }),
        action: input.action,
        ...(input.times !== undefined && { times: input.times, remaining: input.times }),
        ...(input.probability !== undefined && { probability: input.probability, seed }),
        injected: 0,
        created_at: toIso(deps.clock.now())
      }
      const { method, pattern } = compileRoute(input.route)
      rules.push({ view, method, pattern, random: seed === undefined ? undefined : mulberry32(seed) })
      return view
    },
    list: (): FaultView[] => rules.map((r) => r.view),
    remove (id: string): void {
      const before = rules.length
      rules = rules.filter((r) => r.view.id !== id)
      if (rules.length === before) throw new FakeNotFound('Fault', id)
    },
    clearAll (): void { rules = [] },
    /** Rules scoped to a deleted workspace go with it. */
    deleteWorkspace (workspaceId: string): void { rules = rules.filter((r) => r.view.workspace_id !== workspaceId) },

    /** The first rule that matches and fires for this request, counted against its `times`. */
    match (req: SurfaceRequest): InjectedFaultRecord | undefined {
      for (const rule of rules) {
        const v = rule.view
        if (rule.method !== undefined && rule.method !== req.method) continue
        if (rule.pattern !== undefined && !rule.pattern.test(req.path) && !(req.routeUrl !== undefined && rule.pattern.test(req.routeUrl))) continue
        if (v.workspace_id !== undefined && req.workspaceId() !== v.workspace_id) continue
        if (rule.random !== undefined && rule.random() >= (v.probability ?? 1)) continue
        v.injected++
        if (v.remaining !== undefined) {
          v.remaining--
          if (v.remaining <= 0) rules = rules.filter((r) => r !== rule)
        }
        return { id: v.id, action: v.action }
      }
      return undefined
    }
  }
}

/**
 * "POST /partners/{partner}/cohorts/users" (or without the method) → a matcher of both the
 * concrete path and Fastify's `:param` template; `{param}` matches one path segment.
 */
function compileRoute (route: string | undefined): { method: string | undefined, pattern: RegExp | undefined } {
  if (route === undefined) return { method: undefined, pattern: undefined }
  const m = /^(?:([A-Z]+)\s+)?(\/\S*)$/.exec(route.trim())
  const method = m?.[1]
  const path = m?.[2] ?? route
  const source = path.split('/').map((seg) => /^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('/')
  return { method, pattern: new RegExp(`^${source}$`) }
}

/** The Braze-shaped error a status fault answers with. */
export function faultError (action: { status: number, retry_after_s?: number | undefined }, nowMs: number, limit: number): BrazeError {
  const retryAfter = action.retry_after_s
  const headers: Record<string, string> = retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }
  if (action.status === 429) {
    const e = new RateLimited()
    const wait = retryAfter ?? 1
    const reset = Math.ceil(nowMs / 1000) + wait
    return new BrazeError(e.code, 429, e.message, {}, { ...rateLimitHeaders({ limit, remaining: 0, reset }), 'retry-after': String(wait) })
  }
  if (action.status === 423) {
    const e = new ResourceLocked()
    return new BrazeError(e.code, 423, e.message, {}, headers)
  }
  return new BrazeError(InjectedFault.code, action.status, STATUS_CODES[action.status] ?? 'Error', {}, headers)
}
