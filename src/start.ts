/**
 * startFakeBraze(): the programmatic entry for test suites. In-memory database, a free port on
 * 127.0.0.1, silent logs, and a typed control-plane client; the environment is not read, so
 * what a test passes is all that applies.
 */
import type { FastifyInstance } from 'fastify'
import { createControlClient, type ControlClient } from './client/control-client.js'
import type { SeedFile } from './client/types.js'
import { loadConfig, type Env } from './config.js'
import { loadSeed } from './seed-loader.js'
import { startServer } from './server.js'

export interface StartFakeBrazeOptions {
  /** SQLite file; default ':memory:' */
  db?: string
  /** default 0 (a free port) */
  port?: number
  /** default 127.0.0.1 */
  host?: string
  /** cluster served when the request names none; default iad-01 */
  cluster?: string
  /** pino level; default 'silent' */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** requests the journal keeps; default 10,000 */
  journalCap?: number
  /** enforce Braze's rate limits in every workspace; default false */
  rateLimits?: boolean
  /** delay before writes are visible to exports; default 0 */
  visibilityDelayMs?: number
  /** a seed file path or its parsed content, loaded before the promise resolves */
  seed?: string | SeedFile
  /** serve Swagger UI at /docs; default false (tests rarely need it and it costs ~6 ms per start) */
  docs?: boolean
  /** serve the dashboard at /dashboard; default false, so test start-up time does not change */
  dashboard?: boolean
  /** any other FAKE_BRAZE_* setting (see `fake-braze --help`) */
  env?: Env
}

export interface FakeBraze {
  /** e.g. http://127.0.0.1:53124 */
  readonly url: string
  readonly control: ControlClient
  /** the Fastify instance, for `inject` */
  readonly app: FastifyInstance
  close: () => Promise<void>
}

export async function startFakeBraze (options: StartFakeBrazeOptions = {}): Promise<FakeBraze> {
  const str = (v: string | number | boolean | undefined): string | undefined => (v === undefined ? undefined : String(v))
  const config = loadConfig({}, {
    FAKE_BRAZE_DB: options.db ?? ':memory:',
    FAKE_BRAZE_PORT: str(options.port ?? 0),
    FAKE_BRAZE_HOST: options.host ?? '127.0.0.1',
    FAKE_BRAZE_LOG_LEVEL: options.logLevel ?? 'silent',
    FAKE_BRAZE_CLUSTER: options.cluster,
    FAKE_BRAZE_JOURNAL_CAP: str(options.journalCap),
    FAKE_BRAZE_RATE_LIMITS: str(options.rateLimits),
    FAKE_BRAZE_VISIBILITY_DELAY_MS: str(options.visibilityDelayMs),
    FAKE_BRAZE_DASHBOARD: str(options.dashboard ?? false),
    ...options.env
  })
  const server = await startServer(config, { docs: options.docs ?? false })
  try {
    if (options.seed !== undefined) await loadSeed(server.app, options.seed)
  } catch (err) {
    await server.close()
    throw err
  }
  return { url: server.url, app: server.app, control: createControlClient(server.url, { token: config.controlToken }), close: server.close }
}
