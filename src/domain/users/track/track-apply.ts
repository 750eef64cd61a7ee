/**
 * Applies parsed custom attribute operations to a user's custom_attributes (pure: returns a
 * new object, never mutates its input).
 */
import { MAX_ARRAY_ELEMENTS, dedupe, type CustomOp, type IdentifierMatch } from './track-custom-attributes.js'
import { isPlainObject } from './track-identifiers.js'

export function applyCustom (current: Readonly<Record<string, unknown>>, key: string, op: CustomOp, mergeObjects: boolean): Record<string, unknown> {
  const next = { ...current }
  const existing = current[key]
  switch (op.kind) {
    case 'set':
      next[key] = op.value
      break
    case 'unset':
      delete next[key]
      break
    case 'inc':
      // A missing or non-numeric attribute counts from 0. [inferred]
      next[key] = (typeof existing === 'number' ? existing : 0) + op.by
      break
    case 'array':
      next[key] = arrayAddRemove(Array.isArray(existing) ? existing : [], op.add, op.remove)
      break
    case 'object':
      next[key] = mergeObjects && isPlainObject(existing) ? deepMerge(existing, op.value) : stripNulls(op.value)
      break
    case 'objects':
      next[key] = op.value
      break
    case 'objects_ops':
      next[key] = objectArrayOps(Array.isArray(existing) ? existing.filter(isPlainObject) : [], op, mergeObjects)
      break
  }
  return next
}

/**
 * "Adding an element to a custom attribute array appends the element to the end of the array,
 * unless it's already present, in which case it gets moved ... to the end." Removal follows the
 * additions. Over 25 elements, the oldest (first) are dropped. [order and which end: inferred]
 */
export function arrayAddRemove (current: readonly unknown[], add: readonly unknown[], remove: readonly unknown[]): unknown[] {
  const added = new Set(add)
  const removed = new Set(remove)
  const out = [...dedupe(current).filter((v) => !added.has(v)), ...dedupe(add)].filter((v) => !removed.has(v))
  return out.length > MAX_ARRAY_ELEMENTS ? out.slice(out.length - MAX_ARRAY_ELEMENTS) : out
}

/** `_merge_objects: true`: nested objects merge key by key; null deletes a key. */
export function deepMerge (base: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = deepMerge(out[k] as Record<string, unknown>, v)
    else out[k] = isPlainObject(v) ? stripNulls(v) : v
  }
  return out
}

function stripNulls (o: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return deepMerge({}, o)
}

/** array_of_objects.md: `$add`, then `$remove` (every match), then `$update` (every match). */
export function objectArrayOps (
  current: ReadonlyArray<Record<string, unknown>>,
  op: { add: ReadonlyArray<Record<string, unknown>>, remove: readonly IdentifierMatch[], update: ReadonlyArray<IdentifierMatch & { newObject: Record<string, unknown> }> },
  mergeObjects: boolean
): Array<Record<string, unknown>> {
  const matches = (o: Record<string, unknown>, m: IdentifierMatch): boolean => o[m.key] === m.value
  let out = [...current, ...op.add]
  out = out.filter((o) => !op.remove.some((m) => matches(o, m)))
  for (const u of op.update) {
    // With `_merge_objects: true` the new object merges into each match; without it, it
    // replaces the match. [replacement: inferred; Braze documents $update with merging]
    out = out.map((o) => matches(o, u) ? (mergeObjects ? deepMerge(o, u.newObject) : stripNulls(u.newObject)) : o)
  }
  return out
}
