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
export const BODY_NOT_OBJECT = 'Request body must be a JSON object'
export const BodyNotObject = defineError('BRAZE_BODY_NOT_OBJECT', 400, BODY_NOT_OBJECT)
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
export const DashboardNotBuilt = defineError('FAKE_DASHBOARD_NOT_BUILT', 503, 'The dashboard is not built: run `npm run build` (it writes dist/dashboard/)')

// --- REST user data: export and identity endpoints --------------------------------------------
/** [D] _docs/_api/errors.md: "400 The max number of external_ids and aliases per request was exceeded" (> 50) */
export const TooManyExternalIdsAndAliases = defineError('BRAZE_TOO_MANY_EXTERNAL_IDS_AND_ALIASES', 400, 'The max number of external_ids and aliases per request was exceeded')
/** [D] _docs/_api/errors.md: "400 The max number of ids per request was exceeded" (> 50); used by /users/delete [I] */
export const TooManyIds = defineError('BRAZE_TOO_MANY_IDS', 400, 'The max number of ids per request was exceeded')
/** [I] Braze documents the rule ("only one of either identifier"), not its text */
export const ExportSingleIdentifierOnly = defineError('BRAZE_EXPORT_SINGLE_IDENTIFIER', 400, 'Only one of device_id, email_address or phone may be included in a single request')
/** [I] */
export const ExportNoIdentifier = defineError('BRAZE_EXPORT_NO_IDENTIFIER', 400, 'One of external_ids, user_aliases, device_id, braze_id, email_address or phone is required')
/** [I] */
export const UnknownExportFields = defineError('BRAZE_EXPORT_UNKNOWN_FIELDS', 400, 'fields_to_export contains invalid field(s): %s')
/** [I] _docs/_api/endpoints/user_data/post_user_identify.md: "One of the following is required per request" */
export const IdentifyNothing = defineError('BRAZE_IDENTIFY_NOTHING', 400, "One of 'aliases_to_identify', 'emails_to_identify' or 'phone_numbers_to_identify' is required")
/** [I] _docs/_api/endpoints/user_data/post_user_delete.md: "Only one of … can be included in a single request" */
export const DeleteOneKind = defineError('BRAZE_DELETE_ONE_KIND', 400, "Exactly one of 'external_ids', 'user_aliases', 'braze_ids', 'email_addresses' or 'phone_numbers' must be included in a single request")

/** [D] _docs/_api/endpoints/user_data/post_users_merge.md, "Troubleshooting" (verbatim) */
export const MERGE_MESSAGES = {
  notArray: "'merge_updates' must be an array of objects",
  tooMany: 'a single request may not contain more than 50 merge updates',
  identifiers: "identifiers must be objects with an 'external_id' property that is a string, 'user_alias' property that is an object, 'email' property that is a string, or 'phone' property that is a string",
  onlyTwoKeys: "'merge_updates' must only have 'identifier_to_merge' and 'identifier_to_keep'"
} as const
export const TooManyMergeUpdates = defineError('BRAZE_MERGE_TOO_MANY', 400, MERGE_MESSAGES.tooMany)

/** Per-item prioritization texts; the first is [C] Segment's identifyUser2 test, the others [I] in its style. */
export const PRIORITIZATION_MESSAGES = {
  mostAndLeast: "Request can not contain both of 'most_recently_updated' and 'least_recently_updated' values in the 'prioritization' array",
  identifiedAndUnidentified: "Request can not contain both of 'identified' and 'unidentified' values in the 'prioritization' array",
  missing: "'prioritization' is required and must be a non-empty array when identifying users by email or phone",
  unknown: "'prioritization' values must be 'identified', 'unidentified', 'most_recently_updated' or 'least_recently_updated'"
} as const

// --- segments: _docs/_api/endpoints/export/segments/*.md, post_users_segment.md ----------------
/** [I] Braze documents no text; modelled on the documented "400 Invalid Campaign ID" (errors.md). */
export const InvalidSegmentId = defineError('BRAZE_INVALID_SEGMENT_ID', 400, 'Invalid Segment ID')
/** [I] a filter tree the control plane refuses, naming the node: `filter.and[1].value: …` */
export const InvalidSegmentFilter = defineError('FAKE_INVALID_SEGMENT_FILTER', 400, 'Invalid segment filter at %s')
/**
 * [D] post_users_segment.md: "Attempting to export a segment a second time while the first export
 * job is still running will result in a 429 error." The text is ours [I].
 */
export const SegmentExportRunning = defineError('BRAZE_SEGMENT_EXPORT_RUNNING', 429, 'An export of segment %s is already running; only one export per segment may run at a time')
/** [I] post_users_segment.md: gzip output "is only available if you're using your own S3 bucket"; fake-braze has none. */
export const GzipNeedsBucket = defineError('BRAZE_EXPORT_GZIP_UNAVAILABLE', 400, 'output_format gzip is only available when exporting to your own S3 bucket; use zip')
/** [D] post_users_segment.md: "Up to 500 custom attributes can be exported"; text [I]. */
export const TooManyCustomAttributes = defineError('BRAZE_EXPORT_TOO_MANY_ATTRIBUTES', 400, 'custom_attributes_to_export may name at most 500 custom attributes')
export const InvalidEndingAt = defineError('BRAZE_INVALID_ENDING_AT', 400, 'ending_at must be an ISO-8601 date-time')

/** [I] texts of the segment endpoints' parameter checks (Braze documents none); the doc's own rule is quoted where one exists. */
export const SEGMENT_MESSAGES = {
  segmentId: 'segment_id is required and must be a non-empty string',
  page: 'page must be a non-negative integer (0 is the first page)',
  sortDirection: 'sort_direction must be "asc" or "desc"',
  /** get_segment_analytics.md: "Must be between 1 and 100 (inclusive)." */
  length: 'length is required and must be an integer between 1 and 100 (inclusive)',
  /** post_users_segment.md: "new accounts must specify specific fields to export" */
  fieldsToExport: 'fields_to_export is required: an array of the user fields to export',
  customAttributesToExport: 'custom_attributes_to_export must be an array of custom attribute names',
  callbackEndpoint: 'callback_endpoint must be a URL',
  outputFormat: 'output_format must be "zip" or "gzip"'
} as const

// --- /users/track: _docs/_api/endpoints/user_data/post_user_track.md ---------------------------
/** [D] _docs/_api/errors.md: "400 Max Input Length Exceeded" — more than 75 objects in one array */
export const MaxInputLengthExceeded = defineError('BRAZE_MAX_INPUT_LENGTH_EXCEEDED', 400, 'Max Input Length Exceeded')

/**
 * The fatal /users/track answer when no object is valid: the message with every object's error.
 * [C] text observed in RudderStack's and Segment's Braze fixtures; [D] the fatal envelope shape.
 */
export class NoValidTrackData extends BrazeError {
  static readonly code = 'BRAZE_TRACK_NO_VALID_DATA'
  constructor (errors: ReadonlyArray<{ type: string, input_array: string, index: number }>) {
    super(NoValidTrackData.code, 400, 'Valid data must be provided in the \'attributes\', \'events\', or \'purchases\' fields.', { errors })
  }
}

/** `type` texts of /users/track's per-object errors `{type, input_array, index}`. */
export const TRACK_ERROR_TYPES = {
  /** [C] RudderStack fixtures, "Verbatim Braze error types" */
  identifierRequired: '\'external_id\', \'braze_id\', \'user_alias\', \'email\' or \'phone\' is required',
  /** [C] RudderStack network fixtures */
  invalidEmail: 'The value provided for the \'email\' field is not a valid email.',
  /** [C] RudderStack fixtures; the 1..100 limit is [D] purchase_object.md */
  invalidQuantity: '\'quantity\' is not valid',
  /** [D] ecommerce_events.md */
  invalidCurrency: '\'currency\' must be an ISO 4217 currency',
  /** [I] modelled on the texts above; Braze documents none for these */
  notAnObject: 'Each object in the array must be a JSON object',
  invalidExternalId: '\'external_id\' is not valid',
  invalidBrazeId: '\'braze_id\' is not valid',
  invalidUserAlias: '\'user_alias\' must be an object with \'alias_name\' and \'alias_label\' strings',
  invalidPhone: 'The value provided for the \'phone\' field is not a valid phone number.',
  invalidName: '\'name\' is not valid',
  invalidTime: '\'time\' is not valid',
  invalidProperties: '\'properties\' must be an object',
  reservedProperty: '\'properties\' may not use the reserved keys \'time\' or \'event_name\'',
  invalidPropertyKey: '\'properties\' keys must be non-empty, at most 255 characters and not start with \'$\'',
  invalidProductId: '\'product_id\' is not valid',
  invalidPrice: '\'price\' is not valid'
} as const

// --- toolkit: rate limits and injected faults (braze-reference §1.5–1.6) [I] -----------------
/** [I] Braze documents the 429 status and headers (_docs/_api/api_limits.md) but no body text. */
export const RateLimited = defineError('BRAZE_RATE_LIMITED', 429, 'API rate limit exceeded')
/** [I] bodies of injected 5xx: Braze's 5xx bodies are undocumented; the HTTP reason phrase. */
export const InjectedFault = defineError('FAKE_INJECTED_FAULT', 500, '%s')
