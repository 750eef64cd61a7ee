/**
 * pino options. Secrets (partner_api_key, client_secret, Authorization, and keys that appear in
 * control-plane URLs) must never reach a log line: they are redacted by path, and URLs are
 * masked before they are logged.
 */
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'
import { MASK, maskUrl } from './domain/shared/secrets.js'

export { maskUrl }

export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'partner_api_key',
  'client_secret',
  '*.partner_api_key',
  '*.client_secret',
  'body.partner_api_key',
  'body.client_secret',
  'api_key',
  '*.api_key',
  'req.headers.cookie'
]

export function loggerOptions (config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: MASK },
    serializers: {
      req: (req: { method: string, url: string }) => ({ method: req.method, url: maskUrl(req.url) })
    },
    ...(stream !== undefined && { stream })
  } as FastifyServerOptions['logger']
}
