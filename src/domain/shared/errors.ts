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
/** [D] _docs/_api/errors.md (current): malformed JSON on the Braze surface */
export const BodyParseError = defineError('BRAZE_BODY_PARSE_ERROR', 400, 'Error while parsing request body. Please check your syntax.')
/** [D] _docs/_api/errors.md (current): "415 Unsupported Media Type" for a missing or wrong Content-Type */
export const BrazeUnsupportedMediaType = defineError('BRAZE_UNSUPPORTED_MEDIA_TYPE_415', 415, 'Unsupported Media Type')
export const BodyTooLarge = defineError('BRAZE_BODY_TOO_LARGE', 413, 'Request body is larger than %s bytes')
export const BadRequest = defineError('BRAZE_BAD_REQUEST', 400, '%s')
export const Internal = defineError('FAKE_INTERNAL', 500, 'Internal Server Error')

// --- storage faults [I]: the change was not stored; reads keep working; retrying later succeeds --
export const StorageFull = defineError('FAKE_STORAGE_FULL', 503, 'storage full: the change was not stored')
export const StorageReadOnly = defineError('FAKE_STORAGE_READ_ONLY', 503, 'storage read-only: the change was not stored')
export const StorageIoError = defineError('FAKE_STORAGE_IO_ERROR', 503, 'storage I/O error: the change was not stored')
export const StorageFailed = defineError('FAKE_STORAGE_FAILED', 503, 'storage failed: the change was not stored')

/** The catalogue error for a failed SQLite write or commit (by SQLite's result code), or undefined when it is no storage fault. */
export function storageError (code: unknown): BrazeError | undefined {
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined
  if (code === 'SQLITE_FULL') return new StorageFull()
  if (code.startsWith('SQLITE_READONLY')) return new StorageReadOnly()
  if (code.startsWith('SQLITE_IOERR')) return new StorageIoError()
  if (code.startsWith('SQLITE_ABORT') || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StorageFailed()
  return undefined
}

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
export const ControlTokenRequired = defineError('FAKE_CONTROL_TOKEN_REQUIRED', 401, 'The control plane requires Authorization: Bearer <control token> (--control-token)')
/** [I] Braze calls any URL; the fake calls loopback only unless --callback-allow names the host (issue 13). */
export const CallbackNotAllowed = defineError('FAKE_CALLBACK_NOT_ALLOWED', 400, 'callback_endpoint %s is not allowed: fake-braze calls back to loopback only, unless --callback-allow (FAKE_BRAZE_CALLBACK_ALLOW) names the host')
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
/** [I] text; [D] rule: post_users_identifier.md, fields_to_export "required" for companies onboarded on or after 2024-08-22 */
export const FieldsToExportRequired = defineError('BRAZE_EXPORT_FIELDS_REQUIRED', 400, 'fields_to_export is required: an array of the user fields to export')
/** [I] */
export const UnknownExportFields = defineError('BRAZE_EXPORT_UNKNOWN_FIELDS', 400, 'fields_to_export contains invalid field(s): %s')
/** [I] _docs/_api/endpoints/user_data/post_user_identify.md: "One of the following is required per request" */
export const IdentifyNothing = defineError('BRAZE_IDENTIFY_NOTHING', 400, "One of 'aliases_to_identify', 'emails_to_identify' or 'phone_numbers_to_identify' is required")
/** [I] _docs/_api/endpoints/user_data/post_user_delete.md: "Only one of … can be included in a single request" */
export const DeleteOneKind = defineError('BRAZE_DELETE_ONE_KIND', 400, "Exactly one of 'external_ids', 'user_aliases', 'braze_ids', 'email_addresses' or 'phone_numbers' must be included in a single request")

/** [I] texts of /users/external_ids/rename and /remove; the rules are [D] post_external_ids_rename.md / _remove.md */
export const EXTERNAL_ID_MESSAGES = {
  renamesShape: "'external_id_renames' must be a non-empty array of objects with string 'current_external_id' and 'new_external_id'",
  removeShape: "'external_ids' must be a non-empty array of strings",
  notPrimary: "'current_external_id' is not the primary external_id of any user",
  newInUse: "'new_external_id' is already in use as a primary or deprecated external_id",
  same: "'current_external_id' and 'new_external_id' must be different",
  notDeprecated: "'external_id' is not a deprecated external_id; only deprecated ids can be removed"
} as const

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
  invalidPrice: '\'price\' is not valid',
  /** [I] texts for the conditions post_user_track.md names BAD_EMAIL_SUBSCRIPTION_STATE, BAD_PUSH_SUBSCRIPTION_STATE, BAD_SUBSCRIPTION_GROUP_* */
  badEmailSubscriptionState: '\'email_subscribe\' must be \'opted_in\', \'subscribed\' or \'unsubscribed\'',
  badPushSubscriptionState: '\'push_subscribe\' must be \'opted_in\', \'subscribed\' or \'unsubscribed\'',
  badSubscriptionGroupArray: '\'subscription_groups\' must be an array',
  badSubscriptionGroupHash: '\'subscription_groups\' items must be objects with \'subscription_group_id\' and \'subscription_state\'',
  badSubscriptionGroupId: '\'subscription_group_id\' is not a valid subscription group',
  badSubscriptionGroupState: '\'subscription_state\' must be \'subscribed\' or \'unsubscribed\''
} as const

// --- toolkit: rate limits and injected faults (braze-reference §1.5–1.6) [I] -----------------
/** [I] Braze documents the 429 status and headers (_docs/_api/api_limits.md) but no body text. */
export const RateLimited = defineError('BRAZE_RATE_LIMITED', 429, 'API rate limit exceeded')
/** [I] bodies of injected 5xx: Braze's 5xx bodies are undocumented; the HTTP reason phrase. */
export const InjectedFault = defineError('FAKE_INJECTED_FAULT', 500, '%s')

// --- subscriptions: _docs/_api/endpoints/subscription_groups/*.md, email/*.md, sms/*.md ------
/** [D] post_update_user_subscription_group_status.md (verbatim); status 400 [I] */
export const EmailAndPhone = defineError('BRAZE_SUBSCRIPTION_EMAIL_AND_PHONE', 400, 'Either an email address or a phone number should be provided, but not both.')
/**
 * [I] texts of the subscription and email/SMS list endpoints' checks: Braze documents the rules
 * (≤ 50 identifiers, E.164 phones, required dates) but not their texts; these follow the style of
 * the documented ones ("The max number of external_ids and aliases per request was exceeded").
 */
export const SUBSCRIPTION_MESSAGES = {
  groupId: 'subscription_group_id is required',
  subscriptionState: "subscription_state must be 'subscribed' or 'unsubscribed'",
  emailState: "subscription_state must be 'subscribed', 'unsubscribed' or 'opted_in'",
  groups: 'subscription_groups must be a non-empty array of objects with subscription_group_id and subscription_state',
  identifiers: 'external_id, email or phone is required',
  identifiersV2: 'Each subscription group needs external_ids, emails or phones',
  tooMany: 'The max number of external_ids, emails or phones per request was exceeded',
  email: 'email must be a valid email address or an array of at most 50 of them',
  phone: 'phone numbers must be in E.164 format (+ and up to 15 digits)',
  externalId: 'external_id must be a string or an array of strings',
  limit: 'limit must be an integer between 1 and %s',
  offset: 'offset must be a non-negative integer',
  date: 'dates must be YYYY-MM-DD',
  sortDirection: "sort_direction must be 'asc' or 'desc'",
  reason: "reason must be 'provider_error' or 'deactivated'",
  phoneNumbers: 'phone_numbers must be an array of at most 50 E.164 phone numbers',
  emails: 'email must be an email address or an array of at most 50 of them'
} as const
/** [I] a subscription_group_id that names no group of the workspace */
export const UnknownSubscriptionGroup = defineError('BRAZE_SUBSCRIPTION_GROUP_NOT_FOUND', 400, 'Invalid subscription_group_id: %s')
/** [I] an identifier of the wrong channel for the group ("email" for SMS groups, "phone" for email groups) */
export const WrongChannel = defineError('BRAZE_SUBSCRIPTION_WRONG_CHANNEL', 400, '%s can only be used with %s subscription groups; %s is a %s group')
export const TooManySubscriptionIds = defineError('BRAZE_SUBSCRIPTION_TOO_MANY_IDS', 400, SUBSCRIPTION_MESSAGES.tooMany)
export const SubscriptionBadRequest = defineError('BRAZE_SUBSCRIPTION_BAD_REQUEST', 400, '%s')
/** [I] get_query_unsubscribed_email_addresses.md: "start_date … must be before end_date" */
export const BadDateRange = defineError('BRAZE_BAD_DATE_RANGE', 400, 'start_date must be before end_date')
/** [I] email lists: end_date plus email or start_date are required */
export const EmailListQueryIncomplete = defineError('BRAZE_EMAIL_LIST_QUERY', 400, '%s')
// --- messaging: campaigns, Canvases, sends (braze-reference-messaging §1.3, §2) ---------------
/** [D] _docs/_api/errors.md, "Fatal errors" of the messaging endpoints (verbatim texts). */
export const NoRecipients = defineError('BRAZE_NO_RECIPIENTS', 400, 'No Recipients')
export const InvalidCampaignId = defineError('BRAZE_INVALID_CAMPAIGN_ID', 400, 'Invalid Campaign ID')
export const MessageVariantUnspecified = defineError('BRAZE_MESSAGE_VARIANT_UNSPECIFIED', 400, 'Message Variant Unspecified')
export const InvalidMessageVariant = defineError('BRAZE_INVALID_MESSAGE_VARIANT', 400, 'Invalid Message Variant')
export const MismatchedMessageType = defineError('BRAZE_MISMATCHED_MESSAGE_TYPE', 400, 'Mismatched Message Type')
export const InvalidExtraPushPayload = defineError('BRAZE_INVALID_EXTRA_PUSH_PAYLOAD', 400, 'Invalid Extra Push Payload')
export const NoMessageToSend = defineError('BRAZE_NO_MESSAGE_TO_SEND', 400, 'No message to send')
export const ApplePushLengthExceeded = defineError('BRAZE_APPLE_PUSH_LENGTH_EXCEEDED', 400, 'Apple Push Length Exceeded')
export const AndroidPushLengthExceeded = defineError('BRAZE_ANDROID_PUSH_LENGTH_EXCEEDED', 400, 'Android Push Length Exceeded')
/** [D] errors.md "400 Bad Request": an unparsable send time, or in_local_time with the time passed everywhere. */
export const BadScheduleTime = defineError('BRAZE_BAD_REQUEST_TIME', 400, 'Bad Request')
/** [I] Braze documents no text for an unknown canvas_id; modelled on "Invalid Campaign ID". */
export const InvalidCanvasId = defineError('BRAZE_INVALID_CANVAS_ID', 400, 'Invalid Canvas ID')
/** [I] an unknown, sent or deleted schedule_id, or one of another campaign / Canvas. */
export const InvalidScheduleId = defineError('BRAZE_INVALID_SCHEDULE_ID', 400, 'Invalid schedule_id')
/** [I] texts of rules Braze documents without a message. */
export const MESSAGING_MESSAGES = {
  broadcastWithRecipients: "A 'recipients' list cannot be included when 'broadcast' is true",
  attachmentsWithBroadcast: "'attachments' cannot be included when 'broadcast' is true",
  propertiesTooLarge: '%s must be at most 50KB',
  emailNeedsPrioritization: "'prioritization' is required when a recipient is identified by 'email'",
  recipientIdentifier: "Each recipient must have one of 'external_user_id', 'user_alias', 'braze_id' or 'email'",
  scheduleRequired: "'schedule' with a 'time' is required",
  scheduleUpdateNothing: "One of 'schedule' or 'messages' is required",
  sendId: "'send_id' must be at most 64 ASCII characters",
  campaignIdRequired: "'campaign_id' is required",
  canvasIdRequired: "'canvas_id' is required",
  length: 'length is required and must be an integer between 1 and 100 (inclusive)',
  canvasLength: 'length must be an integer between 1 and 14 (inclusive)',
  endTime: "'end_time' is required and must be an ISO-8601 date-time",
  email: "'email' requires 'app_id', 'from' and 'body' (or 'email_template_id')",
  sms: "'sms' requires 'subscription_group_id', 'body' and 'app_id'",
  webhook: "'webhook' requires 'url' and 'request_method' (POST, PUT, DELETE or GET)",
  applePush: "'apple_push' requires 'alert' unless 'content-available' is set",
  androidPush: "'android_push' requires 'alert' and 'title'",
  appleReservedKeys: "'extra' may not contain the keys 'aps' or 'ab'"
} as const
export const MessagingBadRequest = defineError('BRAZE_MESSAGING_BAD_REQUEST', 400, '%s')
/** [I] /sends/id/create: 100 send id creations per day per workspace (rate_limits.md). */
export const SendIdLimit = defineError('BRAZE_SEND_ID_LIMIT', 429, 'API rate limit exceeded')

// --- analytics (Braze's Export API: events, KPIs, sessions, purchases, News Feed) ---------------
/** [I] texts of the analytics endpoints' parameter checks (Braze documents none); the doc's rule is quoted where one exists. */
export const ANALYTICS_MESSAGES = {
  /** "must be between 1 and 100 (inclusive)" (get_custom_events_analytics.md, get_kpi_*.md, …) */
  length: 'length is required and must be an integer between 1 and 100 (inclusive)',
  /** 'Can be "day" or "hour" (defaults to "day")' */
  unit: 'unit must be "day" or "hour"',
  event: 'event is required: the name of the custom event',
  cardId: 'card_id is required: the Card API identifier',
  page: 'page must be a non-negative integer (0 is the first page)',
  sortDirection: 'sort_direction must be "asc" or "desc"',
  includeArchived: 'include_archived must be true or false',
  /** fake-braze keeps workspace-wide totals, not per-segment ones */
  segmentSeries: 'segment_id: fake-braze does not keep per-segment event analytics; call without segment_id for the workspace\'s series'
} as const
/** [I] modelled on the documented "Invalid Campaign ID": a card_id that names no News Feed card of the workspace. */
export const InvalidCardId = defineError('BRAZE_INVALID_CARD_ID', 400, 'Invalid Card ID')
/** [I] a segment-filtered series the fake cannot compute (see ANALYTICS_MESSAGES.segmentSeries). */
export const SegmentSeriesUnsupported = defineError('FAKE_SEGMENT_SERIES_UNSUPPORTED', 400, ANALYTICS_MESSAGES.segmentSeries)
