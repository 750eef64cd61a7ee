/**
 * Wire shapes of POST /users/merge (braze-docs _docs/_api/endpoints/user_data/post_users_merge.md),
 * with the doc's own 400 texts ("Troubleshooting").
 */
import { z } from 'zod'
import { BODY_NOT_OBJECT } from '../../domain/shared/errors.js'
import { MERGE_MESSAGES } from '../../domain/shared/errors.js'
import { PRIORITIES } from '../../domain/users/prioritization.js'

const prioritization = z.array(z.enum(PRIORITIES, { error: MERGE_MESSAGES.identifiers }), { error: MERGE_MESSAGES.identifiers }).min(1, { error: MERGE_MESSAGES.identifiers })
const alias = z.strictObject({ alias_name: z.string(), alias_label: z.string() }, { error: MERGE_MESSAGES.identifiers })

/** One key naming the user: external_id, user_alias, or email/phone with a prioritization. */
export const MergeIdentifierSchema = z.union([
  z.strictObject({ external_id: z.string() }),
  z.strictObject({ user_alias: alias }),
  z.strictObject({ email: z.string(), prioritization }),
  z.strictObject({ phone: z.string(), prioritization })
], { error: MERGE_MESSAGES.identifiers }).meta({ id: 'MergeIdentifier' })

export const MergeRequestSchema = z.object({
  merge_updates: z.array(z.strictObject({
    identifier_to_merge: MergeIdentifierSchema,
    identifier_to_keep: MergeIdentifierSchema
  }, { error: (issue) => (issue.code === 'unrecognized_keys' ? MERGE_MESSAGES.onlyTwoKeys : issue.input === undefined ? MERGE_MESSAGES.identifiers : MERGE_MESSAGES.notArray) }),
  { error: MERGE_MESSAGES.notArray })
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersMergeRequest',
  description: 'At most 50 merge updates. The fake applies them before answering (Braze: asynchronously).',
  examples: [{
    merge_updates: [
      { identifier_to_merge: { external_id: 'old-user1' }, identifier_to_keep: { external_id: 'current-user1' } },
      { identifier_to_merge: { email: 'john.smith@example.com', prioritization: ['unidentified', 'most_recently_updated'] }, identifier_to_keep: { external_id: 'john' } }
    ]
  }]
})
