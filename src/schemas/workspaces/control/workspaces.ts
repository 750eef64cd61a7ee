import { z } from 'zod'
import { WorkspaceParamsSchema } from '../../shared/common.js'
import { CLUSTER_IDS } from '../../../domain/shared/clusters.js'

export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  cluster: z.string(),
  rest_host: z.string().meta({ description: 'The real Braze REST host of this cluster' }),
  rest_endpoint: z.string().meta({ description: 'Base URL that reaches this workspace\'s cluster on this fake (point clients here)' }),
  created_at: z.string(),
  onboarded_at: z.string().meta({ description: 'The company\'s onboarding date. On or after 2024-08-22, `/users/export/ids` requires `fields_to_export`' }),
  pricing_model: z.enum(['data_points', 'mau']).meta({ description: '`data_points`: 75 objects per /users/track array, epoch `x-ratelimit-reset`. `mau` (Monthly Active Users CY 24-25): 75 objects per request in total, `x-ratelimit-reset` in seconds remaining, `x-ratelimit-retry-after` on 429' }),
  legacy_api_key: z.boolean().nullable().meta({ description: 'Whether the legacy `api_key` body/query parameter is accepted; null follows the server\'s `--legacy-api-key`' })
}).meta({ id: 'Workspace' })

export const WorkspaceSettingsSchema = z.object({
  onboarded_at: z.string().optional().meta({ description: 'ISO-8601 date; defaults to the creation time' }),
  pricing_model: z.enum(['data_points', 'mau']).optional().meta({ description: 'Defaults to `data_points`' }),
  legacy_api_key: z.boolean().nullable().optional().meta({ description: 'Accept `api_key` in the body or query when no Authorization header is sent; null (the default) follows the server flag' })
})

export const CreateWorkspaceSchema = WorkspaceSettingsSchema.extend({
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, ".", "_" and "-" only').optional()
    .meta({ description: 'Fixed id (e.g. for CI); a UUID is generated when absent' }),
  name: z.string().min(1).max(255).optional(),
  cluster: z.enum(CLUSTER_IDS as [string, ...string[]]).optional().meta({ description: 'Defaults to the server\'s cluster' }),
  partners: z.array(z.string()).optional()
    .meta({ description: 'Also provision, in the same call, a data import key per partner and a REST API key with every permission (the response then lists them with the partner API keys)' })
}).meta({ id: 'CreateWorkspace', examples: [{ name: 'Acme staging', cluster: 'iad-01' }] })

export const ProvisionedWorkspaceSchema = WorkspaceSchema.extend({
  data_import_keys: z.record(z.string(), z.string()).optional().meta({ description: 'partner → data import key (client_secret)' }),
  partner_api_keys: z.record(z.string(), z.object({ us: z.string(), eu: z.string(), current: z.string() })).optional()
    .meta({ description: 'partner → partner API keys; `current` is the one this workspace\'s cluster accepts' }),
  rest_api_key: z.string().optional().meta({ description: 'REST API key with every permission' })
}).meta({ id: 'ProvisionedWorkspace' })

export const WorkspaceListSchema = z.object({ workspaces: z.array(WorkspaceSchema) })
