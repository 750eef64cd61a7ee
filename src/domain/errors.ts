/**
 * The error catalogue, in the shape of fastify's lib/errors.js: a stable code, an HTTP status
 * and the message Braze sends (printf-style `%s` slots). Domain code throws these; the one
 * handler in plugins/error-handler.ts turns them into Braze's envelope `{"message": …}`.
 * Texts marked [D] are verbatim from braze-docs; [I] texts are ours where Braze documents none.
 */
export class BrazeError extends Error {
  constructor (
    readonly code: string,
    readonly statusCode: number,
    message: string,
    /** extra top-level fields of the Braze body, e.g. `errors` */
    readonly body: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'BrazeError'
  }
}

export interface BrazeErrorClass {
  new (...args: Array<string | number>): BrazeError
  readonly code: string
  readonly statusCode: number
}

function defineError (code: string, statusCode: number, template: string): BrazeErrorClass {
  return class extends BrazeError {
    static readonly code = code
    static readonly statusCode = statusCode
    constructor (...args: Array<string | number>) {
      let i = 0
      super(code, statusCode, template.replace(/%s/g, () => String(args[i++] ?? '')))
    }
  }
}

// --- generic HTTP (every surface) -----------------------------------------------------------
/** [D] _docs/_api/errors.md: "404 Invalid URL" */
export const NotFoundUrl = defineError('BRAZE_INVALID_URL', 404, 'Invalid URL')
/** [I] a Host or path prefix that names no Braze cluster */
export const UnknownCluster = defineError('FAKE_UNKNOWN_CLUSTER', 404, 'Invalid URL: %s is not a Braze REST host known to fake-braze')
/** [I] Braze documents no text for unparsable bodies */
export const InvalidJson = defineError('BRAZE_INVALID_JSON', 400, 'Invalid JSON in request body: %s')
export const EmptyBody = defineError('BRAZE_EMPTY_BODY', 400, 'Request body is empty; a JSON object is required')
export const BodyNotObject = defineError('BRAZE_BODY_NOT_OBJECT', 400, 'Request body must be a JSON object')
export const UnsupportedMediaType = defineError('BRAZE_UNSUPPORTED_MEDIA_TYPE', 415, 'Content-Type must be application/json, got %s')
export const BodyTooLarge = defineError('BRAZE_BODY_TOO_LARGE', 413, 'Request body is larger than %s bytes')
export const BadRequest = defineError('BRAZE_BAD_REQUEST', 400, '%s')
export const Internal = defineError('FAKE_INTERNAL', 500, 'Internal Server Error')

// --- partner cohort import: _docs/_partners/isv_partners/cohort_import.md [D] ----------------
export const InvalidPartnerApiKey = defineError('BRAZE_INVALID_PARTNER_API_KEY', 401, 'Invalid Partner API key')
export const InvalidClientSecret = defineError('BRAZE_INVALID_CLIENT_SECRET', 401, 'Invalid client secret')
export const PartnerNotEnabled = defineError('BRAZE_PARTNER_NOT_ENABLED', 401, 'Partner not enabled for client with client secret: %s')
export const UnauthorizedAccess = defineError('BRAZE_UNAUTHORIZED_ACCESS', 401, 'Unauthorized access')
export const ResourceLocked = defineError('BRAZE_RESOURCE_LOCKED', 423, 'Resource locked')
export const TooManyCohortIdentifiers = defineError('BRAZE_COHORT_TOO_MANY_IDS', 400, 'Only 1,000 user_ids, device_ids, and aliases are allowed per request')

export const COHORT_MESSAGES = {
  cohortId: 'cohort_id must be a valid string',
  cohortChanges: 'cohort_changes must be an array of objects each with key user_ids and/or device_ids mapping to an array of strings, or an aliases object',
  name: 'name must be a non-empty string',
  createdAt: 'created_at must be a valid time as an ISO-8601 string'
} as const

// --- REST API authentication: _docs/_api/errors.md [D]; texts from RudderStack fixtures [C] ----
/** "Invalid API key: <key>": Braze echoes the key it was given (empty when none was). */
export const InvalidApiKey = defineError('BRAZE_INVALID_API_KEY', 401, 'Invalid API key: %s')
export const AccessDenied = defineError('BRAZE_ACCESS_DENIED', 403, 'Access Denied')

// --- control plane (/_fake) [I] ---------------------------------------------------------------
export const FakeNotFound = defineError('FAKE_NOT_FOUND', 404, '%s %s not found')
export const FakeConflict = defineError('FAKE_CONFLICT', 409, '%s')
export const FakeBadRequest = defineError('FAKE_BAD_REQUEST', 400, '%s')

// --- toolkit: rate limits and injected faults (braze-reference §1.5–1.6) [I] -----------------
/** [I] Braze documents the 429 status and headers (_docs/_api/api_limits.md) but no body text. */
export const RateLimited = defineError('BRAZE_RATE_LIMITED', 429, 'API rate limit exceeded')
/** [I] bodies of injected 5xx: Braze's 5xx bodies are undocumented; the HTTP reason phrase. */
export const InjectedFault = defineError('FAKE_INJECTED_FAULT', 500, '%s')
