/** Wire shapes of POST /users/identify (braze-docs _docs/_api/endpoints/user_data/post_user_identify.md). */
import { z } from 'zod'
import { BODY_NOT_OBJECT } from '../../domain/shared/errors.js'
import { PRIORITIES } from '../../domain/users/prioritization.js'

const text = (array: string, id: string): string => `'${array}' must be an array of objects with a string 'external_id' and ${id}` // [inferred]
const ALIASES = text('aliases_to_identify', "a 'user_alias' object")
const EMAILS = text('emails_to_identify', "a string 'email'")
const PHONES = text('phone_numbers_to_identify', "a string 'phone'")
const prioritization = z.unknown().optional().meta({
  description: `Ordered array of ${PRIORITIES.join(', ')}; required with email or phone (a bad one is a per-item error)`
})

export const IdentifyRequestSchema = z.object({
  aliases_to_identify: z.array(z.object({
    external_id: z.string({ error: ALIASES }),
    user_alias: z.object({ alias_name: z.string({ error: ALIASES }), alias_label: z.string({ error: ALIASES }) }, { error: ALIASES })
  }, { error: ALIASES }), { error: ALIASES }).optional(),
  emails_to_identify: z.array(z.object({ external_id: z.string({ error: EMAILS }), email: z.string({ error: EMAILS }), prioritization }, { error: EMAILS }), { error: EMAILS }).optional(),
  phone_numbers_to_identify: z.array(z.object({ external_id: z.string({ error: PHONES }), phone: z.string({ error: PHONES }), prioritization }, { error: PHONES }), { error: PHONES }).optional(),
  merge_behavior: z.enum(['none', 'merge'], { error: "'merge_behavior' must be one of 'none' or 'merge'" }).optional()
    .meta({ description: 'merge (default): copy fields the identified user lacks; none: orphan the unidentified profile\'s data' })
}, { error: BODY_NOT_OBJECT }).meta({
  id: 'UsersIdentifyRequest',
  examples: [{
    aliases_to_identify: [{ external_id: 'user-1', user_alias: { alias_name: 'anon-42', alias_label: 'amplitude_id' } }],
    emails_to_identify: [{ external_id: 'user-2', email: 'two@example.com', prioritization: ['unidentified', 'most_recently_updated'] }],
    merge_behavior: 'merge'
  }]
})

export const IdentifyResponseSchema = z.object({
  aliases_processed: z.int(),
  emails_processed: z.int().optional(),
  phone_numbers_processed: z.int().optional(),
  message: z.literal('success'),
  errors: z.array(z.object({ type: z.string(), input_array: z.string(), index: z.int() })).optional()
}).meta({ id: 'UsersIdentifyResponse' })
