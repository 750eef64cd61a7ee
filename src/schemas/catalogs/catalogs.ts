/**
 * Braze's catalog endpoints, spelled as braze-docs spells them (braze-reference-messaging §4).
 * Request bodies are described here but checked by the domain (src/domain/catalogs/catalog-rules.ts):
 * every broken rule must come back in the catalog envelope with its error id, all at once, which
 * a schema library's first-error wording cannot give. So body members are `unknown` to zod.
 */
import { z } from 'zod'
import { FIELD_TYPES } from '../../domain/catalogs/catalog-rules.js'

export const CatalogFieldSchema = z.object({
  name: z.string().meta({ description: 'letters, digits, `-`, `_`; ≤ 250 characters' }),
  type: z.enum(FIELD_TYPES)
}).meta({ id: 'CatalogField' })

export const CatalogSchema = z.object({
  description: z.string(),
  fields: z.array(CatalogFieldSchema),
  name: z.string(),
  num_items: z.number().int(),
  updated_at: z.string().meta({ description: 'ISO-8601, UTC' })
}).meta({ id: 'Catalog' })

export const CatalogErrorEnvelopeSchema = z.object({
  errors: z.array(z.object({
    id: z.string().meta({ description: 'e.g. `catalog-not-found`, `invalid-ids`, `unable-to-coerce-value`' }),
    message: z.string(),
    parameters: z.array(z.string()),
    parameter_values: z.array(z.unknown())
  })).optional().meta({ description: 'absent for authentication, body-parsing, 429 and storage errors, which keep Braze\'s `{"message"}`' }),
  message: z.string().meta({ description: 'always `Invalid Request` for catalog errors; other texts for authentication, 429 and storage faults' })
}).meta({
  id: 'CatalogErrorEnvelope',
  description: 'The catalog error envelope (§4.2): every broken rule at once; 404 for `catalog-not-found` / `item-not-found`, 400 otherwise.',
  examples: [{ errors: [{ id: 'catalog-not-found', message: 'Could not find catalog', parameters: ['catalog_name'], parameter_values: ['restaurants'] }], message: 'Invalid Request' }]
})

/** Catalog routes answer their errors in the catalog envelope; 401/403/415/429/5xx keep Braze's `{"message"}` (a subset of it). */
export function catalogErrorResponses (...statuses: number[]): Record<number, typeof CatalogErrorEnvelopeSchema> {
  return Object.fromEntries([...new Set([...statuses, 401, 403, 429, 500, 502, 503, 504])].map((s) => [s, CatalogErrorEnvelopeSchema]))
}

export const CatalogSuccessSchema = z.object({ message: z.literal('success') }).meta({ id: 'CatalogSuccess' })

export const CatalogListResponseSchema = z.object({ catalogs: z.array(CatalogSchema), message: z.literal('success') }).meta({ id: 'CatalogList' })

export const CreateCatalogSchema = z.looseObject({
  catalogs: z.unknown().optional().meta({ description: 'exactly one `{name, description, fields}`; the first field `{"name":"id","type":"string"}`' })
}).meta({
  id: 'CreateCatalogRequest',
  examples: [{
    catalogs: [{
      name: 'restaurants',
      description: 'My Restaurants',
      fields: [{ name: 'id', type: 'string' }, { name: 'Name', type: 'string' }, { name: 'Rating', type: 'number' }, { name: 'Top_Dishes', type: 'array' }, { name: 'Open_Time', type: 'time' }]
    }]
  }]
})

export const CatalogItemsBodySchema = z.looseObject({
  items: z.unknown().optional().meta({ description: 'up to 50 item objects, each with a string `id` (bulk) or one object without `id` (single-item endpoints)' })
}).meta({
  id: 'CatalogItemsRequest',
  examples: [{ items: [{ id: 'restaurant1', Name: 'Restaurant1', Rating: 5, Top_Dishes: ['Pizza', 'Pasta'], Open_Time: '2022-11-01T09:03:19.967+00:00' }] }]
})

export const CatalogFieldsBodySchema = z.looseObject({
  fields: z.unknown().optional().meta({ description: 'up to 50 `{name, type}` objects' })
}).meta({ id: 'CatalogFieldsRequest', examples: [{ fields: [{ name: 'Cuisine', type: 'string' }] }] })

const catalogName = z.string().meta({ description: 'the catalog\'s name' })
export const CatalogParamsSchema = z.object({ catalog_name: catalogName })
export const CatalogItemParamsSchema = z.object({ catalog_name: catalogName, item_id: z.string() })
export const CatalogFieldParamsSchema = z.object({ catalog_name: catalogName, field_name: z.string() })
export const CatalogItemsQuerySchema = z.looseObject({
  cursor: z.string().optional().meta({ description: 'from the `Link` header of the previous call' })
})

export const CatalogItemSchema = z.record(z.string(), z.unknown()).meta({ id: 'CatalogItem', description: '`id` first, then the item\'s fields; `time` values in UTC with milliseconds and `Z`' })
export const CatalogItemsResponseSchema = z.object({ items: z.array(CatalogItemSchema), message: z.literal('success') }).meta({ id: 'CatalogItems' })
