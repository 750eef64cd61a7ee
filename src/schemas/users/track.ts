/**
 * Wire shapes of POST /users/track (post_user_track.md, user_attributes_object.md,
 * event_object.md, purchase_object.md). Objects are described field by field for OpenAPI but
 * validated one by one in the domain, because Braze answers per object (`errors[]`): the
 * schema accepts any array element and any field type.
 */
import { z } from 'zod'

const field = (description: string) => z.unknown().optional().meta({ description })

const identifierFields = {
  external_id: field('string — the user\'s external id; an unknown one creates the user unless `_update_existing_only` is true'),
  user_alias: field('`{alias_name, alias_label}` — creates an alias-only user only when `_update_existing_only` is explicitly false'),
  braze_id: field('string — Braze\'s id; updates only'),
  email: field('string — identifier when no external_id/user_alias/braze_id is given (wins over phone); creates an email-only user'),
  phone: field('string — identifier when nothing else is given; creates a phone-only user'),
  _update_existing_only: field('boolean — true never creates users; with user_alias, only false creates')
}

export const TrackAttributesObjectSchema = z.looseObject({
  ...identifierFields,
  _merge_objects: field('boolean — deep-merge nested object attributes instead of replacing them'),
  first_name: field('string'), last_name: field('string'), home_city: field('string'), language: field('string, ISO-639-1'),
  country: field('string — ISO-3166-1 alpha-2; country names are mapped best effort, anything else is stored as null'),
  gender: field('"M", "F", "O", "N", "P" or null'), dob: field('"YYYY-MM-DD"'),
  time_zone: field('IANA time zone name; invalid values are not set'),
  current_location: field('`{longitude, latitude}` — exported as last_coordinates'),
  email_subscribe: field('"opted_in", "subscribed" or "unsubscribed"'), push_subscribe: field('"opted_in", "subscribed" or "unsubscribed"'),
  subscription_groups: field('`[{subscription_group_id, subscription_state}]`'),
  push_tokens: field('`[{app_id, token, device_id?}]`')
}).meta({
  id: 'TrackAttributesObject',
  description: 'A user attributes object. Any key that is not a Braze profile field is a custom attribute: a value, null (unset), `{"inc": n}`, `{"add": [...], "remove": [...]}`, a nested object, `{"$time": …}`, an array of objects, or `{"$add"|"$remove"|"$update": [...]}`.'
})

export const TrackEventObjectSchema = z.looseObject({
  ...identifierFields,
  app_id: field('string, optional'),
  name: field('string, required'),
  time: field('ISO-8601 string, required; future times are clamped to now'),
  properties: field('object; keys `time` and `event_name` are reserved')
}).meta({ id: 'TrackEventObject' })

export const TrackPurchaseObjectSchema = z.looseObject({
  ...identifierFields,
  app_id: field('string, optional'),
  product_id: field('string, required'),
  currency: field('ISO-4217 code, required'),
  price: field('number, required'),
  quantity: field('integer 1–100, default 1'),
  time: field('ISO-8601 string, required'),
  properties: field('object')
}).meta({ id: 'TrackPurchaseObject' })

const list = (name: string, element: z.ZodType) => z.array(z.union([element, z.unknown()]), { error: `'${name}' must be an array` })
  .max(100000).nullish().meta({ description: `At most 75 ${name} objects; more is 400 "Max Input Length Exceeded"` })

export const TrackRequestSchema = z.looseObject({
  attributes: list('attributes', TrackAttributesObjectSchema),
  events: list('events', TrackEventObjectSchema),
  purchases: list('purchases', TrackPurchaseObjectSchema)
}).meta({
  id: 'TrackRequest',
  description: 'Unknown top-level keys (e.g. RudderStack\'s `partner`) are ignored.',
  examples: [{
    attributes: [
      { external_id: 'user-1', first_name: 'Jon', email: 'Jon@Example.com', country: 'United States', loyalty_points: { inc: 5 }, tags: { add: ['vip'] } },
      { user_alias: { alias_name: 'anon-7', alias_label: 'crm_id' }, _update_existing_only: false, plan: 'free' }
    ],
    events: [{ external_id: 'user-1', name: 'rented_movie', time: '2026-11-28T12:00:00Z', properties: { title: 'Alien' } }],
    purchases: [{ external_id: 'user-1', product_id: 'sku-1', currency: 'USD', price: 12.5, quantity: 2, time: '2026-11-28T12:00:00Z' }]
  }]
})

/**
 * /users/track/bulk's body: the same arrays, up to 1,000 objects in all. The elements are not
 * schema-checked here (the domain validates each object and reports it in `errors`, as for
 * /users/track), which keeps 1,000-object requests cheap; their shapes are TrackAttributesObject,
 * TrackEventObject and TrackPurchaseObject.
 */
const bulkList = (name: string, shape: string) => z.array(z.unknown(), { error: `'${name}' must be an array` })
  .max(100000).nullish().meta({ description: `${shape} objects, as in /users/track; 1,000 objects in all, 100 for one user` })

export const TrackBulkRequestSchema = z.looseObject({
  attributes: bulkList('attributes', 'TrackAttributesObject'),
  events: bulkList('events', 'TrackEventObject'),
  purchases: bulkList('purchases', 'TrackPurchaseObject')
}).meta({
  id: 'TrackBulkRequest',
  description: 'The objects of /users/track (see TrackRequest), up to 1,000 across the three arrays.',
  examples: [{ attributes: [{ external_id: 'user-1', plan: 'pro' }, { external_id: 'user-2', plan: 'free' }], events: [{ external_id: 'user-1', name: 'upgraded', time: '2026-11-28T12:00:00Z' }] }]
})

export const TrackErrorItemSchema = z.object({
  type: z.string(),
  input_array: z.enum(['attributes', 'events', 'purchases']),
  index: z.number().int()
}).meta({ id: 'TrackErrorItem' })

export const TrackResponseSchema = z.object({
  message: z.literal('success'),
  attributes_processed: z.number().int().optional(),
  events_processed: z.number().int().optional(),
  purchases_processed: z.number().int().optional(),
  errors: z.array(TrackErrorItemSchema).optional()
}).meta({
  id: 'TrackResponse',
  description: '`*_processed` appear only for arrays present in the request; `errors` only when some object was invalid.',
  examples: [{ message: 'success', attributes_processed: 2, events_processed: 1 }]
})
