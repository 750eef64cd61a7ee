import { z } from 'zod'

const Counts = z.record(z.string(), z.number().int())

export const DataPointTotalsSchema = z.object({
  total: z.number().int().meta({ description: 'All billable data points logged in this workspace since it was created or reset' }),
  by_source: Counts.meta({ description: '`users.track`, `cohort_import:<partner>`' }),
  by_kind: Counts.meta({ description: '`attributes`, `events`, `purchases`, `cohort_assignments`' }),
  by_source_and_kind: z.record(z.string(), Counts)
}).meta({
  id: 'DataPointTotals',
  examples: [{
    total: 12,
    by_source: { 'users.track': 9, 'cohort_import:hightouch': 3 },
    by_kind: { attributes: 7, events: 1, purchases: 1, cohort_assignments: 3 },
    by_source_and_kind: { 'users.track': { attributes: 7, events: 1, purchases: 1 }, 'cohort_import:hightouch': { cohort_assignments: 3 } }
  }]
})
