/**
 * Catalog rules without I/O (braze-reference-messaging §4.1–4.5): names, fields, item ids and
 * values, coercion to the field types, the errors each breaks, and the paging cursor. Every check
 * of one request is run and all broken rules are reported at once ([inferred] §4.2); an error id
 * appears once, its `parameter_values` listing every item that broke it.
 */
import { CatalogRequestError, catalogError, type CatalogErrorEntry } from '../shared/errors.js'
import { FREE_FORM_LIMITS } from '../shared/leniency.js'

export const FIELD_TYPES = ['string', 'number', 'boolean', 'time', 'object', 'array', 'geo'] as const
export type FieldType = typeof FIELD_TYPES[number]
export interface CatalogField { name: string, type: FieldType }

/** [D CAT-CR, CAT-BP] names, field names and item ids: letters, digits, `-`, `_`; ≤ 250 characters. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/
export const MAX_NAME_LENGTH = 250
export const MAX_DESCRIPTION_LENGTH = 250
export const MAX_FIELDS = 500
export const MAX_NEW_FIELDS = 50
export const MAX_BULK_ITEMS = 50
export const MAX_VALUE_LENGTH = 5_000
/** the same 50 levels every free-form object is held to (shared/leniency.ts) */
export const MAX_NESTING = FREE_FORM_LIMITS.depth
export const PAGE_SIZE = 50
/** [D CAT-UG] the free tier: 100 MB of catalog storage per company (a workspace here [inferred]). */
export const DEFAULT_STORAGE_LIMIT_BYTES = 100 * 1024 * 1024

/** Collects the errors of one request, one entry per error id. */
export class CatalogErrors {
  private readonly byId = new Map<string, CatalogErrorEntry>()
  add (id: string, parameters: string[] = [], value?: unknown, ...args: Array<string | number>): void {
    const found = this.byId.get(id === 'invalid-fields-create' ? 'invalid-fields' : id)
    if (found !== undefined) {
      if (value !== undefined && !found.parameter_values.includes(value)) found.parameter_values.push(value)
      return
    }
    const entry = catalogError(id, parameters, value === undefined ? [] : [value], ...args)
    this.byId.set(entry.id, entry)
  }

  get empty (): boolean { return this.byId.size === 0 }
  throwIfAny (): void { if (this.byId.size > 0) throw new CatalogRequestError([...this.byId.values()]) }
}

/** Throws the envelope with one error. */
export function fail (id: string, parameters: string[] = [], value?: unknown, ...args: Array<string | number>): never {
  const errors = new CatalogErrors()
  errors.add(id, parameters, value, ...args)
  errors.throwIfAny()
  throw new Error('unreachable')
}

export function isPlainObject (v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function checkFieldName (name: string, errors: CatalogErrors): void {
  if (name.length > MAX_NAME_LENGTH) errors.add('field-names-too-large', ['name'], name)
  else if (!NAME_PATTERN.test(name)) errors.add('invalid-field-names', ['name'], name)
}

/** A `fields` array of create-catalog or create-fields: each `{name, type}`; null when malformed. */
function parseFields (raw: unknown, errors: CatalogErrors): CatalogField[] | null {
  if (!Array.isArray(raw) || raw.some((f) => !isPlainObject(f) || typeof f.name !== 'string' || typeof f.type !== 'string')) {
    errors.add('invalid-fields-create', ['fields'])
    return null
  }
  const fields = raw as Array<{ name: string, type: string }>
  const seen = new Set<string>()
  for (const f of fields) {
    checkFieldName(f.name, errors)
    if (seen.has(f.name)) errors.add('field-names-not-unique', ['name'], f.name)
    seen.add(f.name)
    if (!(FIELD_TYPES as readonly string[]).includes(f.type)) errors.add('invalid-field-types', ['type'], f.type)
  }
  return fields.map((f) => ({ name: f.name, type: f.type as FieldType }))
}

export interface NewCatalog { name: string, description: string, fields: CatalogField[] }

/** POST /catalogs body [D CAT-CR]: exactly one catalog, its first field `id` of type string. */
export function parseCreateCatalog (body: unknown): NewCatalog {
  const errors = new CatalogErrors()
  const list = isPlainObject(body) ? body.catalogs : undefined
  if (!Array.isArray(list) || list.length === 0 || list.some((c) => !isPlainObject(c))) fail('catalog-array-invalid', ['catalogs'])
  if (list.length > 1) fail('too-many-catalog-atoms', ['catalogs'])
  const c = list[0] as Record<string, unknown>
  const name = c.name
  if (typeof name !== 'string' || name === '') errors.add('invalid-catalog-name', ['name'], name ?? null)
  else if (name.length > MAX_NAME_LENGTH) errors.add('catalog-name-too-large', ['name'], name)
  else if (!NAME_PATTERN.test(name)) errors.add('invalid-catalog-name', ['name'], name)
  // [D] "required", but no error id exists for a missing description: an absent or null one is
  // stored as "" ([inferred]: accept what Braze may accept)
  const description = c.description ?? ''
  if (typeof description !== 'string') errors.add('description-too-long', ['description'], description)
  else if (description.length > MAX_DESCRIPTION_LENGTH) errors.add('description-too-long', ['description'], description)
  const fields = parseFields(c.fields, errors)
  if (fields !== null) {
    if (fields.length > MAX_FIELDS) errors.add('too-many-fields', ['fields'], fields.length)
    if (fields[0]?.name !== 'id' || fields[0].type !== 'string') errors.add('id-not-first-column', ['fields'])
  }
  errors.throwIfAny()
  return { name: name as string, description: description as string, fields: fields! }
}

/** POST /catalogs/{n}/fields body [D CAT-FC]: ≤ 50 new fields, the catalog ≤ 500 in all. */
export function parseNewFields (body: unknown, existing: readonly CatalogField[]): CatalogField[] {
  const errors = new CatalogErrors()
  const fields = parseFields(isPlainObject(body) ? body.fields : undefined, errors)
  if (fields !== null) {
    if (fields.length === 0) errors.add('invalid-fields-create', ['fields'])
    if (fields.length > MAX_NEW_FIELDS) errors.add('request-includes-too-many-fields', ['fields'], fields.length)
    else if (existing.length + fields.length > MAX_FIELDS) errors.add('catalog-exceeds-fields-limit', ['fields'], existing.length + fields.length)
    // [inferred] a name the catalog already has is a duplicate, like two equal names in one request
    for (const f of fields) if (existing.some((e) => e.name === f.name)) errors.add('field-names-not-unique', ['name'], f.name)
  }
  errors.throwIfAny()
  return fields!
}

/** A path's catalog name or item id that can never exist is still reported by the documented id. */
export function checkItemId (id: string, errors: CatalogErrors): boolean {
  if (id.length > MAX_NAME_LENGTH) { errors.add('ids-too-large', ['id'], id); return false }
  if (!NAME_PATTERN.test(id)) { errors.add('invalid-ids', ['id'], id); return false }
  return true
}

// --- values ----------------------------------------------------------------------------------

const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/**
 * A `time` value as Braze answers it: UTC with milliseconds and `Z` (`2022-11-02T09:03:19.967Z`)
 * [D CAT-IL]; an ISO-8601 string with or without offset (none = UTC [inferred]); anything else
 * cannot be coerced.
 */
export function coerceTime (v: unknown): string | undefined {
  if (typeof v !== 'string' || !ISO_TIME.test(v.trim())) return undefined
  let s = v.trim().replace(' ', 'T')
  if (s.length === 10) s += 'T00:00:00Z'
  else if (!/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(s)) s += 'Z'
  else s = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2').replace(/([+-]\d{2})$/, '$1:00')
  const ms = Date.parse(s)
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString()
}

/** Nesting levels of a JSON value (a scalar is 0, `{}` and `[]` are 1) and whether a key has `.` or `$`. */
function inspect (v: unknown, depth: number, out: { depth: number, badKey: boolean }): void {
  if (depth > MAX_NESTING + 1) return
  if (Array.isArray(v)) {
    out.depth = Math.max(out.depth, depth)
    for (const e of v) inspect(e, depth + 1, out)
  } else if (isPlainObject(v)) {
    out.depth = Math.max(out.depth, depth)
    for (const [k, e] of Object.entries(v)) {
      if (k.includes('.') || k.includes('$')) out.badKey = true
      inspect(e, depth + 1, out)
    }
  }
}

/**
 * A value converted to its field's type ([inferred] coercions: numbers and booleans become strings
 * for `string`; numeric strings become numbers; "true"/"false" become booleans); `null` clears a
 * field [inferred]; undefined when it cannot be converted (`unable-to-coerce-value`).
 */
export function coerceValue (type: FieldType, v: unknown): unknown {
  if (v === null) return null
  switch (type) {
    case 'string':
      if (typeof v === 'string') return v
      if (typeof v === 'number' || typeof v === 'boolean') return String(v)
      return undefined
    case 'number':
      if (typeof v === 'number' && Number.isFinite(v)) return v
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
      return undefined
    case 'boolean':
      if (typeof v === 'boolean') return v
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true'
      return undefined
    case 'time':
      return coerceTime(v)
    case 'object':
      return isPlainObject(v) ? v : undefined
    case 'array':
      return Array.isArray(v) ? v : undefined
    case 'geo':
      // [D Z:CAT-CR] `[longitude, latitude]`
      return Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number') &&
        Math.abs(v[0] as number) <= 180 && Math.abs(v[1] as number) <= 90
        ? v
        : undefined
  }
}

/** Checks one value (length, keys, nesting) and coerces it; returns undefined after reporting an error. */
function checkValue (type: FieldType, raw: unknown, itemId: unknown, errors: CatalogErrors): { ok: true, value: unknown } | { ok: false } {
  const shape = { depth: 0, badKey: false }
  inspect(raw, 1, shape)
  let bad = false
  if (shape.badKey) { errors.add('invalid-keys-in-value-object', ['id'], itemId); bad = true }
  if (shape.depth > MAX_NESTING) { errors.add('too-deep-nesting-in-value-object', ['id'], itemId); bad = true }
  if (bad) return { ok: false }
  const length = typeof raw === 'string' ? raw.length : raw !== null && typeof raw === 'object' ? JSON.stringify(raw).length : 0
  if (length > MAX_VALUE_LENGTH) { errors.add('items-too-large', ['id'], itemId); return { ok: false } }
  const value = coerceValue(type, raw)
  if (value === undefined) { errors.add('unable-to-coerce-value', ['id'], itemId); return { ok: false } }
  return { ok: true, value }
}

/** `{"$add": [...], "$remove": [...]}` on an array field (PATCH only) [D CAT-BPA]. */
export interface ArrayOps { $add?: unknown[], $remove?: unknown[] }
export function isArrayOps (v: unknown): v is ArrayOps {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === '$add' || k === '$remove')
}

/** One item of a write, checked and coerced: `values` holds the fields to set, `ops` PATCH's array operations. */
export interface ItemWrite { id: string, values: Record<string, unknown>, ops: Record<string, ArrayOps> }

export type WriteMode = 'create' | 'update' | 'replace'

/** Checks and coerces the fields of one item (every key but `id`). */
function itemValues (item: Record<string, unknown>, id: unknown, mode: WriteMode, fields: ReadonlyMap<string, FieldType>, errors: CatalogErrors): Pick<ItemWrite, 'values' | 'ops'> {
  const values: Record<string, unknown> = {}
  const ops: Record<string, ArrayOps> = {}
  for (const [key, raw] of Object.entries(item)) {
    if (key === 'id') continue
    const type = fields.get(key)
    if (type === undefined) { errors.add('invalid-fields', ['id'], id); continue }
    if (mode === 'update' && type === 'array' && isArrayOps(raw)) {
      const add = raw.$add ?? []
      const remove = raw.$remove ?? []
      if (!Array.isArray(add) || !Array.isArray(remove)) { errors.add('unable-to-coerce-value', ['id'], id); continue }
      const a = checkValue('array', add, id, errors)
      const r = checkValue('array', remove, id, errors)
      if (a.ok && r.ok) ops[key] = { $add: add, $remove: remove }
      continue
    }
    const checked = checkValue(type, raw, id, errors)
    if (checked.ok) values[key] = checked.value
  }
  return { values, ops }
}

/** The `items` array of a write: an array of objects, else `item-array-invalid`. */
function itemList (body: unknown): Array<Record<string, unknown>> {
  const items = isPlainObject(body) ? body.items : undefined
  if (!Array.isArray(items) || items.some((i) => !isPlainObject(i))) fail('item-array-invalid', ['items'])
  return items as Array<Record<string, unknown>>
}

/**
 * A bulk write's items (POST/PATCH/PUT /catalogs/{n}/items) [D CAT-BP, CAT-BPA, CAT-BPU]: ≤ 50,
 * each with a unique, well-formed string `id` and only fields of the catalog.
 */
export function parseBulkItems (body: unknown, mode: WriteMode, fields: ReadonlyMap<string, FieldType>): ItemWrite[] {
  const items = itemList(body)
  const errors = new CatalogErrors()
  if (items.length > MAX_BULK_ITEMS) fail('request-includes-too-many-items', ['items'], items.length, MAX_BULK_ITEMS)
  if (items.length === 0) fail('item-array-invalid', ['items'])
  const out: ItemWrite[] = []
  const seen = new Set<string>()
  let missing = 0
  for (const item of items) {
    const id = item.id
    if (id === undefined || id === null) { missing++; itemValues(item, null, mode, fields, errors); continue }
    if (typeof id !== 'string') { errors.add('ids-not-strings', ['id'], id); continue }
    if (!checkItemId(id, errors)) continue
    if (seen.has(id)) errors.add('ids-not-unique', ['id'], id)
    seen.add(id)
    out.push({ id, ...itemValues(item, id, mode, fields, errors) })
  }
  if (missing > 0) errors.add('items-missing-ids', [], undefined, missing)
  errors.throwIfAny()
  return out
}

/** DELETE /catalogs/{n}/items [D CAT-BD]: `{"items":[{"id"}]}`, ≤ 50 ids; other keys are ignored. */
export function parseBulkDelete (body: unknown): string[] {
  const items = itemList(body)
  if (items.length > MAX_BULK_ITEMS) fail('request-includes-too-many-items', ['items'], items.length, MAX_BULK_ITEMS)
  if (items.length === 0) fail('item-array-invalid', ['items'])
  const errors = new CatalogErrors()
  const ids: string[] = []
  let missing = 0
  for (const item of items) {
    const id = item.id
    if (id === undefined || id === null) { missing++; continue }
    if (typeof id !== 'string') { errors.add('ids-not-strings', ['id'], id); continue }
    if (!checkItemId(id, errors)) continue
    if (ids.includes(id)) errors.add('ids-not-unique', ['id'], id)
    ids.push(id)
  }
  if (missing > 0) errors.add('items-missing-ids', [], undefined, missing)
  errors.throwIfAny()
  return ids
}

/**
 * A single-item write (POST/PATCH/PUT /catalogs/{n}/items/{id}) [D CAT-IP, CAT-IPA, CAT-IPU]:
 * exactly one object in `items`, no `id` in it (`id-in-body`); the id comes from the path.
 */
export function parseSingleItem (itemId: string, body: unknown, mode: WriteMode, fields: ReadonlyMap<string, FieldType>): ItemWrite {
  const items = itemList(body)
  if (items.length > 1) fail('request-includes-too-many-items', ['items'], items.length, 1)
  if (items.length === 0) fail('item-array-invalid', ['items'])
  const errors = new CatalogErrors()
  checkItemId(itemId, errors)
  const item = items[0]!
  if ('id' in item) errors.add('id-in-body', ['id'], item.id as unknown)
  const write = { id: itemId, ...itemValues(item, itemId, mode, fields, errors) }
  errors.throwIfAny()
  return write
}

/** PATCH applied to stored values: named fields replaced, `$remove` then `$add` on arrays [inferred order]. */
export function applyPatch (stored: Record<string, unknown>, write: ItemWrite): Record<string, unknown> {
  const next: Record<string, unknown> = { ...stored, ...write.values }
  for (const [field, op] of Object.entries(write.ops)) {
    const current = Array.isArray(next[field]) ? [...(next[field] as unknown[])] : []
    const removeKeys = new Set((op.$remove ?? []).map((v) => JSON.stringify(v)))
    const kept = current.filter((v) => !removeKeys.has(JSON.stringify(v)))
    next[field] = [...kept, ...(op.$add ?? [])]
  }
  return next
}

/** An item as the API answers it: `id` first, then the catalog's fields in their order [D CAT-IG]. */
export function itemView (id: string, values: Record<string, unknown>, fields: readonly CatalogField[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id }
  for (const f of fields) if (f.name !== 'id' && f.name in values) out[f.name] = values[f.name]
  return out
}

// --- paging [D CAT-IL; I scheme] ----------------------------------------------------------------

/**
 * A page position: Braze's cursors decode to `skip:<offset>` (§4.5); the fake's own add the
 * neighbouring item's sequence number (`skip:100;after:4711`) so a page is a keyset seek rather
 * than an OFFSET scan. A bare `skip:N` cursor is honoured too.
 */
export interface Cursor { skip: number, after?: number, before?: number }

export function encodeCursor (c: Cursor): string {
  const key = c.after !== undefined ? `;after:${c.after}` : c.before !== undefined ? `;before:${c.before}` : ''
  return Buffer.from(`skip:${c.skip}${key}`).toString('base64')
}

export function decodeCursor (raw: string): Cursor | undefined {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(raw)) return undefined
  const m = /^skip:(\d{1,12})(?:;(after|before):(\d{1,15}))?$/.exec(Buffer.from(raw, 'base64').toString('utf8'))
  if (m === null) return undefined
  const skip = Number(m[1])
  if (m[2] === undefined) return { skip }
  return m[2] === 'after' ? { skip, after: Number(m[3]) } : { skip, before: Number(m[3]) }
}
