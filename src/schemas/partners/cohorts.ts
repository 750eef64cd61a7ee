/**
 * Wire shapes of Braze's partner cohort endpoints, spelled as braze-docs
 * `_docs/_partners/isv_partners/cohort_import.md` spells them. Each field carries the exact
 * 400 text Braze documents for it; the error handler sends the first failing field's text.
 */
import { z } from 'zod'
import { COHORT_MESSAGES } from '../../domain/shared/errors.js'
import { isIso8601 } from '../../domain/shared/time.js'
import { defaultPartnerApiKey } from '../../domain/shared/partners.js'

export const EXAMPLE_DATA_IMPORT_KEY = '5f2d9e3c-0000-4000-8000-d47a1b0c0de1'
const EXAMPLE_PARTNER_KEY = defaultPartnerApiKey('hightouch', 'us')

const credentials = {
  partner_api_key: z.string().meta({ description: 'The partner\'s API key (US or EU flavour), issued by Braze to the partner' }),
  client_secret: z.string().meta({ description: 'The customer\'s data import key for this partner' })
}

const cohortId = z.string({ error: COHORT_MESSAGES.cohortId })
  .refine((s) => s.trim() !== '', { error: COHORT_MESSAGES.cohortId })
  .meta({ description: 'Partner-generated id, unique per workspace and partner' })

export const CohortNameRequestSchema = z.object({
  ...credentials,
  cohort_id: cohortId,
  name: z.string({ error: COHORT_MESSAGES.name })
    .refine((s) => s.trim() !== '', { error: COHORT_MESSAGES.name })
    .meta({ description: 'Shown in the "<Partner> Cohorts" segment filter' }),
  created_at: z.string({ error: COHORT_MESSAGES.createdAt })
    .refine(isIso8601, { error: COHORT_MESSAGES.createdAt })
    .meta({ description: 'ISO-8601 timestamp' })
}).meta({
  id: 'CohortNameRequest',
  examples: [{
    partner_api_key: EXAMPLE_PARTNER_KEY,
    client_secret: EXAMPLE_DATA_IMPORT_KEY,
    cohort_id: 'vip-buyers',
    name: 'VIP buyers',
    created_at: '2026-11-28T12:00:00Z'
  }]
})

const identifierArray = z.array(z.string({ error: COHORT_MESSAGES.cohortChanges }), { error: COHORT_MESSAGES.cohortChanges })

export const CohortChangeSchema = z.object({
  user_ids: identifierArray.optional().meta({ description: 'External ids' }),
  device_ids: identifierArray.optional().meta({ description: 'Device ids; match anonymous users only' }),
  aliases: z.array(z.object({
    alias_name: z.string({ error: COHORT_MESSAGES.cohortChanges }),
    alias_label: z.string({ error: COHORT_MESSAGES.cohortChanges })
  }, { error: COHORT_MESSAGES.cohortChanges }), { error: COHORT_MESSAGES.cohortChanges }).optional(),
  should_remove: z.boolean({ error: 'should_remove must be a boolean' }).optional().meta({ description: 'true removes these users from the cohort' })
}, { error: COHORT_MESSAGES.cohortChanges })
  .refine((c) => c.user_ids !== undefined || c.device_ids !== undefined || c.aliases !== undefined, { error: COHORT_MESSAGES.cohortChanges })
  .meta({ id: 'CohortChange' })

export const CohortUsersRequestSchema = z.object({
  ...credentials,
  cohort_id: cohortId,
  cohort_changes: z.array(CohortChangeSchema, { error: COHORT_MESSAGES.cohortChanges })
    .meta({ description: 'Ordered add/remove deltas; at most 1,000 identifiers in the whole request' })
}).meta({
  id: 'CohortUsersRequest',
  examples: [{
    partner_api_key: EXAMPLE_PARTNER_KEY,
    client_secret: EXAMPLE_DATA_IMPORT_KEY,
    cohort_id: 'vip-buyers',
    cohort_changes: [
      { user_ids: ['user-1', 'user-2'], device_ids: [], aliases: [] },
      { user_ids: [], device_ids: [], aliases: [{ alias_name: 'gone@example.com', alias_label: 'email' }], should_remove: true }
    ]
  }]
})

export const PartnerParamsSchema = z.object({
  partner: z.string().meta({ description: 'Partner slug, e.g. hightouch, census, segment', example: 'hightouch' })
})

export type CohortNameRequest = z.infer<typeof CohortNameRequestSchema>
export type CohortUsersRequest = z.infer<typeof CohortUsersRequestSchema>
