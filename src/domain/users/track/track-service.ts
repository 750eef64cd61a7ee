/**
 * POST /users/track (post_user_track.md): validates every object, then applies the valid ones
 * in one transaction — attributes, then events, then purchases, as Braze processes them —
 * and counts their data points. Invalid objects are listed in `errors`; nothing is half-applied.
 */
import { toIso, type Clock } from '../../shared/clock.js'
import { MaxInputLengthExceeded, NoValidTrackData, TRACK_ERROR_TYPES } from '../../shared/errors.js'
import { newBrazeId, randomBucket } from '../../shared/ids.js'
import { phoneKey } from '../../shared/phone.js'
import { applyAttributes, attributePoints, groupChanges, planAttributes, type AttributePlan } from './track-attributes.js'
import { planEvent, planPurchase, type EventPlan, type PurchasePlan } from './track-activity.js'
import { trackAnalytics } from './track-analytics.js'
import type { ResolvedIdentifier } from './track-identifiers.js'
import type { ActivityRepository } from '../../../repositories/users/activity-repository.js'
import type { DataPointRepository } from '../../../repositories/workspaces/data-point-repository.js'
import type { ProfileState, UserProfileRepository } from '../../../repositories/users/user-profile-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'
import type { UserExportRepository } from '../../../repositories/users/user-export-repository.js'
import type { SubscriptionService } from '../../subscriptions/subscription-service.js'

/** "Each request can contain up to 75 objects" per array (api_limits.md, errors.md). */
export const MAX_OBJECTS_PER_ARRAY = 75
export const TRACK_SOURCE = 'users.track'
export const TRACK_SYNC_SOURCE = 'users.track.sync'
export const TRACK_BULK_SOURCE = 'users.track.bulk'

export interface TrackSyncResponse { users: Array<Record<string, unknown>>, message: 'success' }

/**
 * How many objects a request may carry; more is 400 "Max Input Length Exceeded".
 * - `data_points` pricing: 75 attribute, 75 event and 75 purchase objects (post_user_track.md's
 *   "legacy rate limits": 225 in all);
 * - `mau` pricing (Monthly Active Users CY 24-25): 75 objects in total across the three arrays;
 * - /users/track/bulk: 1,000 in total, and at most 100 for one user profile (post_user_track_bulk.md).
 * Which contract gets which per-request rule is [inferred] from the doc's two rules and two pricing models.
 */
export interface TrackLimits { perArray?: number, total?: number, perUser?: number }
export const TRACK_LIMITS = {
  data_points: { perArray: MAX_OBJECTS_PER_ARRAY },
  mau: { total: MAX_OBJECTS_PER_ARRAY },
  bulk: { total: 1_000, perUser: 100 }
} as const satisfies Record<string, TrackLimits>

/** The key of the user an object names, for the per-user cap of /users/track/bulk. */
function userKey (o: unknown): string | undefined {
  if (o === null || typeof o !== 'object') return undefined
  const r = o as Record<string, unknown>
  if (typeof r.external_id === 'string') return `e:${r.external_id}`
  if (typeof r.braze_id === 'string') return `b:${r.braze_id}`
  const a = r.user_alias as Record<string, unknown> | undefined
  if (a !== null && typeof a === 'object' && typeof a.alias_label === 'string' && typeof a.alias_name === 'string') return `a:${a.alias_label}\u0000${a.alias_name}`
  if (typeof r.email === 'string') return `m:${r.email.trim().toLowerCase()}`
  if (typeof r.phone === 'string') return `p:${phoneKey(r.phone)}`
  return undefined
}

function checkLimits (input: TrackInput, limits: TrackLimits): void {
  let total = 0
  for (const name of ['attributes', 'events', 'purchases'] as const) {
    const n = input[name]?.length ?? 0
    if (limits.perArray !== undefined && n > limits.perArray) throw new MaxInputLengthExceeded()
    total += n
  }
  if (limits.total !== undefined && total > limits.total) throw new MaxInputLengthExceeded()
  if (limits.perUser !== undefined && total > limits.perUser) {
    const perUser = new Map<string, number>()
    for (const name of ['attributes', 'events', 'purchases'] as const) {
      for (const o of input[name] ?? []) {
        const k = userKey(o)
        if (k === undefined) continue
        const n = (perUser.get(k) ?? 0) + 1
        if (n > limits.perUser) throw new MaxInputLengthExceeded()
        perUser.set(k, n)
      }
    }
  }
}

type InputArray = 'attributes' | 'events' | 'purchases'
export interface TrackInput { attributes?: unknown[] | undefined, events?: unknown[] | undefined, purchases?: unknown[] | undefined }
export interface TrackError { type: string, input_array: InputArray, index: number }

export interface TrackResponse {
  message: 'success'
  attributes_processed?: number
  events_processed?: number
  purchases_processed?: number
  errors?: TrackError[]
}

export interface TrackEffects {
  users_created: number
  users_updated: number
  /** valid objects whose user does not exist and may not be created (update-only, braze_id, alias) */
  users_not_found: number
  /** an invalid nested value dropped every nested-attribute update of the request */
  nested_updates_dropped: boolean
  /** user × subscription group states changed (free: state changes are not data points) */
  subscription_group_changes: number
  data_points: { total: number, attributes: number, events: number, purchases: number }
}

export type TrackService = ReturnType<typeof createTrackService>

export interface TrackDeps {
  profiles: UserProfileRepository
  activity: ActivityRepository
  dataPoints: DataPointRepository
  transaction: RunInTransaction
  clock: Clock
  /** read side for /users/track/sync's answer */
  reads?: Pick<UserExportRepository, 'usersByPks' | 'eventSummaries' | 'purchaseSummaries'>
  /** the subscriptions surface owns group states and the email lists (braze-reference-messaging §3.6) */
  subscriptions: Pick<SubscriptionService, 'unknownTrackedGroup' | 'trackedEmailState' | 'afterTrackedSave'>
}

export function createTrackService (deps: TrackDeps) {
  return {
    track (workspacePk: number, input: TrackInput, options: { limits?: TrackLimits, source?: string } = {}): { response: TrackResponse, effects: TrackEffects, userPks: number[] } {
      checkLimits(input, options.limits ?? TRACK_LIMITS.data_points)
      const now = deps.clock.now()
      const { plans, errors } = planRequest(deps, workspacePk, input, now)
      const dropNested = plans.attributes.some((p) => p.custom.some((c) => c.nested && c.invalid))
      const userPks: number[] = []
      const effects: TrackEffects = deps.transaction(() => applyPlans(deps, applyContext(workspacePk, now, dropNested, options.source ?? TRACK_SOURCE, userPks), plans))
      const response: TrackResponse = {
        message: 'success',
        ...(input.attributes !== undefined && { attributes_processed: plans.attributes.length }),
        ...(input.events !== undefined && { events_processed: plans.events.length }),
        ...(input.purchases !== undefined && { purchases_processed: plans.purchases.length }),
        ...(errors.length > 0 && { errors })
      }
      return { response, effects, userPks }
    },

    /**
     * POST /users/track/sync (post_user_track_synchronous.md): exactly one attribute, event or
     * purchase object, applied before answering; the answer shows the user's resulting values:
     * the identifier as sent, `custom_attributes` named in the request, and the all-time summary of
     * the event (`custom_events`) or product (`purchase_events`) sent. `users` is [] when the user
     * was neither found nor created (`_update_existing_only`).
     */
    trackSync (workspacePk: number, input: TrackInput): { response: TrackSyncResponse, effects: TrackEffects } {
      const objects = [...(input.attributes ?? []), ...(input.events ?? []), ...(input.purchases ?? [])]
      // [inferred] text: more than the one object the endpoint takes
      if (objects.length > 1) throw new MaxInputLengthExceeded()
      const { effects, userPks } = this.track(workspacePk, input, { limits: { total: 1 }, source: TRACK_SYNC_SOURCE })
      const reads = deps.reads
      const row = userPks.length === 0 || reads === undefined ? undefined : reads.usersByPks([userPks[0]!])[0]
      if (row === undefined) return { response: { users: [], message: 'success' }, effects }
      return { response: { users: [syncEntry(reads!, row, objects[0] as Record<string, unknown>, input)], message: 'success' }, effects }
    }
  }
}

interface TrackPlans { attributes: AttributePlan[], events: EventPlan[], purchases: PurchasePlan[] }

/** Step 1: every object validated and planned; the invalid ones listed in `errors` (400 when none is valid). */
function planRequest (deps: TrackDeps, workspacePk: number, input: TrackInput, now: number): { plans: TrackPlans, errors: TrackError[] } {
  const errors: TrackError[] = []
  const attributes = validate('attributes', input.attributes, (o) => {
    const plan = planAttributes(o)
    if ('error' in plan) return plan
    // A group id that names no group of the workspace (BAD_SUBSCRIPTION_GROUP_ID, item 150).
    const groups = groupChanges(plan)
    if (groups.length > 0 && deps.subscriptions.unknownTrackedGroup(workspacePk, { groups }) !== undefined) return { error: TRACK_ERROR_TYPES.badSubscriptionGroupId }
    return plan
  }, errors)
  const events = validate('events', input.events, (o) => planEvent(o, now), errors)
  const purchases = validate('purchases', input.purchases, (o) => planPurchase(o, now), errors)
  if (attributes.length + events.length + purchases.length === 0) throw new NoValidTrackData(errors)
  return { plans: { attributes, events, purchases }, errors }
}

/** What one request's apply step accumulates (one per request, inside its transaction). */
interface ApplyContext {
  workspacePk: number
  now: number
  nowIso: string
  dropNested: boolean
  source: string
  /** the users the request found or created, in object order (for /users/track/sync's answer) */
  userPks: number[]
  created: Set<number>
  touched: Set<number>
  notFound: number
  groupChangeCount: number
  points: TrackEffects['data_points']
  analytics: ReturnType<typeof trackAnalytics>
}

function applyContext (workspacePk: number, now: number, dropNested: boolean, source: string, userPks: number[]): ApplyContext {
  return {
    workspacePk, now, nowIso: toIso(now), dropNested, source, userPks,
    created: new Set(), touched: new Set(), notFound: 0, groupChangeCount: 0,
    points: { total: 0, attributes: 0, events: 0, purchases: 0 },
    analytics: trackAnalytics()
  }
}

/** Step 2, in the request's transaction: attributes, then events, then purchases, as Braze processes them. */
function applyPlans (deps: TrackDeps, ctx: ApplyContext, plans: TrackPlans): TrackEffects {
  applyAttributePlans(deps, ctx, plans.attributes)
  applyEventPlans(deps, ctx, plans.events)
  applyPurchasePlans(deps, ctx, plans.purchases)
  return recordTotals(deps, ctx)
}

function applyAttributePlans (deps: TrackDeps, ctx: ApplyContext, plans: AttributePlan[]): void {
  const { profiles, subscriptions } = deps
  const { workspacePk, now, nowIso, dropNested } = ctx
  for (const plan of plans) {
    const state = resolveUser(deps, ctx, plan)
    if (state === undefined) continue
    const next = applyAttributes(state, plan, dropNested, nowIso)
    const explicit = plan.standard.some((c) => c.target === 'email_subscribe')
    subscriptions.trackedEmailState(workspacePk, state, next, explicit, ctx.created.has(state.pk), nowIso)
    profiles.save(state, next, now)
    ctx.groupChangeCount += subscriptions.afterTrackedSave(workspacePk, state.pk, state, next, { groups: groupChanges(plan) }, now)
    ctx.points.attributes += attributePoints(plan, dropNested)
    ctx.analytics.active(now, state.pk)
  }
}

function applyEventPlans (deps: TrackDeps, ctx: ApplyContext, plans: EventPlan[]): void {
  for (const plan of plans) {
    const state = resolveUser(deps, ctx, plan)
    if (state === undefined) continue
    deps.activity.recordEvent(state.pk, plan.name, plan.time)
    ctx.analytics.event(plan.name, plan.appId, plan.time, state.pk)
    deps.profiles.touch(state.pk, ctx.now)
    ctx.points.events += 1 // "Custom events | All custom events"
  }
}

function applyPurchasePlans (deps: TrackDeps, ctx: ApplyContext, plans: PurchasePlan[]): void {
  for (const plan of plans) {
    const state = resolveUser(deps, ctx, plan)
    if (state === undefined) continue
    deps.activity.recordPurchase(state.pk, plan.productId, plan.time, plan.quantity, plan.price, ctx.now)
    ctx.analytics.purchase(plan.productId, plan.appId, plan.time, plan.quantity, plan.price * plan.quantity, state.pk)
    ctx.points.purchases += plan.quantity // a quantity of N is N purchases of one (purchase_object.md)
  }
}

/** Step 3: the request's analytics and data points recorded once, and its effects. */
function recordTotals (deps: TrackDeps, ctx: ApplyContext): TrackEffects {
  const { workspacePk, points, created, touched } = ctx
  deps.activity.recordAnalytics(workspacePk, ctx.analytics.counts(), ctx.analytics.activeDays())
  points.total = points.attributes + points.events + points.purchases
  deps.dataPoints.add(workspacePk, ctx.source, { attributes: points.attributes, events: points.events, purchases: points.purchases })
  for (const pk of created) touched.delete(pk)
  return { users_created: created.size, users_updated: touched.size, users_not_found: ctx.notFound, nested_updates_dropped: ctx.dropNested, subscription_group_changes: ctx.groupChangeCount, data_points: points }
}

/** The object's user: found, or created when the identifier may create one (counted as not found otherwise). */
function resolveUser (deps: TrackDeps, ctx: ApplyContext, who: ResolvedIdentifier): ProfileState | undefined {
  const { now } = ctx
  const found = findUser(deps.profiles, ctx.workspacePk, who)
  if (found !== undefined || !who.mayCreate) {
    if (found === undefined) ctx.notFound++
    else { ctx.touched.add(found.pk); ctx.userPks.push(found.pk) }
    return found
  }
  const id = who.identifier
  const row = deps.profiles.create({
    workspacePk: ctx.workspacePk, brazeId: newBrazeId(now), randomBucket: randomBucket(), now,
    externalId: id.kind === 'external_id' ? id.value : null,
    email: id.kind === 'email' ? id.value : null,
    phone: id.kind === 'phone' ? id.value : null
  }, id.kind === 'user_alias' ? id.alias : undefined)
  ctx.created.add(row.pk)
  ctx.userPks.push(row.pk)
  return row
}

function findUser (profiles: UserProfileRepository, workspacePk: number, who: ResolvedIdentifier): ProfileState | undefined {
  const id = who.identifier
  switch (id.kind) {
    case 'external_id': return profiles.findByExternalId(workspacePk, id.value)
    case 'user_alias': return profiles.findByAlias(workspacePk, id.alias)
    case 'braze_id': return profiles.findByBrazeId(workspacePk, id.value)
    case 'email': return profiles.findByEmail(workspacePk, id.value)
    case 'phone': return profiles.findByPhone(workspacePk, id.value)
  }
}

type SyncReads = NonNullable<TrackDeps['reads']>

/** /users/track/sync's entry for the one user: the identifier as sent and the values the object named. */
function syncEntry (reads: SyncReads, row: NonNullable<ReturnType<SyncReads['usersByPks']>[number]>, o: Record<string, unknown>, input: TrackInput): Record<string, unknown> {
  const entry: Record<string, unknown> = {}
  for (const k of ['external_id', 'user_alias', 'braze_id', 'email', 'phone'] as const) {
    if (o[k] !== undefined) { entry[k] = o[k]; break }
  }
  if (input.attributes !== undefined && input.attributes.length === 1) {
    const named = Object.keys(o).filter((k) => Object.hasOwn(row.customAttributes, k))
    if (named.length > 0) entry.custom_attributes = Object.fromEntries(named.map((k) => [k, row.customAttributes[k]]))
  }
  if (input.events !== undefined && input.events.length === 1) {
    const events = reads.eventSummaries([row.pk]).filter((e) => e.name === o.name)
    entry.custom_events = events.map((e) => ({ name: e.name, first: toIso(e.first), last: toIso(e.last), count: e.count }))
  }
  if (input.purchases !== undefined && input.purchases.length === 1) {
    const purchases = reads.purchaseSummaries([row.pk]).filter((p) => p.name === o.product_id)
    entry.purchase_events = purchases.map((p) => ({ product_id: p.name, first: toIso(p.first), last: toIso(p.last), count: p.count }))
  }
  return entry
}

function validate<T> (name: InputArray, objects: unknown[] | undefined, plan: (o: unknown) => T | { error: string }, errors: TrackError[]): T[] {
  const valid: T[] = []
  objects?.forEach((o, index) => {
    const p = plan(o)
    if (typeof p === 'object' && p !== null && 'error' in p) errors.push({ type: p.error, input_array: name, index })
    else valid.push(p as T)
  })
  return valid
}
