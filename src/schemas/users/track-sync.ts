/** Wire shape of POST /users/track/sync\'s answer (braze-docs post_user_track_synchronous.md). */
import { z } from 'zod'

const Summary = z.object({ name: z.string(), first: z.string(), last: z.string(), count: z.int() })
const PurchaseSummary = z.object({ product_id: z.string(), first: z.string(), last: z.string(), count: z.int() })

export const TrackSyncResponseSchema = z.object({
  users: z.array(z.object({
    external_id: z.unknown().optional(),
    user_alias: z.unknown().optional(),
    braze_id: z.unknown().optional(),
    email: z.unknown().optional(),
    phone: z.unknown().optional(),
    custom_attributes: z.record(z.string(), z.unknown()).optional().meta({ description: 'The attributes named in the request, with their resulting values' }),
    custom_events: z.array(Summary).optional(),
    purchase_events: z.array(PurchaseSummary).optional()
  })).meta({ description: 'Empty when the user was neither found nor created (`_update_existing_only`)' }),
  message: z.literal('success')
}).meta({
  id: 'TrackSyncResponse',
  examples: [{ users: [{ external_id: 'xyz123', custom_attributes: { string_attribute: 'fruit', integer_attribute: 25, array_attribute: ['banana', 'apple'] } }], message: 'success' }]
})
