import { z } from 'zod'
import { REST_PERMISSIONS } from '../../../domain/shared/rest-permissions.js'

export const RestApiKeySchema = z.object({
  key: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  created_at: z.string(),
  revoked_at: z.string().optional()
}).meta({ id: 'RestApiKey' })

export const CreateRestApiKeySchema = z.object({
  key: z.string().min(8).max(256).optional().meta({ description: 'Fixed key value (e.g. for CI); a UUID is generated when absent' }),
  name: z.string().min(1).max(255).optional(),
  permissions: z.array(z.enum(REST_PERMISSIONS)).optional().meta({ description: 'Defaults to every permission' })
}).meta({ id: 'CreateRestApiKey', examples: [{ name: 'Hightouch sync', permissions: ['users.track', 'users.export.ids'] }] })

export const RestApiKeyListSchema = z.object({ rest_api_keys: z.array(RestApiKeySchema) })
export const RestApiKeyParamsSchema = z.object({ workspace_id: z.string(), key: z.string() })
