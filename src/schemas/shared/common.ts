/** Shared wire pieces, registered in zod's global registry so the OpenAPI document has named components. */
import { z } from 'zod'

export const BrazeErrorSchema = z.object({
  message: z.string().meta({ description: 'Braze\'s message: "success" or the error text' }),
  errors: z.array(z.unknown()).optional()
}).meta({ id: 'BrazeError', description: 'Braze\'s response envelope for errors: `{"message": …}`' })

export const BrazeSuccessSchema = z.object({
  message: z.literal('success')
}).meta({ id: 'BrazeSuccess', example: { message: 'success' } })

export const FakeErrorSchema = z.object({
  message: z.string()
}).meta({ id: 'FakeError', description: 'Control-plane errors use the same `{"message": …}` envelope as Braze.' })

/** Error responses every route can produce, by status. */
export function errorResponses (...statuses: number[]): Record<number, typeof BrazeErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, BrazeErrorSchema]))
}

/**
 * Statuses a Braze-surface route answers: its own, plus 429 (rate limits) and the 5xx a test can
 * inject through /_fake/faults.
 */
export function brazeErrorResponses (...statuses: number[]): Record<number, typeof BrazeErrorSchema> {
  return errorResponses(...new Set([...statuses, 429, 500, 502, 503, 504]))
}

export const UserAliasSchema = z.object({
  alias_name: z.string(),
  alias_label: z.string()
}).meta({ id: 'UserAlias', description: 'Braze user alias object (_docs/_api/objects_filters/user_alias_object.md)' })

/** The `{workspace_id}` path parameter every workspace-scoped control route takes. */
export const WorkspaceParamsSchema = z.object({ workspace_id: z.string() })

/** Cursor paging of control-plane member lists (cohorts, segments). */
/** `?reveal=true` shows keys in full in a key listing; by default they are masked (issue 13). */
export const RevealQuerySchema = z.object({
  reveal: z.enum(['true', 'false']).optional().transform((v) => v === 'true').meta({ description: 'true lists keys in full; by default only their first 4 characters show' })
})

export const PageQuerySchema = z.object({
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100)
})
