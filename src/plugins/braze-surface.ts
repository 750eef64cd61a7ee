/**
 * Cross-cutting behaviour of the Braze surface (everything but /_fake, /docs and /health),
 * generic over routes so every Braze endpoint gets it by being registered:
 * - injected faults (preValidation, before the route authenticates),
 * - rate limits and `x-ratelimit-*` headers are counted by the routes' auth hooks (routes/shared/rate-limit.ts),
 *   as soon as the credentials name the workspace, so every later answer (403, 400, 2xx) carries them,
 * - the request journal (onSend captures Braze's message, onResponse records the request).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { realSocket } from './real-socket.js'
import { faultError, type InjectedFaultRecord } from '../domain/toolkit/fault-service.js'
import { findPartner } from '../domain/shared/partners.js'
import { requestSecrets } from '../domain/shared/secrets.js'
import { POOLS, poolOf } from '../domain/toolkit/rate-limits.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** true for Braze-surface requests */
    brazeSurface: boolean
    /** the fault injected into this request, for the journal */
    fault: InjectedFaultRecord | undefined
    /** Braze's `message` of the response, for the journal */
    brazeMessage: string | null
    journaled: boolean
    /** the workspace the credentials name, when a fault hook had to look it up */
    credentialWorkspaceId: string | undefined
  }
}

export function isBrazeSurface (url: string): boolean {
  return !(url.startsWith('/_fake') || url.startsWith('/docs') || url === '/health' || url.startsWith('/health?') || url.startsWith('/favicon.'))
}

function contentLength (request: FastifyRequest): number | undefined {
  const n = Number(request.headers['content-length'])
  return Number.isFinite(n) ? n : undefined
}

function pathOf (url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

const templates = new Map<string, string>()

/** `/partners/:partner/cohorts` → `/partners/{partner}/cohorts`, as Braze and OpenAPI write routes (memoised: a handful of routes). */
function routeTemplate (request: FastifyRequest): string | null {
  const url = request.routeOptions.url
  if (url === undefined) return null
  const key = `${request.method} ${url}`
  let template = templates.get(key)
  if (template === undefined) {
    template = `${request.method} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`
    templates.set(key, template)
  }
  return template
}

export default fp(async (app) => {
  const { faults, journal, clock, credentials } = app.services
  app.decorateRequest('brazeSurface', false)
  app.decorateRequest('fault', undefined)
  app.decorateRequest('brazeMessage', null)
  app.decorateRequest('journaled', false)
  app.decorateRequest('credentialWorkspaceId', undefined)

  function record (request: FastifyRequest, status: number, durationMs: number): void {
    if (!journal.enabled || request.journaled) return
    request.journaled = true
    const ctx = request.partnerContext ?? request.restContext
    const partnerParam = (request.params as Record<string, unknown> | undefined)?.partner
    journal.record({
      method: request.method,
      path: pathOf(request.url),
      route: routeTemplate(request),
      cluster: request.cluster?.id ?? null,
      // A faulted request never reached authentication: attribute it to the workspace its credentials name.
      workspaceId: ctx?.workspaceId ?? (request.fault === undefined ? null : request.credentialWorkspaceId ?? null),
      partner: request.partnerContext?.partner.name ?? (typeof partnerParam === 'string' && findPartner(partnerParam) !== undefined ? partnerParam : null),
      status,
      message: request.brazeMessage,
      durationMs,
      fault: request.fault,
      effects: request.effects,
      body: request.body,
      bodyMeta: { contentType: request.headers['content-type'], size: contentLength(request) },
      secrets: requestSecrets(request.body, request.headers.authorization, request.url)
    })
  }

  // Callback-style hooks where the work is synchronous: an async hook costs a promise and a
  // microtask per request on every route (issue 19).
  app.addHook('onRequest', (request, _reply, done) => {
    request.brazeSurface = isBrazeSurface(request.url)
    done()
  })

  app.addHook('preValidation', (request, reply, done) => {
    if (!request.brazeSurface || !faults.hasRules()) { done(); return }
    injectFault(request, reply).then(() => { done() }, done)
  })

  async function injectFault (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const fault = faults.match({
      method: request.method,
      routeUrl: request.routeOptions.url,
      path: pathOf(request.url),
      workspaceId: () => {
        request.credentialWorkspaceId ??= credentials.workspaceId(request.body, request.headers.authorization, (request.query as Record<string, unknown> | undefined)?.api_key)
        return request.credentialWorkspaceId
      }
    })
    if (fault === undefined) return
    request.fault = fault
    const action = fault.action
    if ('latency_ms' in action) {
      await new Promise((resolve) => setTimeout(resolve, action.latency_ms))
      return
    }
    if ('drop_connection' in action) {
      // No response at all: the client sees a reset socket, the journal status 0.
      reply.hijack()
      record(request, 0, reply.elapsedTime)
      // inject() has no socket: closing its response makes it reject as a reset would.
      const socket = realSocket(request)
      if (socket !== undefined) socket.destroy()
      else reply.raw.emit('close')
      return
    }
    const limit = POOLS[poolOf(request.method, request.routeOptions.url ?? '')].limit
    throw faultError(action, clock.now(), limit)
  }

  app.addHook('onSend', (request, _reply: FastifyReply, payload, done) => {
    if (request.brazeSurface && journal.enabled && typeof payload === 'string') {
      // Braze puts `message` first (errors) or last (exports): both are found without parsing the body.
      const m = /^\{"message":("(?:[^"\\]|\\.)*")/.exec(payload) ?? /,"message":("(?:[^"\\]|\\.)*")\}$/.exec(payload)
      if (m !== null) request.brazeMessage = JSON.parse(m[1]!) as string
      else if (payload.length < 4096) {
        try {
          const parsed = JSON.parse(payload) as { message?: unknown }
          if (typeof parsed.message === 'string') request.brazeMessage = parsed.message
        } catch { /* not JSON: no message */ }
      }
    }
    done(null, payload)
  })

  app.addHook('onResponse', (request, reply, done) => {
    if (request.brazeSurface) record(request, reply.statusCode, reply.elapsedTime)
    done()
  })

  app.addHook('preClose', async () => { journal.flush() })
}, { name: 'braze-surface', dependencies: ['services'] })
