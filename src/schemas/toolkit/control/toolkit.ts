/** Wire shapes of the test toolkit's control plane: journal, faults, clock, rate limits, visibility. */
import { z } from 'zod'
import { isoTime } from '../../shared/time.js'

export const JournalQuerySchema = z.object({
  workspace_id: z.string().optional(),
  partner: z.string().optional(),
  path: z.string().optional().meta({ description: 'Exact path without cluster prefix or query, e.g. /partners/hightouch/cohorts/users' }),
  method: z.string().optional(),
  status: z.coerce.number({ error: 'must be a number' }).int().min(0).max(599).optional(),
  since: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time' }).optional().meta({ description: 'Only requests at or after this time (the fake\'s clock)' }),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page, or the `id` of an entry you hold: only entries after it (before it with order=desc) are returned' }),
  order: z.enum(['asc', 'desc']).default('asc').meta({ description: 'asc (default): oldest first; desc: newest first, paging back in time (how the dashboard tails the journal)' }),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).default(100)
})

export const FaultActionSchema = z.union([
  z.object({ status: z.number().int().min(400).max(599), retry_after_s: z.number().int().min(0).max(3600).optional() }).strict(),
  z.object({ latency_ms: z.number().int().min(0).max(60_000) }).strict(),
  z.object({ drop_connection: z.literal(true) }).strict()
], { error: 'must be {status, retry_after_s?}, {latency_ms} or {drop_connection: true}' })

export const JournalEntrySchema = z.object({
  id: z.string(),
  time: z.string(),
  method: z.string(),
  path: z.string(),
  route: z.string().nullable().meta({ description: 'Route template, e.g. "POST /partners/{partner}/cohorts/users"' }),
  cluster: z.string().nullable(),
  status: z.number().int().meta({ description: 'HTTP status; 0 when an injected fault dropped the connection' }),
  workspace_id: z.string().nullable().meta({ description: 'null when authentication failed' }),
  partner: z.string().nullable(),
  message: z.string().nullable().meta({ description: 'Braze\'s `message` in the response' }),
  duration_ms: z.number(),
  fault: z.object({ id: z.string(), action: FaultActionSchema }).optional().meta({ description: 'The injected fault' }),
  effects: z.any().meta({ description: 'What the request did (identifiers matched/ignored, members added/removed, users created/updated, …)' }),
  request_body: z.any().meta({ description: 'The JSON body with partner_api_key / client_secret masked' })
}).meta({ id: 'JournalEntry' })

export const JournalPageSchema = z.object({ requests: z.array(JournalEntrySchema), next_cursor: z.string().optional() })
export const JournalClearQuerySchema = z.object({ workspace_id: z.string().optional().meta({ description: 'Absent = clear the whole journal' }) })

const route = z.string().regex(/^(?:(GET|POST|PUT|PATCH|DELETE) )?\/\S*$/, 'must look like "POST /partners/{partner}/cohorts/users"')

export const CreateFaultSchema = z.object({
  workspace_id: z.string().min(1).optional().meta({ description: 'Only requests authenticated for this workspace; absent = every workspace' }),
  route: route.optional().meta({ description: 'Method and path (template with {param} or concrete); absent = every Braze route' }),
  action: FaultActionSchema,
  times: z.number().int().min(1).optional().meta({ description: 'Inject into the next N matching requests, then stop' }),
  probability: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional().meta({ description: 'Seed of the PRNG deciding `probability`, for reproducible runs' })
}).strict().meta({
  id: 'CreateFault',
  examples: [{ route: 'POST /partners/{partner}/cohorts/users', action: { status: 429, retry_after_s: 1 }, times: 1 }]
})

export const FaultSchema = z.object({
  id: z.string(),
  workspace_id: z.string().optional(),
  route: z.string().optional(),
  action: z.record(z.string(), z.unknown()),
  times: z.number().int().optional(),
  remaining: z.number().int().optional(),
  probability: z.number().optional(),
  seed: z.number().int().optional(),
  injected: z.number().int(),
  created_at: z.string()
}).meta({ id: 'Fault' })

export const FaultListSchema = z.object({ faults: z.array(FaultSchema) })
export const FaultParamsSchema = z.object({ id: z.string() })

export const ClockSchema = z.object({ now: z.string(), frozen: z.boolean() }).meta({ id: 'Clock' })
export const ClockCommandSchema = z.object({
  freeze: z.boolean().optional(),
  set: isoTime().optional(),
  advance_ms: z.number().int().optional()
}).strict().meta({ id: 'ClockCommand', examples: [{ freeze: true, set: '2026-01-01T00:00:00Z' }, { advance_ms: 60000 }] })

export const RateLimitSettingsSchema = z.object({
  enabled: z.boolean(),
  pools: z.record(z.string(), z.object({ limit: z.number().int(), window_s: z.number().int() }))
}).meta({ id: 'RateLimitSettings' })

export const PutRateLimitsSchema = z.object({
  enabled: z.boolean().optional(),
  overrides: z.record(z.string(), z.object({ limit: z.number().int().min(0), window_s: z.number().int().min(1).optional() }).strict()).optional()
    .meta({ description: 'Keyed by "METHOD /path" (e.g. "POST /users/track") or pool name (default, partners, identity, …)' })
}).strict().meta({ id: 'PutRateLimits', examples: [{ enabled: true, overrides: { 'POST /users/track': { limit: 2, window_s: 60 } } }] })

export const VisibilitySchema = z.object({ delay_ms: z.number().int().min(0) }).strict().meta({ id: 'Visibility' })
