/**
 * Braze's Liquid (braze-reference-messaging §2.20) on liquidjs, a maintained Liquid engine: the
 * engine parses and renders; this module adds Braze's parts as its extension points —
 * - the `${name}` attribute spelling (`{{${first_name}}}`, `{{custom_attribute.${tier}}}`) is
 *   rewritten to ordinary Liquid variable lookups before liquidjs parses the template;
 * - the `abort_message` tag (`{% abort_message() %}`, `{% abort_message('reason') %}`);
 * - Braze's `default` filter: replaces nil, false, "" and empty arrays / objects, but not " ";
 * - the `catalog_items` tag (§4.7): `{% catalog_items restaurants r1 %}` loads items into `items`;
 *   the catalog name and ids may be templated (`{{custom_attribute.${fav}}}`). Items come from the
 *   scope's CATALOG_LOOKUP function (the send's cached lookup, backed by the catalog service);
 *   an unknown catalog or item leaves `items` empty, so `{{ items[0].Name }}` renders "" [D CAT-UG].
 * Objects render as JSON (as Braze prints a hash) [inferred from brazejs]. Templates are parsed
 * once and cached. A template error never escapes as an exception of the send: the caller gets
 * `{ ok: false, reason: 'render_error' }` and records it as that user's failed delivery.
 */
import { createRequire } from 'node:module'
import type { Context, Liquid as LiquidEngine, Template, TagToken, TopLevelToken, Value as LiquidValue } from 'liquidjs'

/** The scope key of the catalog lookup a send provides (a symbol: never a Liquid variable). */
export const CATALOG_LOOKUP = Symbol('fake-braze.catalogLookup')
/** Items of `catalog` by id, in the order asked, unknown ones left out. */
export type CatalogLookup = (catalog: string, ids: readonly string[]) => Array<Record<string, unknown>>

export class AbortMessage extends Error {
  constructor (readonly reason: string) {
    super(`abort_message(${reason})`)
    this.name = 'AbortMessage'
  }
}

export type RenderOutcome = { ok: true, text: string } | { ok: false, reason: 'aborted' | 'render_error', detail: string }

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

let engine: LiquidEngine | undefined

/**
 * The engine, built on first use: loading and constructing liquidjs costs ~30 ms, which every
 * test file's start would otherwise pay though most never render a message (BENCHMARKS.md,
 * "After the merges"). createRequire keeps the bundler from inlining it; it is a dependency.
 */
function liquid (): LiquidEngine {
  if (engine !== undefined) return engine
  const { Liquid, Tag, Value } = createRequire(import.meta.url)('liquidjs') as typeof import('liquidjs')
  const e = new Liquid({
    strictFilters: true,
    // Braze prints a hash as JSON [inferred, brazejs]; everything else as liquidjs does.
    outputEscape: (v: unknown) => (isPlainObject(v) ? JSON.stringify(v) : v) as string
  })

  e.registerFilter('default', (value: unknown, fallback: unknown) => {
    // [D LQ-DEF] nil, false and empty values take the default; whitespace-only strings do not.
    if (value === undefined || value === null || value === false || value === '') return fallback
    if (Array.isArray(value) && value.length === 0) return fallback
    if (isPlainObject(value) && Object.keys(value).length === 0) return fallback
    return value
  })

  e.registerTag('abort_message', {
    parse (token) {
      // The tag's argument list: `()` or `('reason')` / `("reason")`.
      const m = /^\s*\(\s*(?:(['"])([\s\S]*?)\1)?\s*\)\s*$/.exec(token.args)
      if (token.args.trim() !== '' && m === null) throw new Error(`abort_message takes () or ('reason'), got ${token.args}`)
      this.reason = m?.[2] ?? ''
    },
    render () {
      throw new AbortMessage(this.reason as string)
    }
  })
  /** `{% catalog_items <catalog> <id> [<id>…] %}`: each argument a word or a `{{ expression }}`. */
  class CatalogItemsTag extends Tag {
    private readonly args: Array<string | LiquidValue>
    constructor (token: TagToken, remain: TopLevelToken[], engine: LiquidEngine) {
      super(token, remain, engine)
      const parts = token.args.match(/\{\{[\s\S]*?\}\}|\S+/g) ?? []
      if (parts.length < 2) throw new Error(`catalog_items takes a catalog name and an item id, got "${token.args}"`)
      this.args = parts.map((a) => (a.startsWith('{{') ? new Value(a.slice(2, -2).trim(), engine) : a))
    }

    * render (ctx: Context): Generator<unknown, void, unknown> {
      const values: string[] = []
      for (const a of this.args) {
        const v = typeof a === 'string' ? a : yield a.value(ctx, false)
        values.push(v === undefined || v === null ? '' : String(v))
      }
      const [catalog = '', ...ids] = values
      const lookup = (ctx.environments as Record<symbol, CatalogLookup | undefined>)[CATALOG_LOOKUP]
      ctx.bottom().items = lookup === undefined ? [] : lookup(catalog, ids.filter((id) => id !== ''))
    }

    /** for the send's memo: the expressions the tag reads, and `items` as a local it defines */
    * arguments (): Generator<LiquidValue> { for (const a of this.args) if (typeof a !== 'string') yield a }
    * localScope (): Generator<any> { yield { content: 'items', file: this.token.file, getPosition: () => this.token.getPosition() } }
  }
  e.registerTag('catalog_items', CatalogItemsTag)
  engine = e
  return e
}

/** `${a.b}` → `a.b` lookups: `${x}` at the head of a path, `.${x}` as bracket segments. */
function rewriteBrazeRefs (inner: string): string {
  return inner.replace(/(\.)?\$\{([^}]*)\}/g, (_m, dot: string | undefined, name: string) => {
    const parts = name.trim().split('.').filter((p) => p !== '')
    const brackets = parts.map((p) => `[${JSON.stringify(p)}]`).join('')
    if (dot !== undefined) return brackets
    const [head, ...rest] = parts
    if (head === undefined) return '""'
    const headRef = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(head) ? head : `[${JSON.stringify(head)}]`
    return headRef + rest.map((p) => `[${JSON.stringify(p)}]`).join('')
  })
}

/** Rewrites `${…}` only inside `{{ }}` and `{% %}` markup; text outside Liquid markup is left alone. */
export function toLiquidSource (template: string): string {
  if (!template.includes('${')) return template
  return template
    .replace(/\{\{((?:\$\{[^}]*\}|[^}])*)\}\}/g, (_m, inner: string) => `{{${rewriteBrazeRefs(inner)}}}`)
    .replace(/\{%((?:\$\{[^}]*\}|[^%])*)%\}/g, (_m, inner: string) => `{%${rewriteBrazeRefs(inner)}%}`)
}

const CACHE_MAX = 500
const cache = new Map<string, Template[] | Error>()

function compile (template: string): Template[] | Error {
  let parsed = cache.get(template)
  if (parsed !== undefined) return parsed
  try {
    parsed = liquid().parse(toLiquidSource(template))
  } catch (err) {
    parsed = err instanceof Error ? err : new Error(String(err))
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string)
  cache.set(template, parsed)
  return parsed
}

/** Does the text need the engine at all? Plain text is returned as it is. */
export function isLiquid (template: string): boolean {
  return template.includes('{{') || template.includes('{%')
}

/** A template error (parse or render) is returned, never thrown. Parsing is checked once per template. */
export function checkTemplate (template: string): string | undefined {
  const parsed = compile(template)
  return parsed instanceof Error ? parsed.message : undefined
}

export function render (template: string, scope: Record<string, unknown>): RenderOutcome {
  if (!isLiquid(template)) return { ok: true, text: template }
  const parsed = compile(template)
  if (parsed instanceof Error) return { ok: false, reason: 'render_error', detail: parsed.message }
  try {
    return { ok: true, text: String(liquid().renderSync(parsed, scope)) }
  } catch (err) {
    const abort = findAbort(err)
    if (abort !== undefined) return { ok: false, reason: 'aborted', detail: abort.reason }
    return { ok: false, reason: 'render_error', detail: err instanceof Error ? err.message : String(err) }
  }
}

function findAbort (err: unknown): AbortMessage | undefined {
  let e: unknown = err
  for (let i = 0; i < 20 && e !== undefined && e !== null; i++) {
    if (e instanceof AbortMessage) return e
    e = (e as { originalError?: unknown }).originalError
  }
  return undefined
}

type Path = Array<string | number>
const pathCache = new Map<string, Path[] | null>()

/** The global variables a template reads (liquidjs's static analysis), or null when some path is dynamic. */
function pathsOf (template: string): Path[] | null {
  let paths = pathCache.get(template)
  if (paths !== undefined) return paths
  const parsed = compile(template)
  paths = null
  if (!(parsed instanceof Error)) {
    try {
      const segs = liquid().globalVariableSegmentsSync(parsed) as unknown[][]
      paths = segs.every((seg) => seg.every((x) => typeof x === 'string' || typeof x === 'number')) ? segs as Path[] : null
    } catch { paths = null }
  }
  if (pathCache.size >= CACHE_MAX) pathCache.delete(pathCache.keys().next().value as string)
  pathCache.set(template, paths)
  return paths
}

/**
 * What a path's output depends on, as part of the memo key: the value at the path, tagged 0; or,
 * where liquidjs reads a key specially (`size`, `first`, `last`, an array index, a string's
 * `length`…), the whole value the key is read from, tagged 1.
 */
function lookup (scope: Record<string, unknown>, path: Path): [0 | 1, unknown] {
  let v: unknown = scope
  for (const k of path) {
    if (v === null || v === undefined) return [0, v]
    if (typeof v !== 'object' || Array.isArray(v) || k === 'size' || k === 'first' || k === 'last') return [1, v]
    const proto: unknown = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null) return [1, v]
    v = Object.hasOwn(v, k) ? (v as Record<string | number, unknown>)[k] : undefined
  }
  return [0, v]
}

/** A path of a simple template: property names, and array indexes (`items[0]`). */
type SimplePath = Array<string | number>
/**
 * One piece of a simple template: text; an output `{{ path }}` / `{{ path | default: "text" }}`;
 * or a `{% catalog_items <catalog> <id>… %}` tag whose ids are words or `{{ path }}`.
 */
type SimplePart = string | { path: SimplePath, fallback: string | undefined } | { catalog: string, ids: Array<string | SimplePath> }
const simpleCache = new Map<string, SimplePart[] | null>()
const IDENT = '[A-Za-z_][A-Za-z0-9_]*'
// Quoted text without backslashes (escapes), braces or % (delimiters): read the same by any tokenizer.
const SEGMENT = `(?:\\.${IDENT}|\\["[^"\\\\{}%]*"\\]|\\['[^'\\\\{}%]*'\\]|\\[(?:0|[1-9][0-9]{0,8})\\])`
const SIMPLE_OUTPUT = new RegExp(`^\\s*(${IDENT}${SEGMENT}*)\\s*(?:\\|\\s*default\\s*:\\s*(?:"([^"\\\\{}%]*)"|'([^'\\\\{}%]*)')\\s*)?$`)
const PATH_SEGMENTS = new RegExp(`^${IDENT}|\\.${IDENT}|\\["[^"]*"\\]|\\['[^']*'\\]|\\[[0-9]+\\]`, 'g')
const CATALOG_TAG = /^\s*catalog_items\s+([\s\S]*?)\s*$/
/** Liquid literals (`nil`, `true`, `empty`…) and the keys liquidjs reads specially (`size`, `first`, `last`). */
const NOT_PLAIN_KEYS = new Set<string | number>(['nil', 'null', 'true', 'false', 'empty', 'blank', 'size', 'first', 'last'])

/**
 * The pieces of a template that is only text, outputs of a variable path (optionally through
 * Braze's `default` with a quoted text) and `catalog_items` tags; null for anything else (other
 * tags and filters, literals, whitespace control), which liquidjs renders. Checked against
 * liquidjs for every value type in test/domain/messaging-liquid-fast.test.ts.
 */
export function simpleTemplate (template: string): SimplePart[] | null {
  let parts = simpleCache.get(template)
  if (parts !== undefined) return parts
  parts = parseSimple(template)
  if (simpleCache.size >= CACHE_MAX) simpleCache.delete(simpleCache.keys().next().value as string)
  simpleCache.set(template, parts)
  return parts
}

/** The scope variables a simple template reads (the heads of its paths; `items` after a catalog tag is the tag's). */
export function simpleRoots (parts: readonly SimplePart[]): string[] {
  const out: string[] = []
  for (const p of parts) {
    if (typeof p === 'string') continue
    if ('path' in p) out.push(String(p.path[0]))
    else for (const id of p.ids) if (typeof id !== 'string') out.push(String(id[0]))
  }
  return out
}

function parsePath (inner: string, withDefault: boolean): { path: SimplePath, fallback: string | undefined } | null {
  const m = SIMPLE_OUTPUT.exec(inner)
  if (m === null || (!withDefault && (m[2] !== undefined || m[3] !== undefined))) return null
  const path = (m[1]!.match(PATH_SEGMENTS) ?? []).map((seg): string | number =>
    seg.startsWith('["') || seg.startsWith("['") ? seg.slice(2, -2) : seg.startsWith('[') ? Number(seg.slice(1, -1)) : seg.startsWith('.') ? seg.slice(1) : seg)
  if (path.some((k) => NOT_PLAIN_KEYS.has(k))) return null
  return { path, fallback: m[2] ?? m[3] }
}

function parseSimple (template: string): SimplePart[] | null {
  if (compile(template) instanceof Error) return null
  const source = toLiquidSource(template)
  const parts: SimplePart[] = []
  let at = 0
  for (;;) {
    const output = source.indexOf('{{', at)
    const tag = source.indexOf('{%', at)
    if (output === -1 && tag === -1) break
    const open = tag === -1 || (output !== -1 && output < tag) ? output : tag
    if (open > at) parts.push(source.slice(at, open))
    if (open === output) {
      const close = source.indexOf('}}', open + 2)
      if (close === -1) return null
      const out = parsePath(source.slice(open + 2, close), true)
      if (out === null) return null
      parts.push(out)
      at = close + 2
      continue
    }
    const close = source.indexOf('%}', open + 2)
    if (close === -1) return null
    const m = CATALOG_TAG.exec(source.slice(open + 2, close))
    if (m === null) return null
    // the tag's own argument split (CatalogItemsTag): `{{ expression }}` or a word
    const args = m[1]!.match(/\{\{[\s\S]*?\}\}|\S+/g) ?? []
    const [catalog, ...rest] = args
    if (catalog === undefined || rest.length === 0 || !/^[A-Za-z0-9_-]+$/.test(catalog)) return null
    const ids: Array<string | SimplePath> = []
    for (const a of rest) {
      if (!a.startsWith('{{')) {
        if (!/^[A-Za-z0-9_.-]+$/.test(a)) return null
        ids.push(a)
        continue
      }
      const id = parsePath(a.slice(2, -2), false)
      if (id === null) return null
      ids.push(id.path)
    }
    parts.push({ catalog, ids })
    at = close + 2
  }
  if (at < source.length) parts.push(source.slice(at))
  return parts
}

const NEEDS_LIQUIDJS = Symbol('needs liquidjs')

/** A path's value as liquidjs reads it (own properties of plain objects, own elements of arrays), or NEEDS_LIQUIDJS. */
function walk (root: unknown, path: SimplePath, from: number): unknown {
  let v = root
  for (let i = from; i < path.length; i++) {
    if (v === null || v === undefined) return v
    if (typeof v !== 'object') return NEEDS_LIQUIDJS
    const k = path[i]!
    if (typeof k === 'number') {
      if (!Array.isArray(v)) return NEEDS_LIQUIDJS
      v = Object.hasOwn(v, k) ? v[k] as unknown : undefined
      continue
    }
    const proto: unknown = Object.getPrototypeOf(v)
    if (proto !== Object.prototype && proto !== null) return NEEDS_LIQUIDJS
    v = Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined
  }
  return v
}

/**
 * A simple template rendered as liquidjs renders it (Braze's `default`; strings, numbers,
 * booleans and nil printed; catalog items looked up as the tag does), or undefined when a value
 * needs liquidjs (an object or array printed or used as an id, a path through a string…).
 */
function renderSimple (parts: readonly SimplePart[], scope: Record<string, unknown>): string | undefined {
  let out = ''
  let items: unknown[] | undefined
  for (const part of parts) {
    if (typeof part === 'string') { out += part; continue }
    if ('catalog' in part) {
      const ids: string[] = []
      for (const id of part.ids) {
        const v = typeof id === 'string' ? id : items !== undefined && id[0] === 'items' ? walk(items, id, 1) : walk(scope, id, 0)
        if (v === undefined || v === null) continue
        if (typeof v === 'string') { if (v !== '') ids.push(v) } else if (typeof v === 'number' || typeof v === 'boolean') ids.push(String(v))
        else return undefined
      }
      const lookup = (scope as Record<symbol, CatalogLookup | undefined>)[CATALOG_LOOKUP]
      items = lookup === undefined ? [] : lookup(part.catalog, ids)
      continue
    }
    // after a catalog tag, `items` is the tag's (liquidjs's innermost scope), not the user's
    let v = items !== undefined && part.path[0] === 'items' ? walk(items, part.path, 1) : walk(scope, part.path, 0)
    if (v === NEEDS_LIQUIDJS) return undefined
    if (part.fallback !== undefined && (v === undefined || v === null || v === false || v === '')) v = part.fallback
    if (typeof v === 'string') out += v
    else if (typeof v === 'number' || typeof v === 'boolean') out += String(v)
    else if (v !== undefined && v !== null) return undefined
  }
  return out
}

/**
 * A renderer for one send: the output of a template depends only on the values of the variables
 * it reads, so users with the same values share one render (e.g. a body that reads only
 * trigger properties). A template whose values differ for nearly every user stops being memoised.
 */
export function createSendRenderer (maxEntries = 10_000): (template: string, scope: Record<string, unknown>) => RenderOutcome {
  const memo = new Map<string, { entries: Map<string, RenderOutcome>, hits: number, lookups: number, off: boolean }>()
  return (template, scope) => {
    if (!isLiquid(template)) return { ok: true, text: template }
    // Text and `{{ path | default: "…" }}` only: ~0.2 µs instead of liquidjs's ~13 µs a render
    // (a subject reading first_name renders once per user; BENCHMARKS.md, Issue 19).
    const simple = simpleTemplate(template)
    if (simple !== null) {
      const text = renderSimple(simple, scope)
      if (text !== undefined) return { ok: true, text }
    }
    const paths = pathsOf(template)
    if (paths === null) return render(template, scope)
    let m = memo.get(template)
    if (m === undefined) memo.set(template, m = { entries: new Map(), hits: 0, lookups: 0, off: false })
    if (m.off) return render(template, scope)
    const key = JSON.stringify(paths.map((p) => lookup(scope, p)) ?? null)
    m.lookups++
    const hit = m.entries.get(key)
    if (hit !== undefined) { m.hits++; return hit }
    if (m.lookups >= 1000 && m.hits * 10 < m.lookups) { m.off = true; m.entries.clear() }
    const r = render(template, scope)
    if (!m.off && m.entries.size < maxEntries) m.entries.set(key, r)
    return r
  }
}
