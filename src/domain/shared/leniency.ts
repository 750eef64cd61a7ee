/**
 * The leniency model of the Braze surface (COVERAGE.md "Leniency model"): what Braze, a Rails
 * app, accepts beyond its documented types. Pure rules; the one place that applies them to every
 * Braze route is the validator (src/schemas/shared/leniency.ts, installed by plugins/validator.ts),
 * plus /users/track's per-object checks, which read their objects through these same functions.
 *
 * - An optional request parameter sent as JSON null is the same as absent (Rails: `params[:x].blank?`).
 * - A JSON integer where Braze types an identifier as a string is that integer's decimal string
 *   (Rails' `to_s` of an integer param; production clients send integer user ids).
 * - "true" / "false" strings where Braze types a boolean (Rails' ActiveModel boolean casting;
 *   Braze's own docs show `"broadcast": "false"` style values in some examples).
 */

/**
 * Keys that name an identifier: `*_id`, `*_ids` (each item), and the names and labels of user
 * aliases (`alias_name`, `alias_label`, `old_alias_name`, `new_alias_name`).
 */
export function isIdentifierKey (key: string | undefined): boolean {
  if (key === undefined) return false
  return key.endsWith('_id') || key.endsWith('_ids') || key === 'alias_name' || key === 'alias_label' || key.endsWith('_alias_name')
}

/**
 * Routes whose docs refuse a number where an id string belongs: the number stays a 400 there.
 * - partner cohort import: "`cohort_id: 123` (number) → 400 cohort_id must be a valid string" and
 *   "cohort_changes must be … an array of strings" (cohort_import.md; braze-reference item 8);
 * - /users/merge: "identifiers must be objects with an 'external_id' property that is a string, …"
 *   (post_users_merge.md, Troubleshooting).
 */
export function refusesNumericIds (routeUrl: string): boolean {
  return routeUrl.startsWith('/partners/') || routeUrl === '/users/merge'
}

/** An integer sent for a string identifier, as its decimal string; anything else unchanged. */
export function lenientId (value: unknown): unknown {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value
}

/** "true" / "false" sent for a boolean, as the boolean; anything else unchanged. */
export function lenientBoolean (value: unknown): unknown {
  if (value === 'true') return true
  if (value === 'false') return false
  return value
}

// --- hostile bodies: bounds of free-form objects -------------------------------------------------

/**
 * Bounds of every free-form object (trigger_properties, context, canvas_entry_properties, event
 * and purchase properties, custom attribute values, message extras, catalog values).
 * depth: 50 levels, the limit Braze documents for catalog item values (catalogs best practices,
 * `too-deep-nesting-in-value-object`), applied to every free-form object [inferred];
 * keys and string length [inferred]: generous for real payloads, small enough that no request can
 * make the fake spend long on one value.
 */
export const FREE_FORM_LIMITS = { depth: 50, keys: 1000, stringLength: 65_536 } as const

/**
 * The JSON body as a whole may nest a little deeper than a free-form value (the value sits a
 * few levels down, e.g. recipients[0].trigger_properties); deeper bodies are refused before they
 * are parsed, so no recursive code ever sees them.
 */
export const MAX_BODY_DEPTH = FREE_FORM_LIMITS.depth + 14

export type FreeFormProblem = 'depth' | 'keys' | 'string'

/**
 * What is wrong with a free-form value, or undefined: nesting deeper than `limits.depth` (the
 * value itself is level 1), an object or array with more than `limits.keys` entries, or a
 * string (value or key) longer than `limits.stringLength`. Iterative: safe on any input.
 */
export function freeFormProblem (value: unknown, limits: { depth: number, keys: number, stringLength: number } = FREE_FORM_LIMITS): FreeFormProblem | undefined {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v === 'string') {
      if (v.length > limits.stringLength) return 'string'
      continue
    }
    if (typeof v !== 'object' || v === null) continue
    if (depth > limits.depth) return 'depth'
    if (Array.isArray(v)) {
      if (v.length > limits.keys) return 'keys'
      for (const item of v) stack.push([item, depth + 1])
      continue
    }
    const keys = Object.keys(v)
    if (keys.length > limits.keys) return 'keys'
    for (const k of keys) {
      if (k.length > limits.stringLength) return 'string'
      stack.push([(v as Record<string, unknown>)[k], depth + 1])
    }
  }
  return undefined
}

/** Braze-style text for a free-form value out of bounds [inferred: Braze documents the depth, not a text]. */
export function freeFormMessage (field: string, problem: FreeFormProblem, limits = FREE_FORM_LIMITS): string {
  switch (problem) {
    case 'depth': return `'${field}' is nested too deeply (at most ${limits.depth} levels)`
    case 'keys': return `'${field}' has too many keys or items (at most ${limits.keys} in one object or array)`
    case 'string': return `'${field}' contains a string longer than ${limits.stringLength} characters`
  }
}

/**
 * Does the nesting of `[`/`{` in a JSON text exceed `max`? Strings are skipped with indexOf to
 * their closing quote (one not preceded by an odd run of backslashes), so the loop touches only
 * the structure: run on the raw body before JSON.parse, at a few percent of its cost.
 */
export function jsonDepthExceeds (text: string, max: number): boolean {
  let depth = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      for (;;) {
        i = text.indexOf('"', i + 1)
        if (i === -1) return false
        let k = i - 1
        while (text.charCodeAt(k) === 92) k--
        if ((i - 1 - k) % 2 === 0) break
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) return true
    } else if (c === 93 || c === 125) depth--
  }
  return false
}
