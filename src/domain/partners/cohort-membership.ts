/**
 * Pure rules of the user cohort endpoint (braze-docs cohort_import.md): the 1,000-identifier
 * cap across the whole request, and turning `cohort_changes` into ordered add/remove steps.
 */
import { TooManyCohortIdentifiers } from '../shared/errors.js'
import type { UserAlias } from '../shared/user-alias.js'

export const MAX_IDENTIFIERS_PER_REQUEST = 1000

export interface CohortChange {
  user_ids?: string[] | undefined
  device_ids?: string[] | undefined
  aliases?: UserAlias[] | undefined
  should_remove?: boolean | undefined
}

export interface MembershipStep {
  op: 'add' | 'remove'
  userIds: string[]
  deviceIds: string[]
  aliases: UserAlias[]
}

export function countIdentifiers (changes: readonly CohortChange[]): number {
  let n = 0
  for (const c of changes) n += (c.user_ids?.length ?? 0) + (c.device_ids?.length ?? 0) + (c.aliases?.length ?? 0)
  return n
}

/**
 * Checks the cap (exactly 1,000 passes) and returns one step per change object, in request
 * order, with duplicates inside a step removed. Steps must be applied in order: an add then a
 * remove of the same user leaves the user out, as Segment's "latest event wins" batches expect.
 */
export function planMembershipSteps (changes: readonly CohortChange[]): MembershipStep[] {
  if (countIdentifiers(changes) > MAX_IDENTIFIERS_PER_REQUEST) throw new TooManyCohortIdentifiers()
  return changes.map((c) => ({
    op: c.should_remove === true ? 'remove' : 'add',
    userIds: unique(c.user_ids ?? []),
    deviceIds: unique(c.device_ids ?? []),
    aliases: uniqueAliases(c.aliases ?? [])
  }))
}

function unique (values: readonly string[]): string[] {
  if (values.length < 2) return values.slice()
  const set = new Set(values)
  // Without duplicates (what a sync sends) a copy of the array is cheaper than iterating the set.
  return set.size === values.length ? values.slice() : [...set]
}

function uniqueAliases (aliases: readonly UserAlias[]): UserAlias[] {
  const seen = new Set<string>()
  const out: UserAlias[] = []
  for (const a of aliases) {
    const k = `${a.alias_label}\u0000${a.alias_name}`
    if (!seen.has(k)) { seen.add(k); out.push({ alias_name: a.alias_name, alias_label: a.alias_label }) }
  }
  return out
}
