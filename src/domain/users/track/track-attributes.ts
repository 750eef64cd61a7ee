/**
 * Validates one attributes object of /users/track into a plan: who it addresses, the standard
 * field changes and the custom attribute operations (user_attributes_object.md). Pure.
 */
import { TRACK_ERROR_TYPES } from '../../shared/errors.js'
import { lenientBoolean } from '../../shared/leniency.js'
import { resolveIdentifier, isPlainObject, type ResolvedIdentifier } from './track-identifiers.js'
import { CONTROL_KEYS, isStandardField, standardChange, type StandardChange } from './track-standard-fields.js'
import { parseCustom, type ParsedCustom } from './track-custom-attributes.js'
import { applyCustom } from './track-apply.js'
import type { ProfileState } from '../../../repositories/users/user-profile-repository.js'

export interface AttributePlan extends ResolvedIdentifier {
  mergeObjects: boolean
  standard: StandardChange[]
  custom: Array<{ key: string } & ParsedCustom>
}

export function planAttributes (input: unknown): AttributePlan | { error: string } {
  if (!isPlainObject(input)) return { error: TRACK_ERROR_TYPES.notAnObject }
  const who = resolveIdentifier(input)
  if ('error' in who) return who
  const mergeObjects = lenientBoolean(input._merge_objects) === true
  const standard: StandardChange[] = []
  const custom: AttributePlan['custom'] = []
  for (const [key, value] of Object.entries(input)) {
    if (CONTROL_KEYS.has(key) || value === undefined) continue
    if (isStandardField(key)) {
      // data_points.md lists email and phone among the billable profile fields and exempts only
      // "user id" and "user alias": an email or phone sent is billed even when it identifies the user.
      const change = standardChange(key, value)
      if ('error' in change) return { error: change.error }
      standard.push(change)
      continue
    }
    custom.push({ key, ...parseCustom(value, mergeObjects) })
  }
  return { ...who, mergeObjects, standard, custom }
}

/** The subscription_groups changes of a plan, in request order. */
export function groupChanges (plan: AttributePlan): Array<{ subscription_group_id: string, subscription_state: string }> {
  return plan.standard.flatMap((s) => (s.target === 'subscription_groups' ? s.value : []))
}

/** Data points of a plan; nested updates count only when applied. */
export function attributePoints (plan: AttributePlan, dropNested: boolean): number {
  let n = 0
  for (const s of plan.standard) if ('points' in s) n += s.points
  for (const c of plan.custom) if (!(c.nested && dropNested)) n += c.points
  return n
}

/**
 * The user's state after the plan (a new object). `dropNested`: some nested value in the request
 * was invalid, so every nested update is skipped ("Braze drops all nested custom attribute
 * updates in the request from processing").
 */
export function applyAttributes (state: ProfileState, plan: AttributePlan, dropNested: boolean, nowIso: string): ProfileState {
  const next: ProfileState = { ...state, profile: { ...state.profile } }
  for (const s of plan.standard) applyStandard(next, s, nowIso)
  let custom = state.customAttributes
  for (const c of plan.custom) {
    if (c.nested && (dropNested || c.invalid)) continue
    custom = applyCustom(custom, c.key, c.op, plan.mergeObjects)
  }
  next.customAttributes = custom
  return next
}

function applyStandard (s: ProfileState, c: StandardChange, nowIso: string): void {
  switch (c.target) {
    case 'profile':
      if (c.value === null) delete s.profile[c.key]
      else s.profile[c.key] = c.value
      break
    case 'email': s.email = c.value; break
    case 'phone': s.phone = c.value; break
    case 'email_subscribe': s.emailSubscribe = c.value; break
    case 'push_subscribe':
      if (c.value === 'opted_in' && s.pushSubscribe !== 'opted_in') s.profile.push_opted_in_at = nowIso
      if (c.value === 'unsubscribed' && s.pushSubscribe !== 'unsubscribed') s.profile.push_unsubscribed_at = nowIso
      s.pushSubscribe = c.value
      break
    // Group states live with the subscriptions surface (track-service hands them over), not in the profile.
    case 'subscription_groups': break
    case 'push_tokens': {
      const tokens = Array.isArray(s.profile.push_tokens) ? (s.profile.push_tokens as Array<Record<string, unknown>>) : []
      const fresh = c.value.filter((t) => !tokens.some((x) => x.token === t.token && x.app === t.app))
      if (fresh.length > 0) s.profile.push_tokens = [...tokens, ...fresh]
      break
    }
    case 'none': break
  }
}
