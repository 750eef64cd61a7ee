/**
 * The only reader of process.env. Settings are parsed once with zod into a frozen value
 * that is passed to buildApp(config); CLI flags are merged over the environment by the caller.
 */
import { z } from 'zod'
import { CLUSTER_IDS } from './domain/shared/clusters.js'
import { PARTNER_NAMES, defaultPartnerApiKey } from './domain/shared/partners.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export type Env = Record<string, string | undefined>

const partnerKeyVars = PARTNER_NAMES.flatMap((p) => (['us', 'eu'] as const).map((region) => ({
  partner: p,
  region,
  variable: `FAKE_BRAZE_PARTNER_KEY_${p.toUpperCase()}_${region.toUpperCase()}`
})))

/** Every environment variable the fake reads, with its default and meaning (README and --help use this). */
export const CONFIG_VARIABLES = [
  { variable: 'FAKE_BRAZE_HOST', flag: '--host', default: '127.0.0.1', meaning: 'Interface to listen on.' },
  { variable: 'FAKE_BRAZE_PORT', flag: '--port', default: '4000', meaning: 'TCP port; 0 picks a free one.' },
  { variable: 'FAKE_BRAZE_DB', flag: '--db', default: './data/fake-braze.db', meaning: 'SQLite file (created on first run, WAL mode) or :memory:.' },
  { variable: 'FAKE_BRAZE_CLUSTER', flag: '--cluster', default: 'iad-01', meaning: `Cluster served when neither Host nor path prefix names one (${CLUSTER_IDS.join(', ')}).` },
  { variable: 'FAKE_BRAZE_LOG_LEVEL', flag: '--log-level', default: 'info', meaning: `pino level (${LOG_LEVELS.join(', ')}).` },
  { variable: 'FAKE_BRAZE_BODY_LIMIT', flag: '--body-limit', default: '1048576', meaning: 'Largest request body in bytes; larger ones get 413.' },
  { variable: 'FAKE_BRAZE_COMMIT_MODE', flag: '--commit-mode', default: 'grouped', meaning: 'grouped: concurrent requests share one SQLite commit, each in its own savepoint, and each answer waits for that commit; per-request: one commit per request. Both: a 2xx is committed, so kill -9 loses nothing acknowledged; a full disk answers 503 "storage full".' },
  { variable: 'FAKE_BRAZE_SYNC', flag: '--sync', default: 'off', meaning: 'SQLite synchronous setting for a file database, for OS crashes and power cuts only: off never fsyncs (an OS crash may lose recent commits or corrupt the file), normal fsyncs at checkpoints (an OS crash may lose recent commits, never corrupts), full at every commit (an OS crash loses nothing acknowledged).' },
  { variable: 'FAKE_BRAZE_PUBLIC_URL', flag: '--public-url', default: '', meaning: 'Base URL used in rest_endpoint values; defaults to the URL the control-plane request came in on.' },
  { variable: 'FAKE_BRAZE_JOURNAL_CAP', flag: '--journal-cap', default: '10000', meaning: 'Most requests the journal keeps; the oldest are evicted (0 turns the journal off).' },
  { variable: 'FAKE_BRAZE_RATE_LIMITS', flag: '--rate-limits', default: 'false', meaning: 'true enforces Braze\'s per-endpoint rate limits (429) in every workspace; per workspace via PUT /_fake/workspaces/{id}/rate-limits.' },
  { variable: 'FAKE_BRAZE_LEGACY_API_KEY', flag: '--legacy-api-key', default: 'true', meaning: 'true accepts the legacy api_key parameter (JSON body or query string) on REST endpoints when no Authorization header is sent; per workspace via PATCH /_fake/workspaces/{id}.' },
  { variable: 'FAKE_BRAZE_VISIBILITY_DELAY_MS', flag: '--visibility-delay-ms', default: '0', meaning: 'Milliseconds before a write becomes visible to export endpoints (eventual consistency).' },
  { variable: 'FAKE_BRAZE_CONTROL_TOKEN', flag: '--control-token', default: '', meaning: 'When set, /_fake and /docs require Authorization: Bearer <token> (export downloads under /_fake/exports stay open, like pre-signed URLs). Required to listen beyond loopback.' },
  { variable: 'FAKE_BRAZE_INSECURE_CONTROL_PLANE', flag: '--insecure-control-plane', default: 'false', meaning: 'true lets the server listen beyond loopback without a control token (the control plane is then open to anyone who reaches it).' },
  { variable: 'FAKE_BRAZE_CALLBACK_ALLOW', flag: '--callback-allow', default: '', meaning: 'Comma-separated hosts (or host:port) that callback_endpoint may name besides loopback; * allows any.' },
  { variable: 'FAKE_BRAZE_DASHBOARD', flag: '--dashboard', default: 'true', meaning: 'Serve the dashboard at /dashboard (`--no-dashboard` turns it off; startFakeBraze() leaves it off unless asked).' },
  { variable: 'FAKE_BRAZE_SEED', flag: '--seed', default: '', meaning: 'Seed file (JSON, openapi/seed.schema.json) loaded at start by `serve`.' },
  { variable: 'FAKE_BRAZE_READY_FILE', flag: '--ready-file', default: '', meaning: '`serve` writes its URL to this file once it is ready (and removes it on exit); `wait --ready-file` reads it.' },
  { variable: 'FAKE_BRAZE_PARTNER_KEY_<PARTNER>_<US|EU>', flag: '', default: 'fake-<partner>-<us|eu>-partner-api-key', meaning: 'Partner API key of a built-in partner for US (and AU) or EU clusters.' }
] as const

const port = z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535)

const ConfigSchema = z.object({
  FAKE_BRAZE_HOST: z.string().min(1).default('127.0.0.1'),
  FAKE_BRAZE_PORT: port.default(4000),
  FAKE_BRAZE_DB: z.string().min(1).default('./data/fake-braze.db'),
  FAKE_BRAZE_CLUSTER: z.enum(CLUSTER_IDS as [string, ...string[]]).default('iad-01'),
  FAKE_BRAZE_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  FAKE_BRAZE_BODY_LIMIT: z.coerce.number().int().min(1024).default(1024 * 1024),
  FAKE_BRAZE_COMMIT_MODE: z.enum(['grouped', 'per-request']).default('grouped'),
  FAKE_BRAZE_SYNC: z.enum(['off', 'normal', 'full']).default('off'),
  FAKE_BRAZE_PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  FAKE_BRAZE_JOURNAL_CAP: z.coerce.number({ error: 'must be a number' }).int().min(0).default(10000),
  FAKE_BRAZE_RATE_LIMITS: z.enum(['true', 'false', '1', '0', 'on', 'off']).default('false').transform((v) => ['true', '1', 'on'].includes(v)),
  FAKE_BRAZE_LEGACY_API_KEY: z.enum(['true', 'false', '1', '0', 'on', 'off']).default('true').transform((v) => ['true', '1', 'on'].includes(v)),
  FAKE_BRAZE_VISIBILITY_DELAY_MS: z.coerce.number({ error: 'must be a number' }).int().min(0).default(0),
  FAKE_BRAZE_CONTROL_TOKEN: z.string().optional().transform((v) => (v === '' ? undefined : v)).pipe(z.string().min(16, { error: 'must be at least 16 characters' }).optional()),
  FAKE_BRAZE_INSECURE_CONTROL_PLANE: z.enum(['true', 'false', '1', '0', 'on', 'off']).default('false').transform((v) => ['true', '1', 'on'].includes(v)),
  FAKE_BRAZE_CALLBACK_ALLOW: z.string().default('').transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== '')),
  FAKE_BRAZE_DASHBOARD: z.enum(['true', 'false', '1', '0', 'on', 'off']).default('true').transform((v) => ['true', '1', 'on'].includes(v)),
  FAKE_BRAZE_SEED: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  FAKE_BRAZE_READY_FILE: z.string().optional().transform((v) => (v === '' ? undefined : v)),
  ...Object.fromEntries(partnerKeyVars.map((v) => [v.variable, z.string().min(1).optional()]))
})

export interface Config {
  readonly host: string
  readonly port: number
  readonly dbPath: string
  readonly defaultCluster: string
  readonly logLevel: typeof LOG_LEVELS[number]
  readonly bodyLimit: number
  readonly publicUrl: string | undefined
  readonly commitMode: 'grouped' | 'per-request'
  /** SQLite `synchronous` for file databases (see openDatabase) */
  readonly sync: 'off' | 'normal' | 'full'
  /** requests the journal keeps (oldest evicted); 0 = no journal */
  readonly journalCap: number
  /** Braze's rate limits enforced in every workspace unless a workspace says otherwise */
  readonly rateLimits: boolean
  readonly visibilityDelayMs: number
  /** the legacy `api_key` body/query parameter is accepted unless a workspace says otherwise (braze-reference-messaging §1.4) */
  readonly legacyApiKey: boolean
  /** when set, the control plane requires `Authorization: Bearer <controlToken>` */
  readonly controlToken: string | undefined
  /** listen beyond loopback without a control token */
  readonly insecureControlPlane: boolean
  /** hosts callback_endpoint may name besides loopback (`*` = any) */
  readonly callbackAllow: readonly string[]
  /** serve the dashboard at /dashboard */
  readonly dashboard: boolean
  /** seed file `serve` loads at start */
  readonly seedFile: string | undefined
  /** file `serve` writes its URL to once ready */
  readonly readyFile: string | undefined
  /** partner name → { us, eu } partner API keys */
  readonly partnerApiKeys: Readonly<Record<string, { readonly us: string, readonly eu: string }>>
}

export class ConfigError extends Error {}

/** Parses settings from env (default process.env), with `overrides` (CLI flags) taking precedence. */
export function loadConfig (env: Env = process.env, overrides: Env = {}): Config {
  const merged: Env = { ...env }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v
  const parsed = ConfigSchema.safeParse(merged)
  if (!parsed.success) {
    const first = parsed.error.issues[0]!
    throw new ConfigError(`Invalid configuration: ${first.path.join('.')} ${first.message}`)
  }
  const e = parsed.data as Record<string, unknown> & z.infer<typeof ConfigSchema>
  const partnerApiKeys: Record<string, { us: string, eu: string }> = {}
  for (const p of PARTNER_NAMES) {
    const pick = (region: 'us' | 'eu'): string =>
      (e[`FAKE_BRAZE_PARTNER_KEY_${p.toUpperCase()}_${region.toUpperCase()}`] as string | undefined) ?? defaultPartnerApiKey(p, region)
    partnerApiKeys[p] = Object.freeze({ us: pick('us'), eu: pick('eu') })
  }
  return Object.freeze({
    host: e.FAKE_BRAZE_HOST,
    port: e.FAKE_BRAZE_PORT,
    dbPath: e.FAKE_BRAZE_DB,
    defaultCluster: e.FAKE_BRAZE_CLUSTER,
    logLevel: e.FAKE_BRAZE_LOG_LEVEL,
    bodyLimit: e.FAKE_BRAZE_BODY_LIMIT,
    publicUrl: e.FAKE_BRAZE_PUBLIC_URL,
    commitMode: e.FAKE_BRAZE_COMMIT_MODE,
    sync: e.FAKE_BRAZE_SYNC,
    journalCap: e.FAKE_BRAZE_JOURNAL_CAP,
    rateLimits: e.FAKE_BRAZE_RATE_LIMITS,
    visibilityDelayMs: e.FAKE_BRAZE_VISIBILITY_DELAY_MS,
    legacyApiKey: e.FAKE_BRAZE_LEGACY_API_KEY,
    controlToken: e.FAKE_BRAZE_CONTROL_TOKEN,
    insecureControlPlane: e.FAKE_BRAZE_INSECURE_CONTROL_PLANE,
    callbackAllow: Object.freeze([...e.FAKE_BRAZE_CALLBACK_ALLOW]),
    dashboard: e.FAKE_BRAZE_DASHBOARD,
    seedFile: e.FAKE_BRAZE_SEED,
    readyFile: e.FAKE_BRAZE_READY_FILE,
    partnerApiKeys: Object.freeze(partnerApiKeys)
  })
}

/** Config for tests and embedding: in-memory database, silent logs, free port. */
export function testConfig (overrides: Env = {}): Config {
  return loadConfig({}, { FAKE_BRAZE_DB: ':memory:', FAKE_BRAZE_LOG_LEVEL: 'silent', FAKE_BRAZE_PORT: '0', ...overrides })
}
