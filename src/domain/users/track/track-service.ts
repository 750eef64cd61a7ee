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
import type { ResolvedIdentifier } from './track-identifiers.js'
import type { ActivityRepository } from '../../../repositories/users/activity-repository.js'
import type { DataPointRepository } from '../../../repositories/workspaces/data-point-repository.js'
import type { ProfileState, UserProfileRepository } from '../../../repositories/users/user-profile-repository.js'
import type { RunInTransaction } from '../../../repositories/shared/transaction.js'
import type { SubscriptionService } from '../../subscriptions/subscription-service.js'

/** "Each request can contain up to 75 objects" per array (api_limits.md, errors.md). */
export const MAX_OBJECTS_PER_ARRAY = 75
export const TRACK_SOURCE = 'users.track'

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
  /** the subscriptions surface owns group states and the email lists (braze-reference-messaging §3.6) */
  subscriptions: Pick<SubscriptionService, 'unknownTrackedGroup' | 'trackedEmailState' | 'afterTrackedSave'>
}) {
  const { profiles, activity, transaction, clock, subscriptions } = deps

  return {
    track (workspacePk: number, input: TrackInput): { response: TrackResponse, effects: TrackEffects } {
      for (const name of ['attributes', 'events', 'purchases'] as const) {
        if ((input[name]?.length ?? 0) > MAX_OBJECTS_PER_ARRAY) throw new MaxInputLengthExceeded()
      }
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

      const effects: TrackEffects = transaction(() => apply(workspacePk, now, { attributes, events, purchases }, dropNested))
      const response: TrackResponse = {
        message: 'success',
        ...(input.attributes !== undefined && { attributes_processed: attributes.length }),
        ...(input.events !== undefined && { events_processed: events.length }),
        ...(input.purchases !== undefined && { purchases_processed: purchases.length }),
        ...(errors.length > 0 && { errors })
      }
      return { response, effects }
    }
  }

  function apply (
    workspacePk: number, now: number,
    plans: { attributes: AttributePlan[], events: EventPlan[], purchases: PurchasePlan[] },
    dropNested: boolean
  ): TrackEffects {
    const created = new Set<number>()
    const touched = new Set<number>()
    const points = { total: 0, attributes: 0, events: 0, purchases: 0 }
    let notFound = 0
    let groupChangeCount = 0
    const nowIso = toIso(now)
    const user = (who: ResolvedIdentifier): ProfileState | undefined => {
      const found = find(workspacePk, who)
      if (found !== undefined || !who.mayCreate) {
        if (found === undefined) notFound++
        else touched.add(found.pk)
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
    }
    for (const plan of plans.events) {
      const state = user(plan)
      if (state === undefined) continue
      activity.recordEvent(state.pk, plan.name, plan.time)
      profiles.touch(state.pk, now)
      points.events += 1 // "Custom events | All custom events"
    }
    for (const plan of plans.purchases) {
      const state = user(plan)
      if (state === undefined) continue
      activity.recordPurchase(state.pk, plan.productId, plan.time, plan.quantity, plan.price, now)
      points.purchases += plan.quantity // a quantity of N is N purchases of one (purchase_object.md)
    }
    points.total = points.attributes + points.events + points.purchases
    deps.dataPoints.add(workspacePk, TRACK_SOURCE, { attributes: points.attributes, events: points.events, purchases: points.purchases })
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
