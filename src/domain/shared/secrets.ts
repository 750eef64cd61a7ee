/**
 * The one masking function family: every value that may carry a credential passes through here
 * before it is stored (the request journal) or logged. Secrets are `partner_api_key`,
 * `client_secret`, `api_key`, `Authorization` (any case, at any depth) and key values Braze's own
 * error texts echo ("Invalid API key: <key>", "Partner not enabled for client with client
 * secret: <key>"), and control-plane URLs that carry a key as a path segment.
 */
export const MASK = '[masked]'

/** Field names whose values are credentials, compared lower-cased. */
export const SECRET_FIELDS: ReadonlySet<string> = new Set(['partner_api_key', 'client_secret', 'api_key', 'authorization', 'app_group_id'])

function isSecretField (name: string): boolean {
  return SECRET_FIELDS.has(name.toLowerCase())
}

/**
 * A copy of value with every credential field masked, at any depth (objects inside arrays too).
 * Unchanged subtrees are shared, not copied, so a body without secrets costs one walk.
 */
export function maskSecrets<T> (value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    let out: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (v === null || typeof v !== 'object') continue
      const m = maskSecrets(v)
      if (m !== v) { out ??= value.slice(); out[i] = m }
    }
    return (out ?? value) as T
  }
  let out: Record<string, unknown> | undefined
  const obj = value as Record<string, unknown>
  for (const k in obj) {
    const v = obj[k]
    let m: unknown
    if (isSecretField(k)) m = v === undefined || v === null ? v : MASK
    else if (v !== null && typeof v === 'object') m = maskSecrets(v)
    else continue
    if (m !== v) { out ??= { ...obj }; out[k] = m }
  }
  return (out ?? value) as T
}

export interface BodyMeta {
  /** the request's Content-Type header */
  contentType?: string | undefined
  /** the request's Content-Length header, in bytes */
  size?: number | undefined
}

/**
 * What the journal keeps of a request body: a JSON object with its credentials masked; anything
 * else (text, a top-level array or scalar) only as its type and size, since its secrets cannot be told apart.
 * A body that was sent but never parsed (a 415 for a Content-Type that is not JSON) is kept as
 * `kind: "unparsed"` with its size; no body at all is null.
 */
export function maskRequestBody (body: unknown, meta: BodyMeta = {}): unknown {
  if (body === undefined || body === null) {
    if (meta.size === undefined || meta.size === 0) return null
    return { not_stored: 'not a JSON object', content_type: meta.contentType?.split(';')[0]?.trim() ?? null, kind: 'unparsed', size: meta.size }
  }
  if (typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return maskSecrets(body)
  const kind = Array.isArray(body) ? 'array' : Buffer.isBuffer(body) ? 'binary' : typeof body
  const size = meta.size ?? (typeof body === 'string' ? Buffer.byteLength(body) : undefined)
  return { not_stored: 'not a JSON object', content_type: meta.contentType?.split(';')[0]?.trim() ?? null, kind, ...(size !== undefined && { size }) }
}

/** Braze texts that echo a credential: the part after the colon is the key. */
const ECHOED_KEY = /((?:API key|client secret|api_key|partner_api_key|Authorization)\s*[:=]\s*)(?:Bearer\s+)?[^\s,;"]+/gi

/** A message or log text with echoed keys masked, and every one of `known` (this request's credentials) too. */
export function maskText (text: string, known: Iterable<string> = []): string {
  let out = text.replace(ECHOED_KEY, `$1${MASK}`)
  for (const k of known) if (k.length >= 4 && out.includes(k)) out = out.split(k).join(MASK)
  return out
}

/** Control-plane paths that carry a key as a path segment. */
const KEY_SEGMENTS = /\/(data-import-keys|rest-api-keys)\/[^/?#]+/g
/** Query parameters that carry a credential. */
const SECRET_QUERY = /([?&](?:partner_api_key|client_secret|api_key|authorization)=)[^&#]*/gi

/** A URL with key path segments and credential query parameters masked. */
export function maskUrl (url: string): string {
  return url.replace(KEY_SEGMENTS, `/$1/${MASK}`).replace(SECRET_QUERY, `$1${MASK}`)
}

/** The credential values a request carried (body fields at the top, Bearer token, query), for maskText. */
export function requestSecrets (body: unknown, authorization: string | undefined, url: string): string[] {
  const found: string[] = []
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (typeof v === 'string' && isSecretField(k)) found.push(v)
  }
  if (authorization !== undefined) found.push(authorization.replace(/^Bearer\s+/i, '').trim())
  const q = url.indexOf('?')
  if (q !== -1) {
    for (const [k, v] of new URLSearchParams(url.slice(q + 1))) if (isSecretField(k) && v !== '') found.push(v)
  }
  return found
}

/** How key listings show a key unless asked to reveal it: its first 4 characters, then MASK. */
export function maskKey (key: string): string {
  return `${key.slice(0, 4)}…${MASK}`
}
