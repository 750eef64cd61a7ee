/**
 * Catalogs (braze-reference-messaging §4): the REST endpoints' rules, the control plane's views,
 * seeding and the Liquid lookup, all through this one service. Each call is one transaction and
 * validates the whole request before its first write, so a refused request changes nothing.
 *
 * Asynchronous writes (the 202 endpoints) are stored before the answer (commit-before-answer)
 * and become visible after the server's visibility delay (`/_fake/visibility`, 0 by default):
 * new items carry `visible_at = now + delay` on the fake's clock and reads filter on it.
 * [inferred] Updates and deletes of existing items show at once (the fake keeps no previous
 * versions), as the user exports do.
 */
import { toIso, type Clock } from '../shared/clock.js'
import { CatalogRequestError, FakeBadRequest, FakeNotFound } from '../shared/errors.js'
import type { RunInTransaction } from '../../repositories/shared/transaction.js'
import type { CatalogRecord, CatalogRepository, StoredItem } from '../../repositories/catalogs/catalog-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'
import type { VisibilityService } from '../toolkit/visibility-service.js'
import {
  CatalogErrors, DEFAULT_STORAGE_LIMIT_BYTES, PAGE_SIZE, applyPatch, decodeCursor, encodeCursor, fail, itemView, parseBulkDelete, parseBulkItems,
  parseCreateCatalog, parseNewFields, parseSingleItem, checkItemId, type CatalogField, type FieldType, type ItemWrite, type WriteMode
} from './catalog-rules.js'

export interface CatalogView {
  description: string
  fields: CatalogField[]
  name: string
  num_items: number
  updated_at: string
}

/** A catalog in seed files and snapshots. */
export interface SeedCatalog {
  name: string
  description?: string | undefined
  fields: CatalogField[]
  items?: Array<Record<string, unknown>> | undefined
  updated_at?: string | undefined
}

export interface ItemPage {
  items: Array<Record<string, unknown>>
  /** cursors of the neighbouring pages, absent at either end */
  prev?: string
  next?: string
}

/** What a write did, for the journal's `effects`. */
export interface WriteEffects { created: number, updated: number, deleted: number, ignored: number }

export type CatalogService = ReturnType<typeof createCatalogService>

export function createCatalogService (deps: {
  repo: CatalogRepository
  workspaces: WorkspaceRepository
  transaction: RunInTransaction
  clock: Clock
  visibility: VisibilityService
}) {
  const { repo, transaction, clock } = deps

  function fieldsOf (c: CatalogRecord): CatalogField[] { return JSON.parse(c.fields) as CatalogField[] }
  function fieldMap (c: CatalogRecord): Map<string, FieldType> { return new Map(fieldsOf(c).map((f) => [f.name, f.type])) }

  function catalog (workspacePk: number, name: string): CatalogRecord {
    const c = repo.find(workspacePk, name)
    if (c === undefined) fail('catalog-not-found', ['catalog_name'], name)
    return c
  }

  function view (c: CatalogRecord): CatalogView {
    return { description: c.description, fields: fieldsOf(c), name: c.name, num_items: repo.countVisible(c.pk, clock.now()), updated_at: toIso(c.updatedAt) }
  }

  function workspacePk (workspaceId: string): number {
    const ws = deps.workspaces.findById(workspaceId)
    if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
    return ws.pk
  }

  function storageLimit (wsPk: number): number { return repo.storageLimit(wsPk) ?? DEFAULT_STORAGE_LIMIT_BYTES }

  /**
   * The storage quota [D CAT-UG]: a workspace already at its limit refuses writes that store
   * data (`company-size-limit-already-reached`); one that this request would push past it
   * refuses the request (`company-size-limit-surge`) [D Z:CAT-BPU].
   */
  function checkQuota (wsPk: number, delta: number): void {
    const used = repo.workspaceSize(wsPk)
    const limit = storageLimit(wsPk)
    if (used >= limit) fail('company-size-limit-already-reached', [], undefined)
    if (delta > 0 && used + delta > limit) fail('company-size-limit-surge', [], undefined)
  }

  function itemOf (c: CatalogRecord, s: StoredItem, fields = fieldsOf(c)): Record<string, unknown> {
    return viewOfStored(s.itemId, s.data, fields)
  }

  interface Planned { write: ItemWrite, stored: StoredItem | undefined, data: string | undefined }

  /** What each write does given the stored item: the new JSON (undefined = leave as it is). */
  function plan (c: CatalogRecord, writes: ItemWrite[], mode: WriteMode): Planned[] {
    return writes.map((write) => {
      const stored = repo.item(c.pk, write.id)
      let data: string | undefined
      if (mode === 'create') data = stored === undefined ? JSON.stringify(write.values) : undefined // [I] bulk POST is create-only
      else if (mode === 'replace') data = JSON.stringify(write.values)
      else data = stored === undefined ? undefined : JSON.stringify(applyPatch(JSON.parse(stored.data) as Record<string, unknown>, write)) // [I] PATCH of a missing id is ignored
      return { write, stored, data }
    })
  }

  /** Applies planned writes; new items show at `visibleAt`. */
  function apply (c: CatalogRecord, planned: Planned[], visibleAt: number): WriteEffects {
    const now = clock.now()
    let seq = c.nextSeq
    let delta = 0
    const effects: WriteEffects = { created: 0, updated: 0, deleted: 0, ignored: 0 }
    for (const p of planned) {
      if (p.data === undefined) { effects.ignored++; continue }
      if (p.stored === undefined) {
        repo.insertItem(c.pk, p.write.id, seq++, p.data, visibleAt)
        delta += p.write.id.length + p.data.length
        effects.created++
      } else {
        repo.updateItem(c.pk, p.write.id, p.data)
        delta += p.data.length - (p.stored.size - p.write.id.length)
        effects.updated++
      }
    }
    repo.touch(c.pk, seq, delta, now)
    return effects
  }

  function sizeDelta (planned: Planned[]): number {
    let d = 0
    for (const p of planned) if (p.data !== undefined) d += p.stored === undefined ? p.write.id.length + p.data.length : p.data.length - (p.stored.size - p.write.id.length)
    return d
  }

  function asyncVisibleAt (): number { return clock.now() + deps.visibility.delayMs() }

  /** One page of visible items; `cursor` as the `Link` header hands it out. */
  function page (c: CatalogRecord, cursor: string | undefined): ItemPage {
    const now = clock.now()
    let skip = 0
    let rows: StoredItem[]
    if (cursor === undefined) rows = repo.pageAfter(c.pk, 0, now, PAGE_SIZE + 1)
    else {
      const pos = decodeCursor(cursor)
      if (pos === undefined) fail('invalid-cursor', ['cursor'], cursor)
      skip = pos.skip
      if (pos.after !== undefined) rows = repo.pageAfter(c.pk, pos.after, now, PAGE_SIZE + 1)
      else if (pos.before !== undefined) {
        rows = repo.pageBefore(c.pk, pos.before, now, PAGE_SIZE)
        // fewer than a page before it: the first page (items were deleted meanwhile); otherwise one
        // row past the page's end tells whether a next page exists
        if (rows.length < PAGE_SIZE) { skip = 0; rows = repo.pageAfter(c.pk, 0, now, PAGE_SIZE + 1) } else rows = [...rows, ...repo.pageAfter(c.pk, rows.at(-1)!.seq, now, 1)]
      } else rows = repo.pageOffset(c.pk, skip, now, PAGE_SIZE + 1)
    }
    const hasNext = rows.length > PAGE_SIZE
    const shown = rows.slice(0, PAGE_SIZE)
    const fields = fieldsOf(c)
    const out: ItemPage = { items: shown.map((s) => itemOf(c, s, fields)) }
    if (skip > 0 && shown.length > 0) out.prev = encodeCursor({ skip: Math.max(0, skip - PAGE_SIZE), before: shown[0]!.seq })
    else if (skip > 0) out.prev = encodeCursor({ skip: Math.max(0, skip - PAGE_SIZE) })
    if (hasNext) out.next = encodeCursor({ skip: skip + PAGE_SIZE, after: shown.at(-1)!.seq })
    return out
  }

  function visibleItem (c: CatalogRecord, itemId: string): StoredItem {
    const s = repo.item(c.pk, itemId)
    if (s === undefined || s.visibleAt > clock.now()) fail('item-not-found', ['item_id'], itemId)
    return s
  }

  function createCatalogRow (wsPk: number, input: { name: string, description: string, fields: CatalogField[] }): CatalogRecord {
    if (repo.find(wsPk, input.name) !== undefined) fail('catalog-name-already-exists', ['name'], input.name)
    repo.create(wsPk, input.name, input.description, input.fields, clock.now())
    return repo.find(wsPk, input.name)!
  }

  return {
    // --- REST: catalogs -----------------------------------------------------------------------
    list: (ws: { workspacePk: number }): CatalogView[] => repo.list(ws.workspacePk).map(view),

    create: (ws: { workspacePk: number }, body: unknown): CatalogView => transaction(() => view(createCatalogRow(ws.workspacePk, parseCreateCatalog(body)))),

    drop: (ws: { workspacePk: number }, name: string): void => transaction(() => { repo.drop(catalog(ws.workspacePk, name).pk) }),

    // --- REST: items --------------------------------------------------------------------------
    /** POST (create), PATCH (update) or PUT (replace) /catalogs/{n}/items: 202 once stored. */
    bulkWrite: (ws: { workspacePk: number }, name: string, mode: WriteMode, body: unknown): WriteEffects => transaction(() => {
      const c = catalog(ws.workspacePk, name)
      const planned = plan(c, parseBulkItems(body, mode, fieldMap(c)), mode)
      checkQuota(ws.workspacePk, sizeDelta(planned))
      return apply(c, planned, asyncVisibleAt())
    }),

    /** DELETE /catalogs/{n}/items: missing ids are ignored [inferred]. */
    bulkDelete: (ws: { workspacePk: number }, name: string, body: unknown): WriteEffects => transaction(() => {
      const c = catalog(ws.workspacePk, name)
      const ids = parseBulkDelete(body)
      const effects: WriteEffects = { created: 0, updated: 0, deleted: 0, ignored: 0 }
      let delta = 0
      for (const id of ids) {
        const s = repo.item(c.pk, id)
        if (s === undefined) { effects.ignored++; continue }
        repo.deleteItem(c.pk, id)
        delta -= s.size
        effects.deleted++
      }
      repo.touch(c.pk, c.nextSeq, delta, clock.now())
      return effects
    }),

    items: (ws: { workspacePk: number }, name: string, cursor: string | undefined): ItemPage => page(catalog(ws.workspacePk, name), cursor),

    item: (ws: { workspacePk: number }, name: string, itemId: string): Record<string, unknown> => {
      const c = catalog(ws.workspacePk, name)
      return itemOf(c, visibleItem(c, itemId))
    },

    /**
     * Single-item POST (201; refuses an existing id), PATCH (200; 404 for a missing one) and PUT
     * (200; creates a missing one). Synchronous: visible at once.
     */
    writeItem: (ws: { workspacePk: number }, name: string, itemId: string, mode: WriteMode, body: unknown): WriteEffects => transaction(() => {
      const c = catalog(ws.workspacePk, name)
      const write = parseSingleItem(itemId, body, mode, fieldMap(c))
      const [planned] = plan(c, [write], mode)
      if (mode === 'create' && planned!.stored !== undefined) fail('item-already-exists', ['id'], itemId)
      if (mode === 'update' && (planned!.stored === undefined || planned!.stored.visibleAt > clock.now())) fail('item-not-found', ['item_id'], itemId)
      checkQuota(ws.workspacePk, sizeDelta([planned!]))
      return apply(c, [planned!], clock.now())
    }),

    /** DELETE /catalogs/{n}/items/{id}: 202 [D CAT-ID]; a missing item is 404 [D]. */
    deleteItem: (ws: { workspacePk: number }, name: string, itemId: string): void => transaction(() => {
      const c = catalog(ws.workspacePk, name)
      const errors = new CatalogErrors()
      if (!checkItemId(itemId, errors)) errors.throwIfAny()
      const s = visibleItem(c, itemId)
      repo.deleteItem(c.pk, itemId)
      repo.touch(c.pk, c.nextSeq, -s.size, clock.now())
    }),

    // --- REST: fields -------------------------------------------------------------------------
    addFields: (ws: { workspacePk: number }, name: string, body: unknown): CatalogField[] => transaction(() => {
      const c = catalog(ws.workspacePk, name)
      const existing = fieldsOf(c)
      const fields = parseNewFields(body, existing)
      checkQuota(ws.workspacePk, 0)
      repo.setFields(c.pk, [...existing, ...fields], clock.now())
      return fields
    }),

    /** DELETE /catalogs/{n}/fields/{f}: the field and its values leave every item. `id` cannot go [inferred]. */
    deleteField: (ws: { workspacePk: number }, name: string, field: string): void => transaction(() => {
      const c = catalog(ws.workspacePk, name)
      const fields = fieldsOf(c)
      if (field === 'id' || !fields.some((f) => f.name === field)) fail('invalid-field-name', ['field_name'], field)
      repo.setFields(c.pk, fields.filter((f) => f.name !== field), clock.now())
      repo.removeField(c.pk, field)
    }),

    // --- Liquid ({% catalog_items %}) -----------------------------------------------------------
    /**
     * A lookup session for one send: the visible item of a catalog by id, or undefined for an
     * unknown catalog or item (which renders empty) [D CAT-UG]. Catalogs are read once a session.
     */
    lookupSession (wsPk: number): (name: string, id: string) => Record<string, unknown> | undefined {
      const now = clock.now()
      const catalogs = new Map<string, { c: CatalogRecord, fields: CatalogField[] } | null>()
      return (name, id) => {
        let entry = catalogs.get(name)
        if (entry === undefined) {
          const c = repo.find(wsPk, name)
          entry = c === undefined ? null : { c, fields: fieldsOf(c) }
          catalogs.set(name, entry)
        }
        if (entry === null) return undefined
        const s = repo.itemData(entry.c.pk, id)
        return s !== undefined && s[1] <= now ? viewOfStored(id, s[0], entry.fields) : undefined
      }
    },

    // --- control plane ------------------------------------------------------------------------
    workspaceCatalogs: (workspaceId: string): { catalogs: CatalogView[], storage: { used_bytes: number, limit_bytes: number } } => {
      const pk = workspacePk(workspaceId)
      return { catalogs: repo.list(pk).map(view), storage: { used_bytes: repo.workspaceSize(pk), limit_bytes: storageLimit(pk) } }
    },

    workspaceCatalog (workspaceId: string, name: string, cursor: string | undefined): CatalogView & ItemPage {
      const pk = workspacePk(workspaceId)
      const c = repo.find(pk, name)
      if (c === undefined) throw new FakeNotFound('Catalog', name)
      let p: ItemPage
      try { p = page(c, cursor) } catch (err) {
        // only a bad cursor is the caller's fault; anything else stays the error it is
        if (err instanceof CatalogRequestError && err.entries.some((e) => e.id === 'invalid-cursor')) throw new FakeBadRequest(`cursor ${cursor ?? ''} is not valid`)
        throw err
      }
      return { ...view(c), ...p }
    },

    /** The quota of a workspace's catalogs; null restores the default (100 MB). */
    setStorageLimit: (workspaceId: string, bytes: number | null): { limit_bytes: number, used_bytes: number } => transaction(() => {
      const pk = workspacePk(workspaceId)
      repo.setStorageLimit(pk, bytes)
      return { limit_bytes: storageLimit(pk), used_bytes: repo.workspaceSize(pk) }
    }),

    /** A seed file's `catalog_storage_limit_bytes`. */
    seedStorageLimit (wsPk: number, bytes: number): void { repo.setStorageLimit(wsPk, bytes) },

    /** A workspace's catalogs in the seed format, every item included (pending ones too), in creation order. */
    snapshot (wsPk: number): { catalogs: SeedCatalog[], storageLimitBytes: number | undefined } {
      const out: SeedCatalog[] = repo.list(wsPk).map((c) => {
        const fields = fieldsOf(c)
        const items: Array<Record<string, unknown>> = []
        for (let rows = repo.pageAfter(c.pk, 0, Number.MAX_SAFE_INTEGER, 1000); rows.length > 0; rows = repo.pageAfter(c.pk, rows.at(-1)!.seq, Number.MAX_SAFE_INTEGER, 1000)) {
          for (const r of rows) items.push(itemOf(c, r, fields))
        }
        return { name: c.name, description: c.description, fields, items, updated_at: toIso(c.updatedAt) }
      })
      return { catalogs: out, storageLimitBytes: repo.storageLimit(wsPk) }
    },

    /**
     * Seeds a catalog with its items (seed files): the REST rules apply, all in the caller's
     * transaction; items are visible at once.
     */
    seed (wsPk: number, input: SeedCatalog, at: string): void {
      try {
        const c = createCatalogRow(wsPk, parseCreateCatalog({ catalogs: [{ name: input.name, description: input.description ?? '', fields: input.fields }] }))
        const items = input.items ?? []
        for (let i = 0; i < items.length; i += 50) {
          const fresh = repo.find(wsPk, c.name)!
          const planned = plan(fresh, parseBulkItems({ items: items.slice(i, i + 50) }, 'replace', fieldMap(fresh)), 'replace')
          apply(fresh, planned, clock.now())
        }
        if (input.updated_at !== undefined) repo.touch(repo.find(wsPk, c.name)!.pk, repo.find(wsPk, c.name)!.nextSeq, 0, Date.parse(input.updated_at))
      } catch (err) {
        // the control plane names the place in the file, with the catalog error's id and values
        if (err instanceof CatalogRequestError) throw new FakeBadRequest(`${at}: ${err.entries.map((e) => `${e.id} (${e.message}) ${JSON.stringify(e.parameter_values)}`).join('; ')}`)
        throw err
      }
    }
  }
}

/** An item as the API shows it, from its stored JSON text. */
function viewOfStored (itemId: string, data: string, fields: CatalogField[]): Record<string, unknown> {
  return itemView(itemId, JSON.parse(data) as Record<string, unknown>, fields)
}
