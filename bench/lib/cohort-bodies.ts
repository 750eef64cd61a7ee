/**
 * The Segment-style small cohort requests of the peers and floors benchmarks: body i is a function
 * of i alone (generated as it is sent, so nothing is replayed), 1–10 distinct existing users of
 * `users`, one of 50 cohorts, every fourth a removal.
 */
import { BENCH_PARTNER_KEY, BENCH_SECRET } from './seed-db.js'

/** A small deterministic hash (mulberry32 step). */
function hash (n: number): number {
  let t = (n + 0x6d2b79f5) | 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export interface CohortChangeAt { cohortId: string, userIds: string[], remove: boolean }

/** What body i changes. */
export function cohortChangeAt (i: number, users: number): CohortChangeAt {
  const ids = new Set<string>()
  for (let k = 0; ids.size < 1 + (i % 10); k++) ids.add(`user-${Math.floor(hash(i * 16 + k) * users)}`)
  return { cohortId: `seg-${i % 50}`, userIds: [...ids], remove: i % 4 === 3 }
}

/** Body i as a partner sends it. */
export function cohortBodyAt (i: number, users: number): string {
  const c = cohortChangeAt(i, users)
  return JSON.stringify({
    partner_api_key: BENCH_PARTNER_KEY, client_secret: BENCH_SECRET, cohort_id: c.cohortId,
    cohort_changes: [{ user_ids: c.userIds, ...(c.remove && { should_remove: true }) }]
  })
}

/** A target's own cursor over the one sequence of bodies. */
export function cohortBodySequence (users: number): () => string {
  let i = 0
  return () => cohortBodyAt(i++, users)
}
