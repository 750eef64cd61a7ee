/** Control plane: a workspace's catalogs, one catalog with a page of its items, and the storage quota. */
import { z } from 'zod'
import { CatalogItemSchema, CatalogSchema } from '../catalogs.js'

export const ControlCatalogListSchema = z.object({
  catalogs: z.array(CatalogSchema),
  storage: z.object({ used_bytes: z.number().int(), limit_bytes: z.number().int() })
}).meta({ id: 'ControlCatalogList' })

export const ControlCatalogParamsSchema = z.object({ workspace_id: z.string(), catalog_name: z.string() })

export const ControlCatalogQuerySchema = z.object({
  cursor: z.string().optional().meta({ description: '`next_cursor` / `prev_cursor` of another page' })
})

export const ControlCatalogDetailSchema = CatalogSchema.extend({
  items: z.array(CatalogItemSchema),
  prev_cursor: z.string().optional(),
  next_cursor: z.string().optional()
}).meta({ id: 'ControlCatalogDetail' })

export const CatalogSettingsBodySchema = z.object({
  storage_limit_bytes: z.number().int().min(0).nullable().meta({ description: 'the workspace\'s catalog storage quota; null restores the free tier\'s 100 MB' })
}).meta({ id: 'CatalogSettingsRequest', examples: [{ storage_limit_bytes: 1000 }] })

export const CatalogSettingsSchema = z.object({ limit_bytes: z.number().int(), used_bytes: z.number().int() }).meta({ id: 'CatalogSettings' })
