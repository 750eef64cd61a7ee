/**
 * Wire shapes of POST /users/external_ids/rename and /remove (braze-docs
 * post_external_ids_rename.md, post_external_ids_remove.md). Type error texts are [inferred].
 */
import { z } from 'zod'
import { BODY_NOT_OBJECT, EXTERNAL_ID_MESSAGES } from '../../domain/shared/errors.js'

export const ExternalIdRenameRequestSchema = z.object({
  external_id_renames: z.array(z.object({
    current_external_id: z.string({ error: EXTERNAL_ID_MESSAGES.renamesShape }),
    new_external_id: z.string({ error: EXTERNAL_ID_MESSAGES.renamesShape })
  }, { error: EXTERNAL_ID_MESSAGES.renamesShape }), { error: EXTERNAL_ID_MESSAGES.renamesShape }).min(1, { error: EXTERNAL_ID_MESSAGES.renamesShape })
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersExternalIdsRenameRequest',
  examples: [{ external_id_renames: [{ current_external_id: 'old-id', new_external_id: 'new-id' }] }]
})

export const ExternalIdRenameResponseSchema = z.object({
  message: z.literal('success'),
  external_ids: z.array(z.string()).meta({ description: 'The current_external_id of each rename that succeeded' }),
  rename_errors: z.array(z.tuple([z.int(), z.string()])).meta({ description: '[index, error] per rename that failed' })
}).meta({ id: 'UsersExternalIdsRenameResponse', examples: [{ message: 'success', external_ids: ['old-id'], rename_errors: [] }] })

export const ExternalIdRemoveRequestSchema = z.object({
  external_ids: z.array(z.string({ error: EXTERNAL_ID_MESSAGES.removeShape }), { error: EXTERNAL_ID_MESSAGES.removeShape }).min(1, { error: EXTERNAL_ID_MESSAGES.removeShape })
}, { error: BODY_NOT_OBJECT }).meta({ id: 'UsersExternalIdsRemoveRequest', examples: [{ external_ids: ['old-id'] }] })

export const ExternalIdRemoveResponseSchema = z.object({
  message: z.literal('success'),
  removed_ids: z.array(z.string()),
  removal_errors: z.array(z.tuple([z.int(), z.string()])).meta({ description: '[index, error] per id that could not be removed' })
}).meta({ id: 'UsersExternalIdsRemoveResponse', examples: [{ message: 'success', removed_ids: ['old-id'], removal_errors: [] }] })
