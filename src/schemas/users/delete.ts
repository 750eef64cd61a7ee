/** Wire shapes of POST /users/delete (braze-docs _docs/_api/endpoints/user_data/post_user_delete.md). */
import { z } from 'zod'
import { BODY_NOT_OBJECT } from '../../domain/shared/errors.js'
import { PRIORITIES } from '../../domain/users/prioritization.js'

const strings = (field: string) => z.array(z.string({ error: `'${field}' must be an array of strings` }), { error: `'${field}' must be an array of strings` }) // [inferred]
const ALIASES = "'user_aliases' must be an array of objects with string 'alias_name' and 'alias_label'" // [inferred]
const prioritization = z.array(z.enum(PRIORITIES, { error: `'prioritization' values must be one of ${PRIORITIES.join(', ')}` })).optional()
const contactMessage = (field: string, key: string): string => `'${field}' must be an array of strings or of objects with a string '${key}' and a 'prioritization' array` // [inferred]
const EMAILS = contactMessage('email_addresses', 'email')
const PHONES = contactMessage('phone_numbers', 'phone')

export const DeleteRequestSchema = z.object({
  external_ids: strings('external_ids').optional(),
  user_aliases: z.array(z.object({ alias_name: z.string({ error: ALIASES }), alias_label: z.string({ error: ALIASES }) }, { error: ALIASES }), { error: ALIASES }).optional(),
  braze_ids: strings('braze_ids').optional(),
  email_addresses: z.array(z.union([z.string(), z.object({ email: z.string(), prioritization })], { error: EMAILS }), { error: EMAILS }).optional().meta({ description: '`{email, prioritization}` objects (or plain strings: deleted only when one user has the email)' }),
  phone_numbers: z.array(z.union([z.string(), z.object({ phone: z.string(), prioritization })], { error: PHONES }), { error: PHONES }).optional()
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersDeleteRequest',
  description: 'Exactly one of the five arrays, at most 50 identifiers.',
  examples: [{ external_ids: ['user-1', 'user-2'] }, { email_addresses: [{ email: 'one@example.com', prioritization: ['unidentified', 'most_recently_updated'] }] }]
})

export const DeleteResponseSchema = z.object({ deleted: z.int(), message: z.literal('success') }).meta({ id: 'UsersDeleteResponse' })
