import { z } from 'zod'
import { UserAliasSchema } from '../../shared/common.js'

export const PartnerSchema = z.object({
  name: z.string(),
  display_name: z.string(),
  filter_name: z.string().meta({ description: 'The segment filter Braze shows, e.g. "Hightouch Cohorts"' }),
  filter_id: z.string(),
  api_keys: z.object({ us: z.string(), eu: z.string() }).meta({ description: 'Partner API keys: US (also AU) and EU clusters' })
}).meta({ id: 'Partner' })

export const PartnerListSchema = z.object({ partners: z.array(PartnerSchema) })

export const WorkspacePartnerParamsSchema = z.object({ workspace_id: z.string(), partner: z.string() })

export const DataImportKeySchema = z.object({
  key: z.string(),
  partner: z.string(),
  status: z.enum(['active', 'invalidated']),
  created_at: z.string(),
  invalidated_at: z.string().optional()
}).meta({ id: 'DataImportKey' })

export const CreateDataImportKeySchema = z.object({
  key: z.string().min(8).max(256).optional().meta({ description: 'Fixed key value (e.g. for CI); a UUID is generated when absent' })
}).meta({ id: 'CreateDataImportKey', examples: [{ key: '5f2d9e3c-0000-4000-8000-d47a1b0c0de1' }] })

export const DataImportKeyListSchema = z.object({ data_import_keys: z.array(DataImportKeySchema) })
export const DataImportKeyParamsSchema = WorkspacePartnerParamsSchema.extend({ key: z.string() })

export const CohortSchema = z.object({
  partner: z.string(),
  cohort_id: z.string(),
  name: z.string().meta({ description: 'Current name; the cohort id until the cohort name endpoint is called' }),
  named: z.boolean(),
  partner_created_at: z.string().nullable().meta({ description: '`created_at` as the partner last sent it' }),
  created_at: z.string().meta({ description: 'When Braze first heard of the cohort' }),
  updated_at: z.string(),
  member_count: z.number().int(),
  locked: z.boolean().meta({ description: 'An injected 423 "Resource locked" is in force' }),
  locked_writes_remaining: z.number().int().optional()
}).meta({ id: 'Cohort' })

export const LockCohortSchema = z.object({
  writes: z.number().int().min(1).optional().meta({ description: 'Reject only the next N writes; absent = until unlocked' })
}).meta({ id: 'LockCohort', examples: [{ writes: 2 }] })

export const CohortListSchema = z.object({ cohorts: z.array(CohortSchema) })
export const CohortListQuerySchema = z.object({ partner: z.string().optional() })
export const CohortParamsSchema = WorkspacePartnerParamsSchema.extend({ cohort_id: z.string() })

export const CohortMemberSchema = z.object({
  braze_id: z.string(),
  external_id: z.string().optional(),
  device_ids: z.array(z.string()).optional(),
  aliases: z.array(UserAliasSchema).optional(),
  added_at: z.string()
}).meta({ id: 'CohortMember' })

export const CohortMembersSchema = z.object({
  members: z.array(CohortMemberSchema),
  next_cursor: z.string().optional()
})
