/** Wire shapes of POST /users/alias/new and /users/alias/update (braze-docs post_user_alias.md, post_users_alias_update.md). */
import { z } from 'zod'
import { BODY_NOT_OBJECT } from '../../domain/shared/errors.js'

const NEW_ALIAS_TEXT = "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label' and an optional string 'external_id'" // [inferred]
const UPDATE_TEXT = "'alias_updates' must be an array of objects with string 'alias_label', 'old_alias_name' and 'new_alias_name'" // [inferred]

export const AliasNewRequestSchema = z.object({
  user_aliases: z.array(z.object({
    external_id: z.string({ error: NEW_ALIAS_TEXT }).optional().meta({ description: 'Adds the alias to this identified user; absent = create an alias-only user' }),
    alias_name: z.string({ error: NEW_ALIAS_TEXT }),
    alias_label: z.string({ error: NEW_ALIAS_TEXT })
  }, { error: NEW_ALIAS_TEXT }), { error: NEW_ALIAS_TEXT })
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersAliasNewRequest',
  examples: [{ user_aliases: [{ external_id: 'user-1', alias_name: 'one@example.com', alias_label: 'email' }, { alias_name: 'anon-42', alias_label: 'amplitude_id' }] }]
})

export const AliasNewResponseSchema = z.object({ aliases_processed: z.int(), message: z.literal('success') }).meta({ id: 'UsersAliasNewResponse' })

export const AliasUpdateRequestSchema = z.object({
  alias_updates: z.array(z.object({
    alias_label: z.string({ error: UPDATE_TEXT }),
    old_alias_name: z.string({ error: UPDATE_TEXT }),
    new_alias_name: z.string({ error: UPDATE_TEXT })
  }, { error: UPDATE_TEXT }), { error: UPDATE_TEXT })
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersAliasUpdateRequest',
  examples: [{ alias_updates: [{ alias_label: 'email', old_alias_name: 'old@example.com', new_alias_name: 'new@example.com' }] }]
})
