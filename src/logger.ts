/**
 * pino options. Secrets (partner_api_key, client_secret, Authorization, and keys that appear in
 * control-plane URLs) must never reach a log line: they are redacted by path, and URLs are
 * masked before they are logged.
 */
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'

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
  'body.api_key'
]

/** Control-plane paths that carry a key as a path segment. */
const KEY_SEGMENTS = /\/(data-import-keys|rest-api-keys)\/[^/?#]+/g

/** The legacy `?api_key=` query parameter of REST calls. */
const API_KEY_PARAM = /([?&]api_key=)[^&#]*/gi

export function maskUrl (url: string): string {
  return url.replace(KEY_SEGMENTS, '/$1/[REDACTED]').replace(API_KEY_PARAM, '$1[REDACTED]')
}

export function loggerOptions (config: Config, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: {
      req: (req: { method: string, url: string }) => ({ method: req.method, url: maskUrl(req.url) })
    },
    ...(stream !== undefined && { stream })
  } as FastifyServerOptions['logger']
}
