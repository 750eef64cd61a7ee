/**
 * The leniency model (COVERAGE.md "Leniency model"; rules in domain/shared/leniency.ts) applied to
 * a value guided by a route's zod schema, and the Braze-style texts of validation failures.
 * Used by the one validator compiler (plugins/validator.ts), so every Braze route gets both.
 *
 * relax() changes only what the schema would refuse: null where the schema takes an optional
 * non-null value is dropped; an integer where the schema takes a string and the key names an
 * identifier becomes its decimal string; "true"/"false" where the schema takes a boolean becomes
 * the boolean. Free-form values (records, unknown) are never touched: a null attribute value in
 * /users/track keeps its meaning (remove the attribute) and numbers there stay numbers.
 */
import type { z } from 'zod'
import { isIdentifierKey, lenientBoolean, lenientId } from '../../domain/shared/leniency.js'

interface Def {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  shape?: Record<string, z.ZodType>
  element?: z.ZodType
  options?: z.ZodType[]
  getter?: () => z.ZodType
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def

const WRAPPERS = new Set(['default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success'])

/** The schema a value meets first: wrappers removed, a pipe's input side, `optional` noted. */
function unwrap (schema: z.ZodType): { core: z.ZodType, optional: boolean, nullable: boolean } {
  let core = schema
  let optional = false
  let nullable = false
  for (let i = 0; i < 32; i++) {
    const def = defOf(core)
    if (def.type === 'optional') optional = true
    else if (def.type === 'nullable') nullable = true
    else if (def.type === 'default' || def.type === 'prefault') optional = true
    else if (def.type === 'pipe') { core = def.in!; continue } else if (def.type === 'lazy') { core = def.getter!(); continue } else if (!WRAPPERS.has(def.type)) break
    core = def.innerType!
  }
  return { core, optional, nullable }
}

/** Does the schema take `null` as a value (unknown, any, null, nullable, or a union of one)? */
function acceptsNull (core: z.ZodType): boolean {
  const def = defOf(core)
  if (def.type === 'unknown' || def.type === 'any' || def.type === 'null') return true
  if (def.type === 'union') return def.options!.some((o) => { const u = unwrap(o); return u.nullable || acceptsNull(u.core) })
  return false
}

/** The primitive types a schema takes, through unions. */
function primitiveTypes (core: z.ZodType, into = new Set<string>()): Set<string> {
  const def = defOf(core)
  if (def.type === 'union') for (const o of def.options!) primitiveTypes(unwrap(o).core, into)
  else into.add(def.type)
  return into
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Marks a key whose null is dropped (absent). */
const DROP = Symbol('drop')

export interface RelaxOptions {
  /** false where the route's docs refuse numeric ids (refusesNumericIds) */
  numericIds: boolean
}

function relaxValue (schema: z.ZodType, value: unknown, key: string | undefined, o: RelaxOptions): unknown {
  const { core, optional, nullable } = unwrap(schema)
  if (value === null) return optional && !nullable && !acceptsNull(core) ? DROP : value
  const types = primitiveTypes(core)
  if (typeof value === 'number' && types.has('string') && !types.has('number') && !types.has('unknown') && !types.has('any') && o.numericIds && isIdentifierKey(key)) return lenientId(value)
  if (typeof value === 'string' && types.has('boolean') && !types.has('string') && !types.has('unknown')) return lenientBoolean(value)
  const def = defOf(core)
  if (def.type === 'object' && isPlainObject(value)) return relaxObject(def.shape!, value, o)
  if (def.type === 'array' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = relaxValue(def.element!, value[i], key, o)
      value[i] = v === DROP ? null : v
    }
    return value
  }
  if (def.type === 'union' && isPlainObject(value)) {
    // each object member relaxes the keys it knows (members share keys with the same types)
    for (const member of def.options!) {
      const od = defOf(unwrap(member).core)
      if (od.type === 'object') relaxObject(od.shape!, value, o)
    }
  }
  return value
}

function relaxObject (shape: Record<string, z.ZodType>, obj: Record<string, unknown>, o: RelaxOptions): Record<string, unknown> {
  for (const k of Object.keys(shape)) {
    if (!Object.prototype.hasOwnProperty.call(obj, k)) continue
    const v = relaxValue(shape[k]!, obj[k], k, o)
    if (v === DROP) delete obj[k] // eslint-disable-line @typescript-eslint/no-dynamic-delete
    else obj[k] = v
  }
  return obj
}

/**
 * The value with the leniency model applied (in place where it is an object or array): run when
 * the strict parse failed, so valid requests never pay for it.
 */
export function relax (schema: z.ZodType, value: unknown, options: RelaxOptions = { numericIds: true }): unknown {
  const v = relaxValue(schema, value, undefined, options)
  return v === DROP ? undefined : v
}

// --- Braze's words ---------------------------------------------------------------------------

/** The minimal shape of a zod issue the texts need. */
export interface IssueLike {
  code: string
  /** absent on the inner issues of a union, finalised before they have one */
  path?: PropertyKey[]
  input?: unknown
  expected?: string
  origin?: string
  format?: string
  minimum?: unknown
  maximum?: unknown
  values?: unknown[]
  keys?: string[]
  divisor?: unknown
}

/** `recipients[0].external_user_id`: how Braze's own texts name a nested field. */
export function fieldName (path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`
  return out
}

const ARTICLE: Record<string, string> = {
  string: 'a string', number: 'a number', int: 'an integer', boolean: 'a boolean', object: 'an object', array: 'an array',
  record: 'an object', date: 'a date', bigint: 'an integer', tuple: 'an array', null: 'null'
}
const FORMATS: Record<string, string> = {
  email: 'email address', url: 'URL', uuid: 'UUID', datetime: 'ISO-8601 date-time', date: 'date (YYYY-MM-DD)', regex: 'value'
}
const typeText = (t: string | undefined): string => (t !== undefined && ARTICLE[t] !== undefined ? ARTICLE[t] : 'a valid value')
const list = (vs: readonly unknown[]): string => vs.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')
const sizeUnit = (origin: string | undefined): string => (origin === 'string' ? ' characters' : origin === 'array' || origin === 'set' ? ' items' : '')

/** What is wrong, without the field's name: "must be a string", "is required". */
function problem (issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${typeText(issue.expected)}`
    case 'invalid_value':
      return issue.values !== undefined && issue.values.length === 1 ? `must be ${list(issue.values)}` : `must be one of ${list(issue.values ?? [])}`
    case 'too_small':
      return issue.origin === 'array' && issue.minimum === 1 ? 'must not be empty' : issue.origin === 'string' && issue.minimum === 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)}${sizeUnit(issue.origin)}`
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${sizeUnit(issue.origin)}`
    case 'invalid_format':
      return `is not a valid ${FORMATS[issue.format ?? ''] ?? issue.format ?? 'value'}`
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`
    case 'unrecognized_keys':
      return `does not take the key${(issue.keys?.length ?? 0) === 1 ? '' : 's'} ${list(issue.keys ?? [])}`
    case 'invalid_key':
      return 'has an invalid key'
    default:
      return 'is not valid'
  }
}

/**
 * Braze-style text of a validation failure on the Braze surface: "'external_id' must be a
 * string", "'recipients[0].user_alias' must be an object", "Request body must be a JSON object".
 * Used only where a schema names no text of its own (schemas carry Braze's documented texts).
 */
export function brazeIssueText (issue: IssueLike, part: 'body' | 'querystring' | 'params' | 'headers' | string = 'body'): string {
  const path = issue.path ?? []
  if (path.length === 0) {
    if (part === 'body') return issue.code === 'invalid_type' && issue.expected === 'object' ? 'Request body must be a JSON object' : `Request body ${problem(issue)}`
    return `Invalid ${part === 'querystring' ? 'query parameters' : part}`
  }
  return `'${fieldName(path)}' ${problem(issue)}`
}

/** Control-plane text (after "body.x: "): "expected a string, got null" — clear, and not zod's wording. */
export function controlIssueText (issue: IssueLike): string {
  if (issue.code === 'invalid_type') return issue.input === undefined ? 'is required' : `expected ${typeText(issue.expected)}, got ${describe(issue.input)}`
  return problem(issue)
}

function describe (v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number'
  return typeText(typeof v)
}
