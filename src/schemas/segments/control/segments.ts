import { z } from 'zod'
import { WorkspaceParamsSchema } from '../../shared/common.js'

const FilterTreeSchema = z.record(z.string(), z.unknown()).meta({
  id: 'SegmentFilter',
  description: 'A filter tree: `{"and":[…]}` | `{"or":[…]}` | `{"not":…}` | a leaf. Leaves: ' +
    '`{"filter":"<partner>_cohorts","operator":"includes_value"|"excludes_value","value":"<cohort_id>"}`; ' +
    '`{"filter":"custom_attribute","attribute":"<name>","operator":"equals"|"not_equals"|"exists"|"does_not_exist"|"greater_than"|"less_than"|"includes_value"|"does_not_include_value","value":…}`; ' +
    '`{"filter":"email_subscribe"|"push_subscribe","operator":"equals"|"not_equals","value":"opted_in"|"subscribed"|"unsubscribed"}`; ' +
    '`{"filter":"external_id"|"email"|"phone","operator":"exists"|"does_not_exist"}`. A bad node is a 400 naming its path.',
  examples: [{ and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip-buyers' }, { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }] }]
})

const name = z.string().min(1).max(255)
const tags = z.array(z.string().min(1)).max(100)
const description = z.string().max(10_000).nullable()

export const CreateSegmentSchema = z.object({
  id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, ".", "_" and "-" only').optional()
    .meta({ description: 'Fixed segment id (e.g. for CI); a UUID is generated when absent' }),
  name,
  tags: tags.optional(),
  description: description.optional().meta({ description: 'The segment\'s description text (`text_description` in /segments/details)' }),
  analytics_tracking_enabled: z.boolean().optional(),
  filter: FilterTreeSchema
}).meta({
  id: 'CreateSegment',
  examples: [{
    name: 'VIP buyers on gold',
    tags: ['hightouch'],
    description: 'Target of the winback campaign',
    filter: { and: [{ filter: 'hightouch_cohorts', operator: 'includes_value', value: 'vip-buyers' }, { filter: 'custom_attribute', attribute: 'plan', operator: 'equals', value: 'gold' }] }
  }]
})

export const ReplaceSegmentSchema = CreateSegmentSchema.omit({ id: true }).meta({ id: 'ReplaceSegment' })
export const PatchSegmentSchema = CreateSegmentSchema.omit({ id: true }).partial().meta({
  id: 'PatchSegment', examples: [{ filter: { filter: 'hightouch_cohorts', operator: 'excludes_value', value: 'vip-buyers' } }]
})

export const SegmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  filter: z.unknown(),
  filter_description: z.string().meta({ description: 'The tree in words, as /segments/details `description` gives it' }),
  analytics_tracking_enabled: z.boolean(),
  archived: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  size: z.number().int().optional().meta({ description: 'Current number of members (single-segment responses)' })
}).meta({ id: 'Segment' })

export const SegmentListSchema = z.object({ segments: z.array(SegmentSchema) })
export const SegmentParamsSchema = WorkspaceParamsSchema.extend({ segment_id: z.string() })

export const SegmentMembersSchema = z.object({
  members: z.array(z.object({
    braze_id: z.string(),
    external_id: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional()
  }).meta({ id: 'SegmentMember' })),
  next_cursor: z.string().optional(),
  total: z.number().int().meta({ description: 'Members in all, now' })
})

export const SegmentFiltersSchema = z.object({
  filters: z.array(z.object({
    filter: z.string().meta({ description: 'Filter id for segment trees, e.g. hightouch_cohorts' }),
    name: z.string().meta({ description: 'As the dashboard shows it, e.g. "Hightouch Cohorts"' }),
    partner: z.string(),
    cohorts: z.array(z.object({ cohort_id: z.string(), name: z.string() }))
  }).meta({ id: 'SegmentFilterOption' }))
})

export const ExportFileParamsSchema = z.object({ file: z.string().meta({ description: '`<object_prefix>.zip`' }) })

export const SegmentExportListSchema = z.object({
  exports: z.array(z.object({
    object_prefix: z.string(),
    segment_id: z.string(),
    status: z.enum(['running', 'done', 'failed']).meta({ description: 'running until the file is built and the callback answered' }),
    user_count: z.number().int().nullable(),
    error: z.string().nullable().meta({ description: 'Why the build failed, or why the callback POST failed' }),
    created_at: z.string(),
    finished_at: z.string().nullable()
  }).meta({ id: 'SegmentExportJob' }))
})
