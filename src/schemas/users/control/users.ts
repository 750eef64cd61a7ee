import { z } from 'zod'
import { isoTime } from '../../shared/time.js'
import { UserAliasSchema } from '../../shared/common.js'

export const SubscriptionStateSchema = z.enum(['opted_in', 'subscribed', 'unsubscribed'])

/** The user fields both ways of seeding users share (POST /_fake/workspaces/{id}/users and seed files). */
export const USER_DATA_FIELDS = {
  external_id: z.string().min(1).optional().meta({ description: 'Absent = anonymous user' }),
  email: z.string().min(3).optional(),
  phone: z.string().min(3).optional(),
  device_ids: z.array(z.string().min(1)).optional(),
  aliases: z.array(UserAliasSchema).optional(),
  profile: z.record(z.string(), z.unknown()).optional()
    .meta({ description: 'Standard profile fields keyed as /users/export/ids names them (first_name, dob, gender, country, …), stored verbatim' }),
  custom_attributes: z.record(z.string(), z.unknown()).optional().meta({ description: 'Custom attributes with their JSON types, stored verbatim' }),
  email_subscribe: SubscriptionStateSchema.optional(),
  push_subscribe: SubscriptionStateSchema.optional()
}

export const ActivitySummarySchema = z.object({
  name: z.string().min(1),
  first: isoTime(),
  last: isoTime(),
  count: z.int().min(1)
}).meta({ id: 'SeedActivitySummary', description: 'name, first and last occurrence (ISO-8601), count' })

/**
 * A braze_id a test fixes: Braze's own are 24 lowercase hex digits, and seed files, snapshots and
 * this endpoint take only those (an arbitrary one made the workspace's snapshot unreadable).
 */
export const FixedBrazeIdSchema = z.string().regex(/^[0-9a-f]{24}$/, 'must be 24 lowercase hex digits')

export const SeedUserSchema = z.object({
  braze_id: FixedBrazeIdSchema.optional().meta({ description: 'Fixed braze_id (24 lowercase hex digits, as Braze makes them); generated when absent' }),
  ...USER_DATA_FIELDS,
  custom_events: z.array(ActivitySummarySchema).optional().meta({ description: 'Custom event summaries, as exported' }),
  purchases: z.array(ActivitySummarySchema).optional().meta({ description: 'Purchase summaries per product_id (`name`), as exported' }),
  total_revenue: z.number().optional()
}).meta({ id: 'SeedUser' })

export const SeedUsersRequestSchema = z.object({
  users: z.array(SeedUserSchema).min(1).max(10000)
}).meta({
  id: 'SeedUsersRequest',
  examples: [{
    users: [
      { external_id: 'user-1', email: 'one@example.com', profile: { first_name: 'One', country: 'US' }, custom_attributes: { plan: 'pro', visits: 3 } },
      { external_id: 'user-2', aliases: [{ alias_name: 'two@example.com', alias_label: 'email' }] },
      { device_ids: ['device-anon-1'] }
    ]
  }]
})

export const SeededUserSchema = SeedUserSchema.extend({ braze_id: z.string(), created_at: z.string() }).meta({ id: 'SeededUser' })
export const SeededUsersSchema = z.object({ users: z.array(SeededUserSchema) })
