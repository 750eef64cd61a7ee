/**
 * Braze's schema lists, derived from what the workspace has ingested ([inferred]: Braze keeps a
 * schema managed in its dashboard; the fake lists every name it has stored):
 * - GET /custom_attributes (get_custom_attributes.md): 50 a page, alphabetical, `cursor` + `Link`;
 * - GET /events (get_custom_events_data.md): the same paging, objects per event name;
 * - GET /events/list (get_custom_events.md): names, 250 a page, `page` 0-based;
 * - GET /purchases/product_list (get_list_product_id.md): names, 250 a page, `page` 0-based ([inferred] size).
 * Cursors are base64("skip:<offset>"), as Braze's catalog examples decode ([inferred] scheme).
 */
import { BadRequest } from '../../shared/errors.js'
import type { ExportListsRepository } from '../../../repositories/users/export-lists-repository.js'

export const CURSOR_PAGE = 50
export const NAME_PAGE = 250
/** [I] texts */
export const LIST_MESSAGES = { cursor: 'Invalid cursor', page: 'page must be a non-negative integer (0 is the first page)' } as const
/** the fake caps custom attribute arrays at 25 elements (see /users/track) */
const ARRAY_LENGTH = 25

export interface CustomAttributeView {
  array_length: number | null
  data_type: string
  description: string | null
  name: string
  status: 'Active'
  tag_names: string[]
}

export interface CustomEventView { name: string, description: string | null, included_in_analytics_report: boolean, status: 'Active', tag_names: string[] }

export interface CursorPage<T> { items: T[], prev?: string, next?: string }

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/

/** Braze's data type names ([D] "Number"; the others [inferred] from the dashboard's types). */
export function dataType (jsonType: string, value: string | null): string {
  switch (jsonType) {
    case 'integer': case 'real': return 'Number'
    case 'true': case 'false': return 'Boolean'
    case 'object': return 'Object'
    case 'array': return value !== null && /^\[\s*\{/.test(value) ? 'Array of Objects' : 'Array'
    case 'text': return value !== null && ISO_TIME.test(value) ? 'Time' : 'String'
    default: return 'String'
  }
}

export function encodeCursor (offset: number): string {
  return Buffer.from(`skip:${offset}`).toString('base64')
}

function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined) return 0
  const m = /^skip:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))
  if (m === null || Buffer.from(`skip:${m[1]}`).toString('base64') !== cursor) throw new BadRequest(LIST_MESSAGES.cursor)
  return Number(m[1])
}

function cursorPage<T> (all: readonly T[], cursor: string | undefined): CursorPage<T> {
  const offset = decodeCursor(cursor)
  const items = all.slice(offset, offset + CURSOR_PAGE)
  return {
    items,
    ...(offset > 0 && { prev: encodeCursor(Math.max(0, offset - CURSOR_PAGE)) }),
    ...(offset + CURSOR_PAGE < all.length && { next: encodeCursor(offset + CURSOR_PAGE) })
  }
}

export type ExportListsService = ReturnType<typeof createExportListsService>

export function createExportListsService (deps: { lists: ExportListsRepository }) {
  return {
    customAttributes (workspacePk: number, cursor: string | undefined): CursorPage<CustomAttributeView> {
      const all = deps.lists.customAttributes(workspacePk).map((r) => {
        const type = dataType(r.type, r.value)
        return { array_length: type === 'Array' ? ARRAY_LENGTH : null, data_type: type, description: null, name: r.name, status: 'Active' as const, tag_names: [] }
      })
      return cursorPage(all, cursor)
    },
    events (workspacePk: number, cursor: string | undefined): CursorPage<CustomEventView> {
      const all = deps.lists.eventNames(workspacePk).map((name) => ({ name, description: null, included_in_analytics_report: false, status: 'Active' as const, tag_names: [] }))
      return cursorPage(all, cursor)
    },
    eventNames (workspacePk: number, page: number): string[] {
      return deps.lists.eventNames(workspacePk).slice(page * NAME_PAGE, (page + 1) * NAME_PAGE)
    },
    productIds (workspacePk: number, page: number): string[] {
      return deps.lists.productIds(workspacePk).slice(page * NAME_PAGE, (page + 1) * NAME_PAGE)
    }
  }
}

/** The `Link` header of a cursor page: relative URLs, comma-separated without a space (catalog example). */
export function linkHeader (path: string, page: CursorPage<unknown>): string | undefined {
  const parts = [
    ...(page.prev !== undefined ? [`<${path}?cursor=${page.prev}>; rel="prev"`] : []),
    ...(page.next !== undefined ? [`<${path}?cursor=${page.next}>; rel="next"`] : [])
  ]
  return parts.length === 0 ? undefined : parts.join(',')
}
