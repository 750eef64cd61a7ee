/**
 * Custom attribute values and operations of an attributes object, turned into operations
 * (user_attributes_object.md; nested_custom_attribute_support.md; array_of_objects.md), each
 * with its billable data points (data_points.md). Pure: parsing here, applying in
 * track-apply.ts.
 */
import { isPlainObject } from './track-identifiers.js'
import { customDate, parseBrazeDate } from './track-dates.js'

export interface IdentifierMatch { key: string, value: unknown }
export interface ObjectUpdate extends IdentifierMatch { newObject: Record<string, unknown> }

export type CustomOp =
  | { kind: 'set', value: unknown }
  | { kind: 'unset' }
  | { kind: 'inc', by: number }
  | { kind: 'array', add: unknown[], remove: unknown[] }
  | { kind: 'object', value: Record<string, unknown> }
  | { kind: 'objects', value: Array<Record<string, unknown>> }
  | { kind: 'objects_ops', add: Array<Record<string, unknown>>, remove: IdentifierMatch[], update: ObjectUpdate[] }

export interface ParsedCustom {
  op: CustomOp
  /** a nested object / array-of-objects update (dropped together when one is invalid) */
  nested: boolean
  /** a nested value Braze rejects: drops every nested update of the request */
  invalid: boolean
  points: number
}

/** "The maximum number of elements in Custom Attribute Arrays defaults to 25" */
export const MAX_ARRAY_ELEMENTS = 25
/** nested objects and arrays of objects: "max 100 KB" */
const MAX_NESTED_BYTES = 100 * 1024
const MAX_STRING = 255

const onlyKeys = (o: Record<string, unknown>, allowed: readonly string[]): boolean => {
  const keys = Object.keys(o)
  return keys.length > 0 && keys.every((k) => allowed.includes(k))
}

/** Deeper values are refused before any recursion touches them. [inferred limit] */
export const MAX_NESTING_DEPTH = 50

export function parseCustom (value: unknown, mergeObjects: boolean): ParsedCustom {
  if (deeperThan(value, MAX_NESTING_DEPTH)) return { op: { kind: 'object', value: {} }, nested: true, invalid: true, points: 1 }
  if (value === null) return { op: { kind: 'unset' }, nested: false, invalid: false, points: 1 }
  if (typeof value === 'string') {
    return { op: { kind: 'set', value: customDate(value) ?? value }, nested: false, invalid: false, points: 1 }
  }
  if (typeof value !== 'object') return { op: { kind: 'set', value }, nested: false, invalid: false, points: 1 }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isPlainObject)) {
      const objects = value.map((o) => nestedValue(o, false))
      const invalid = objects.some((o) => o === INVALID) || tooLarge(value)
      return { op: { kind: 'objects', value: invalid ? [] : objects as Array<Record<string, unknown>> }, nested: true, invalid, points: sum(value.map(leafCount)) }
    }
    if (value.some((v) => isPlainObject(v))) return { op: { kind: 'objects', value: [] }, nested: true, invalid: true, points: 1 }
    return { op: { kind: 'set', value: capArray(dedupe(scalars(value))) }, nested: false, invalid: false, points: 1 }
  }
  const obj = value as Record<string, unknown>
  if (onlyKeys(obj, ['inc']) && typeof obj.inc === 'number' && Number.isFinite(obj.inc)) {
    return { op: { kind: 'inc', by: obj.inc }, nested: false, invalid: false, points: 1 }
  }
  if (onlyKeys(obj, ['add', 'remove']) && Object.values(obj).every(Array.isArray)) {
    const add = scalars((obj.add ?? []) as unknown[])
    const remove = scalars((obj.remove ?? []) as unknown[])
    // "If you add values to an array incrementally, it will count as one data point per value"
    return { op: { kind: 'array', add, remove }, nested: false, invalid: false, points: Math.max(1, add.length + remove.length) }
  }
  if (onlyKeys(obj, ['$add', '$remove', '$update'])) return objectArrayOps(obj)
  const nested = nestedValue(obj, mergeObjects)
  if (nested === INVALID || tooLarge(obj)) return { op: { kind: 'object', value: {} }, nested: true, invalid: true, points: leafCount(obj) }
  // A top-level `{"$time": …}` is the time itself, stored as an ISO string like a nested one
  // [inferred: Braze documents $time inside nested attributes]; merging it as an object spread the string into keys.
  if (typeof nested === 'string') return { op: { kind: 'set', value: nested }, nested: true, invalid: false, points: 1 }
  return { op: { kind: 'object', value: nested as Record<string, unknown> }, nested: true, invalid: false, points: Math.max(1, leafCount(obj)) }
}

const INVALID = Symbol('invalid nested value')

/**
 * A nested value as stored: `{"$time": …}` becomes an ISO string; keys may not contain "." or
 * "$" or spaces and, like strings, are at most 255 characters (nested_custom_attribute_support.md).
 * null is allowed only when merging (it deletes the key). [inferred for null outside a merge]
 */
function nestedValue (v: unknown, merging: boolean): unknown {
  if (v === null) return merging ? null : INVALID
  if (typeof v === 'string') return v.length > MAX_STRING ? INVALID : v
  if (typeof v !== 'object') return v
  if (Array.isArray(v)) {
    const out = v.map((x) => nestedValue(x, false))
    return out.includes(INVALID) ? INVALID : out
  }
  const o = v as Record<string, unknown>
  if (onlyKeys(o, ['$time'])) {
    const ms = typeof o.$time === 'string' ? parseBrazeDate(o.$time) : undefined
    return ms === undefined ? INVALID : new Date(ms).toISOString()
  }
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(o)) {
    if (k === '' || k.length > MAX_STRING || /[.$\s]/.test(k)) return INVALID
    const nv = nestedValue(x, merging)
    if (nv === INVALID) return INVALID
    out[k] = nv
  }
  return out
}

function objectArrayOps (obj: Record<string, unknown>): ParsedCustom {
  const fail: ParsedCustom = { op: { kind: 'objects_ops', add: [], remove: [], update: [] }, nested: true, invalid: true, points: 1 }
  const add: Array<Record<string, unknown>> = []
  const remove: IdentifierMatch[] = []
  const update: ObjectUpdate[] = []
  let points = 0
  if (obj.$add !== undefined) {
    if (!Array.isArray(obj.$add) || !obj.$add.every(isPlainObject)) return fail
    for (const o of obj.$add) {
      const nv = nestedValue(o, false)
      if (nv === INVALID) return fail
      add.push(nv as Record<string, unknown>)
      points += leafCount(o) // "one data point for each attribute in an object"
    }
  }
  if (obj.$remove !== undefined) {
    if (!Array.isArray(obj.$remove)) return fail
    for (const r of obj.$remove) {
      const m = match(r)
      if (m === undefined) return fail
      remove.push(m)
      points += 1 // "one data point for each removal criteria you send"
    }
  }
  if (obj.$update !== undefined) {
    if (!Array.isArray(obj.$update)) return fail
    for (const u of obj.$update) {
      const m = match(u)
      if (m === undefined || !isPlainObject((u as Record<string, unknown>).$new_object)) return fail
      const raw = (u as Record<string, unknown>).$new_object as Record<string, unknown>
      const nv = nestedValue(raw, true)
      if (nv === INVALID) return fail
      update.push({ ...m, newObject: nv as Record<string, unknown> })
      points += leafCount(raw) // "one data point for each property added"
    }
  }
  if (tooLarge(obj)) return fail
  return { op: { kind: 'objects_ops', add, remove, update }, nested: true, invalid: false, points: Math.max(1, points) }
}

function match (v: unknown): IdentifierMatch | undefined {
  if (!isPlainObject(v) || typeof v.$identifier_key !== 'string' || !('$identifier_value' in v)) return undefined
  return { key: v.$identifier_key, value: v.$identifier_value }
}

/** "Every key in the object will count as a data point": leaves, not intermediate objects. */
export function leafCount (v: unknown): number {
  if (!isPlainObject(v) || onlyKeys(v, ['$time'])) return 1
  const keys = Object.values(v)
  return keys.length === 0 ? 1 : sum(keys.map(leafCount))
}

/** Iterative, so a hostile 100,000-level value cannot overflow the stack. */
export function deeperThan (value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, d] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (d >= max) return true
    for (const x of Object.values(v)) if (typeof x === 'object' && x !== null) stack.push([x, d + 1])
  }
  return false
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
const tooLarge = (v: unknown): boolean => Buffer.byteLength(JSON.stringify(v)) > MAX_NESTED_BYTES

/** Arrays hold one type: a mixed array is converted to strings (Census docs). Nulls are dropped. [inferred] */
function scalars (values: readonly unknown[]): unknown[] {
  const kept = values.filter((v) => v !== null && v !== undefined)
  const types = new Set(kept.map((v) => typeof v))
  if (types.size <= 1 && !types.has('object')) return kept
  return kept.map((v) => typeof v === 'string' ? v : JSON.stringify(v))
}

/** Only unique values are kept; the first occurrence decides the position. */
export function dedupe (values: readonly unknown[]): unknown[] {
  const seen = new Set<unknown>()
  return values.filter((v) => (seen.has(v) ? false : (seen.add(v), true)))
}

/** "Arrays exceeding the maximum number of elements will be truncated" — the first 25 are kept. [which end: inferred] */
export function capArray (values: unknown[]): unknown[] {
  return values.length > MAX_ARRAY_ELEMENTS ? values.slice(0, MAX_ARRAY_ELEMENTS) : values
}
