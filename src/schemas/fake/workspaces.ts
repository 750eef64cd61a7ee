import { z } from 'zod'
import { CLUSTER_IDS } from '../../domain/clusters.js'

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
  cluster: z.enum(CLUSTER_IDS as [string, ...string[]]).optional().meta({ description: 'Defaults to the server\'s cluster' })
}).meta({ id: 'CreateWorkspace', examples: [{ name: 'Acme staging', cluster: 'iad-01' }] })

export const WorkspaceParamsSchema = z.object({ workspace_id: z.string() })
export const WorkspaceListSchema = z.object({ workspaces: z.array(WorkspaceSchema) })
