import { z } from 'zod'
import { WorkspaceParamsSchema } from '../../shared/common.js'
import { CLUSTER_IDS } from '../../../domain/shared/clusters.js'

export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  cluster: z.string(),
  rest_host: z.string().meta({ description: 'The real Braze REST host of this cluster' }),
  rest_endpoint: z.string().meta({ description: 'Base URL that reaches this workspace\'s cluster on this fake (point clients here)' }),
  created_at: z.string()
}).meta({ id: 'Workspace' })

export const CreateWorkspaceSchema = z.object({
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
