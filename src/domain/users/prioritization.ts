/**
 * `prioritization` for email/phone identifiers of /users/identify, /users/delete and /users/merge
 * (braze-docs post_user_delete.md, post_users_merge.md): an ordered array that narrows the users
 * sharing an email or phone to one; "if more than one user matches from a prioritization", nothing
 * happens. Pure.
 */
import { PRIORITIZATION_MESSAGES } from '../shared/errors.js'

export const PRIORITIES = ['identified', 'unidentified', 'most_recently_updated', 'least_recently_updated'] as const
export type Priority = typeof PRIORITIES[number]

export interface Candidate { pk: number, externalId: string | null, updatedAt: number }

/** The per-item error text for a bad prioritization array, or undefined when it is valid. */
export function prioritizationError (value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return PRIORITIZATION_MESSAGES.missing
  if (!value.every((v) => (PRIORITIES as readonly unknown[]).includes(v))) return PRIORITIZATION_MESSAGES.unknown
  if (value.includes('most_recently_updated') && value.includes('least_recently_updated')) return PRIORITIZATION_MESSAGES.mostAndLeast
  if (value.includes('identified') && value.includes('unidentified')) return PRIORITIZATION_MESSAGES.identifiedAndUnidentified
  return undefined
}

/**
 * Applies the priorities in order: `identified`/`unidentified` filter, the recency ones keep the
 * most/least recently updated user. The result is the single user left, or undefined when none
 * or several remain (ties on updated_at count as several).
 */
export function pickByPrioritization (candidates: readonly Candidate[], prioritization: readonly Priority[]): Candidate | undefined {
  let left = [...candidates]
  for (const p of prioritization) {
    if (left.length <= 1) break
    if (p === 'identified') left = left.filter((c) => c.externalId !== null)
    else if (p === 'unidentified') left = left.filter((c) => c.externalId === null)
    else {
      const best = p === 'most_recently_updated' ? Math.max(...left.map((c) => c.updatedAt)) : Math.min(...left.map((c) => c.updatedAt))
      left = left.filter((c) => c.updatedAt === best)
    }
  }
  // A lone candidate must still satisfy an identified/unidentified priority.
  if (left.length === 1) {
    const only = left[0]!
    if (prioritization.includes('identified') && only.externalId === null) return undefined
    if (prioritization.includes('unidentified') && only.externalId !== null) return undefined
    return only
  }
  return undefined
}
