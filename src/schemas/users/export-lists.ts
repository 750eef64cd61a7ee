/** Wire shapes of the schema lists: GET /custom_attributes, /events, /events/list, /purchases/product_list. */
import { z } from 'zod'
import { LIST_MESSAGES } from '../../domain/users/export/export-lists-service.js'

export const CursorQuerySchema = z.object({
  cursor: z.string().optional().meta({ description: 'From the `Link` header of the previous answer' })
})

export const PageQuerySchema = z.object({
  page: z.coerce.number({ error: LIST_MESSAGES.page }).int({ error: LIST_MESSAGES.page }).min(0, { error: LIST_MESSAGES.page }).default(0)
    .meta({ description: 'Page to return, 0-based, 250 names a page' })
})

export const CustomAttributesResponseSchema = z.object({
  message: z.literal('success'),
  attributes: z.array(z.object({
    array_length: z.int().nullable(),
    data_type: z.string().meta({ description: 'Number, String, Boolean, Time, Object, Array, Array of Objects' }),
    description: z.string().nullable(),
    name: z.string(),
    status: z.string(),
    tag_names: z.array(z.string())
  }))
}).meta({ id: 'CustomAttributesResponse' })

export const CustomEventsResponseSchema = z.object({
  message: z.literal('success'),
  events: z.array(z.object({
    name: z.string(),
    description: z.string().nullable(),
    included_in_analytics_report: z.boolean(),
    status: z.string(),
    tag_names: z.array(z.string())
  }))
}).meta({ id: 'CustomEventsResponse' })

export const EventNamesResponseSchema = z.object({ message: z.literal('success'), events: z.array(z.string()) }).meta({ id: 'EventNamesResponse' })
export const ProductListResponseSchema = z.object({ products: z.array(z.string()), message: z.literal('success') }).meta({ id: 'ProductListResponse' })
