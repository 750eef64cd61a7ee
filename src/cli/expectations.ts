/**
 * The expectations file of `fake-braze expect` (JSON or YAML): what a workspace should hold after a
 * sync ran. One zod schema, also published as JSON Schema (openapi/expectations.schema.json,
 * written by `npm run openapi`). Every key is optional; each entry becomes one checked expectation.
 */
import { z } from 'zod'

const Count = z.union([
  z.int().min(0),
  z.object({ min: z.int().min(0).optional(), max: z.int().min(0).optional() }).strict()
]).meta({ description: 'An exact number, or {min?, max?}' })

const Ids = z.array(z.string().min(1)).meta({ description: 'External ids (users without one by braze_id)' })

const CohortExpectation = z.object({
  partner: z.string().min(1),
  cohort_id: z.string().min(1),
  name: z.string().optional().meta({ description: 'The cohort name the partner sent' }),
  members: Ids.optional().meta({ description: 'Exactly these members, in any order' }),
  includes: Ids.optional().meta({ description: 'At least these members' }),
  excludes: Ids.optional().meta({ description: 'None of these' }),
  count: Count.optional()
}).strict()

const UserExpectation = z.object({
  external_id: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  braze_id: z.string().min(1).optional(),
  exists: z.boolean().default(true).meta({ description: 'false: no such user' }),
  profile: z.record(z.string(), z.unknown()).optional().meta({ description: 'Standard fields that must have these values (others are not checked)' }),
  attributes: z.record(z.string(), z.unknown()).optional().meta({ description: 'Custom attributes that must have these values; null = absent' }),
  email_subscribe: z.string().optional(),
  push_subscribe: z.string().optional(),
  events: z.record(z.string(), Count).optional().meta({ description: 'Custom event name → count' }),
  purchases: z.record(z.string(), Count).optional().meta({ description: 'product_id → count' })
}).strict().refine((u) => u.external_id !== undefined || u.email !== undefined || u.braze_id !== undefined, { message: 'needs external_id, email or braze_id' })

const SegmentExpectation = z.object({
  id: z.string().min(1),
  size: Count.optional(),
  members: Ids.optional(),
  includes: Ids.optional(),
  excludes: Ids.optional()
}).strict()

const CatalogExpectation = z.object({
  name: z.string().min(1),
  exists: z.boolean().default(true).meta({ description: 'false: no such catalog' }),
  fields: z.array(z.string().min(1)).optional().meta({ description: 'Field names the catalog must have (others are not checked)' }),
  num_items: Count.optional(),
  items: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()).optional()
    .meta({ description: 'Item id → fields that must have these values (others are not checked); null = no such item. `time` values as the API answers them (UTC, ms, Z)' })
}).strict()

const RequestsExpectation = z.object({
  no_errors: z.boolean().optional().meta({ description: 'No request of the workspace, nor any request whose credentials matched no workspace, answered 4xx or 5xx' }),
  counts: z.record(z.string(), Count).optional().meta({ description: '"METHOD /route/{template}" (as the journal\'s `route`) → how many requests' }),
  within_rate_limits: z.boolean().optional()
    .meta({ description: 'No 429, and no rate-limit window (the workspace\'s pools, on the fake\'s clock) held more requests than its limit' })
}).strict()

/** Paths a snapshot fills with generated ids, random buckets and times: ignored unless `ignore_volatile: false`. */
export const VOLATILE_PATHS = [
  '**.braze_id', '**.random_bucket', '**.created_at', '**.updated_at', '**.added_at', '**.invalidated_at', '**.archived_at',
  '**.partner_created_at', '**.first', '**.last', 'workspaces.*.segments.*.sizes'
]

const GoldenExpectation = z.object({
  file: z.string().min(1).meta({ description: 'A snapshot written by `fake-braze snapshot`, relative to the expectations file' }),
  ignore_volatile: z.boolean().default(true)
    .meta({ description: `Also ignore what differs on every run: ${VOLATILE_PATHS.join(', ')} (generated ids, random buckets, times, daily size samples)` }),
  ignore: z.array(z.string().min(1)).default([])
    .meta({ description: 'Paths left out of the comparison: dot-separated keys, `*` for one key or index, `**` for any depth, e.g. `**.created_at`, `workspaces.*.users.*.braze_id`' })
}).strict()

export const ExpectationsSchema = z.object({
  $schema: z.string().optional(),
  version: z.literal(1).default(1),
  workspace: z.string().min(1).optional().meta({ description: 'Workspace id; --workspace overrides it' }),
  cohorts: z.array(CohortExpectation).optional(),
  users: z.array(UserExpectation).optional(),
  segments: z.array(SegmentExpectation).optional(),
  catalogs: z.array(CatalogExpectation).optional(),
  requests: RequestsExpectation.optional(),
  golden: GoldenExpectation.optional()
}).strict().meta({
  title: 'fake-braze expectations',
  description: 'What `fake-braze expect FILE --url URL` checks in a workspace after a sync: cohort members, user profiles and attributes, segment sizes and members, catalogs and their items, the request journal, and a golden snapshot.'
})

export type Expectations = z.output<typeof ExpectationsSchema>
export type CountExpectation = z.output<typeof Count>

/** The JSON Schema of the format (openapi/expectations.schema.json). */
export function expectationsJsonSchema (): unknown {
  return { $id: 'https://github.com/fake-braze/fake-braze/openapi/expectations.schema.json', ...z.toJSONSchema(ExpectationsSchema, { io: 'input' }) }
}
