/**
 * POST /users/track (post_user_track.md): validates every object, then applies the valid ones
 * in one transaction — attributes, then events, then purchases, as Braze processes them —
 * and counts their data points. Invalid objects are listed in `errors`; nothing is half-applied.
 */
import { toIso, type Clock } from '../../shared/clock.js'
import { MaxInputLengthExceeded, NoValidTrackData, TRACK_ERROR_TYPES } from '../../shared/errors.js'
import { newBrazeId, randomBucket } from '../../shared/ids.js'
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
  if (typeof r.phone === 'string') return `p:${r.phone.trim()}`
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

export function createTrackService (deps: {
  profiles: UserProfileRepository
  activity: ActivityRepository
  dataPoints: DataPointRepository
  transaction: RunInTransaction
  clock: Clock
  /** read side for /users/track/sync's answer */
  reads?: Pick<UserExportRepository, 'usersByPks' | 'eventSummaries' | 'purchaseSummaries'>
  /** the subscriptions surface owns group states and the email lists (braze-reference-messaging §3.6) */
  subscriptions: Pick<SubscriptionService, 'unknownTrackedGroup' | 'trackedEmailState' | 'afterTrackedSave'>
}) {
  const { profiles, activity, transaction, clock, subscriptions } = deps

  return {
    track (workspacePk: number, input: TrackInput, options: { limits?: TrackLimits, source?: string } = {}): { response: TrackResponse, effects: TrackEffects, userPks: number[] } {
      checkLimits(input, options.limits ?? TRACK_LIMITS.data_points)
      const now = clock.now()
      const errors: TrackError[] = []
      const attributes = validate('attributes', input.attributes, (o) => {
        const plan = planAttributes(o)
        if ('error' in plan) return plan
        // A group id that names no group of the workspace (BAD_SUBSCRIPTION_GROUP_ID, item 150).
        const groups = groupChanges(plan)
        if (groups.length > 0 && subscriptions.unknownTrackedGroup(workspacePk, { groups }) !== undefined) return { error: TRACK_ERROR_TYPES.badSubscriptionGroupId }
        return plan
      }, errors)
      const events = validate('events', input.events, (o) => planEvent(o, now), errors)
      const purchases = validate('purchases', input.purchases, (o) => planPurchase(o, now), errors)
      if (attributes.length + events.length + purchases.length === 0) throw new NoValidTrackData(errors)
      const dropNested = attributes.some((p) => p.custom.some((c) => c.nested && c.invalid))

      const userPks: number[] = []
      const effects: TrackEffects = transaction(() => apply(workspacePk, now, { attributes, events, purchases }, dropNested, options.source ?? TRACK_SOURCE, userPks))
      const response: TrackResponse = {
        message: 'success',
        ...(input.attributes !== undefined && { attributes_processed: attributes.length }),
        ...(input.events !== undefined && { events_processed: events.length }),
        ...(input.purchases !== undefined && { purchases_processed: purchases.length }),
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
      const o = objects[0] as Record<string, unknown>
      const entry: Record<string, unknown> = {}
      for (const k of ['external_id', 'user_alias', 'braze_id', 'email', 'phone'] as const) {
        if (o[k] !== undefined) { entry[k] = o[k]; break }
      }
      if (input.attributes !== undefined && input.attributes.length === 1) {
        const named = Object.keys(o).filter((k) => Object.hasOwn(row.customAttributes, k))
        if (named.length > 0) entry.custom_attributes = Object.fromEntries(named.map((k) => [k, row.customAttributes[k]]))
      }
      const iso = (ms: number): string => new Date(ms).toISOString()
      if (input.events !== undefined && input.events.length === 1) {
        const events = reads!.eventSummaries([row.pk]).filter((e) => e.name === o.name)
        entry.custom_events = events.map((e) => ({ name: e.name, first: iso(e.first), last: iso(e.last), count: e.count }))
      }
      if (input.purchases !== undefined && input.purchases.length === 1) {
        const purchases = reads!.purchaseSummaries([row.pk]).filter((p) => p.name === o.product_id)
        entry.purchase_events = purchases.map((p) => ({ product_id: p.name, first: iso(p.first), last: iso(p.last), count: p.count }))
      }
      return { response: { users: [entry], message: 'success' }, effects }
    }
  }

  function apply (
    workspacePk: number, now: number,
    plans: { attributes: AttributePlan[], events: EventPlan[], purchases: PurchasePlan[] },
    dropNested: boolean,
    source: string,
    userPks: number[]
  ): TrackEffects {
    const created = new Set<number>()
    const touched = new Set<number>()
    const points = { total: 0, attributes: 0, events: 0, purchases: 0 }
    let notFound = 0
    let groupChangeCount = 0
    const nowIso = toIso(now)
    const analytics = trackAnalytics()
    const user = (who: ResolvedIdentifier): ProfileState | undefined => {
      const found = find(workspacePk, who)
      if (found !== undefined || !who.mayCreate) {
        if (found === undefined) notFound++
        else { touched.add(found.pk); userPks.push(found.pk) }
        return found
      }
      const id = who.identifier
      const row = profiles.create({
        workspacePk, brazeId: newBrazeId(now), randomBucket: randomBucket(), now,
        externalId: id.kind === 'external_id' ? id.value : null,
        email: id.kind === 'email' ? id.value : null,
        phone: id.kind === 'phone' ? id.value : null
      }, id.kind === 'user_alias' ? id.alias : undefined)
      created.add(row.pk)
      userPks.push(row.pk)
      return row
    }
    for (const plan of plans.attributes) {
      const state = user(plan)
      if (state === undefined) continue
      const next = applyAttributes(state, plan, dropNested, nowIso)
      const explicit = plan.standard.some((c) => c.target === 'email_subscribe')
      subscriptions.trackedEmailState(workspacePk, state, next, explicit, created.has(state.pk), nowIso)
      profiles.save(state, next, now)
      groupChangeCount += subscriptions.afterTrackedSave(workspacePk, state.pk, state, next, { groups: groupChanges(plan) }, now)
      points.attributes += attributePoints(plan, dropNested)
      analytics.active(now, state.pk)
    }
    for (const plan of plans.events) {
      const state = user(plan)
      if (state === undefined) continue
      activity.recordEvent(state.pk, plan.name, plan.time)
      analytics.event(plan.name, plan.appId, plan.time, state.pk)
      profiles.touch(state.pk, now)
      points.events += 1 // "Custom events | All custom events"
    }
    for (const plan of plans.purchases) {
      const state = user(plan)
      if (state === undefined) continue
      activity.recordPurchase(state.pk, plan.productId, plan.time, plan.quantity, plan.price, now)
      analytics.purchase(plan.productId, plan.appId, plan.time, plan.quantity, plan.price * plan.quantity, state.pk)
      points.purchases += plan.quantity // a quantity of N is N purchases of one (purchase_object.md)
    }
    activity.recordAnalytics(workspacePk, analytics.counts(), analytics.activeDays())
    points.total = points.attributes + points.events + points.purchases
    deps.dataPoints.add(workspacePk, source, { attributes: points.attributes, events: points.events, purchases: points.purchases })
    for (const pk of created) touched.delete(pk)
    return { users_created: created.size, users_updated: touched.size, users_not_found: notFound, nested_updates_dropped: dropNested, subscription_group_changes: groupChangeCount, data_points: points }
  }

  function find (workspacePk: number, who: ResolvedIdentifier): ProfileState | undefined {
    const id = who.identifier
    switch (id.kind) {
      case 'external_id': return profiles.findByExternalId(workspacePk, id.value)
      case 'user_alias': return profiles.findByAlias(workspacePk, id.alias)
      case 'braze_id': return profiles.findByBrazeId(workspacePk, id.value)
      case 'email': return profiles.findByEmail(workspacePk, id.value)
      case 'phone': return profiles.findByPhone(workspacePk, id.value)
    }
  }
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
