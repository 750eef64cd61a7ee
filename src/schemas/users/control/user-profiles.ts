import { z } from 'zod'

export const UserProfilesQuerySchema = z.object({
  external_id: z.string().optional(),
  braze_id: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  alias_label: z.string().optional(),
  alias_name: z.string().optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).default(1000).meta({ description: 'Users per page (default and most: 1,000)' }),
  cursor: z.string().optional().meta({ description: 'next_cursor of the previous page' })
})

const Summary = z.object({ name: z.string(), first: z.string(), last: z.string(), count: z.number().int() })

export const StoredUserSchema = z.object({
  braze_id: z.string(),
  external_id: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  user_aliases: z.array(z.object({ alias_name: z.string(), alias_label: z.string() })),
  profile: z.record(z.string(), z.unknown()).meta({ description: 'Standard fields keyed as /users/export/ids names them' }),
  custom_attributes: z.record(z.string(), z.unknown()),
  email_subscribe: z.string().nullable(),
  push_subscribe: z.string().nullable(),
  total_revenue: z.number(),
  custom_events: z.array(Summary),
  purchases: z.array(Summary),
  cohorts: z.array(z.object({ partner: z.string(), cohort_id: z.string(), name: z.string() })).meta({ description: 'Partner cohorts the user is a member of now' }),
  created_at: z.string(),
  updated_at: z.string(),
  subscriptions: z.object({
    email_subscribe: z.enum(['opted_in', 'subscribed', 'unsubscribed']).meta({ description: 'Effective global state (never set = subscribed)' }),
    push_subscribe: z.enum(['opted_in', 'subscribed', 'unsubscribed']),
    email_hard_bounced: z.boolean(),
    email_spam: z.boolean(),
    email_blocklisted: z.boolean(),
    phone_invalid: z.boolean(),
    has_push_token: z.boolean(),
    groups: z.record(z.string(), z.enum(['subscribed', 'unsubscribed'])).meta({ description: 'Subscription group id → state; groups without history are absent' })
  }).partial().optional().meta({ description: 'The whole subscription state (subscriptions surface)' })
}).meta({ id: 'StoredUser' })

export const StoredUsersSchema = z.object({
  users: z.array(StoredUserSchema),
  next_cursor: z.string().optional().meta({ description: 'Present when more users match: pass it as `cursor`' })
})
