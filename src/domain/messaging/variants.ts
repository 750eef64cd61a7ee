/**
 * A/B variants and control groups (braze-docs multivariant_testing): each user lands in one
 * variant, or in the control group, for good. Pure.
 *
 * Deterministic assignment [inferred: Braze's own is random but sticky]: a user's bucket is the
 * first 4 bytes (big-endian unsigned) of sha256(`<key>:<user>`) mod 100, where key is the
 * campaign_id (a Canvas message or experiment step: `<canvas_id>:<step_id>`) and user is the
 * external_id, or the braze_id when the user has none. Variants take consecutive ranges from 0
 * in the order they are listed (a 50/30 split with 20 % control: buckets 0-49, 50-79), the
 * control group the last range (80-99).
 */
import * as crypto from 'node:crypto'

// crypto.hash (Node >= 20.12) does the one-shot digest without a Hash object: ~0.35 µs a user
// instead of ~3.7 µs (a broadcast assigns every member; BENCHMARKS.md, Issue 19). Its digest as a
// 'binary' (latin1) string, one char per byte, is read without the hex text and parseInt (0.66 µs). Same bucket.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, outputEncoding: 'binary') => string }).hash

export function bucketOf (key: string, user: string): number {
  if (oneShot === undefined) return crypto.createHash('sha256').update(`${key}:${user}`).digest().readUInt32BE(0) % 100
  const d = oneShot('sha256', `${key}:${user}`, 'binary')
  return (d.charCodeAt(0) * 0x1000000 + (d.charCodeAt(1) << 16) + (d.charCodeAt(2) << 8) + d.charCodeAt(3)) % 100
}

/** The range ends (exclusive) of each variant, in order; a bucket at or past the last is control. */
export interface Split<T> { key: string, variants: Array<{ upTo: number, variant: T }> }

export function assign<T> (split: Split<T>, user: string): T | null {
  const b = bucketOf(split.key, user)
  for (const v of split.variants) if (b < v.upTo) return v.variant
  return null
}

export function makeSplit<T> (key: string, variants: ReadonlyArray<{ percent: number, variant: T }>): Split<T> {
  let upTo = 0
  return { key, variants: variants.map((v) => ({ upTo: (upTo += v.percent), variant: v.variant })) }
}

/**
 * The split a definition's variations ask for, or why it is not one: none when no variation
 * carries a percent and there is no control group; else every variation carries one, and
 * they plus control_percent make 100.
 */
export function splitError (percents: ReadonlyArray<number | undefined>, controlPercent: number | null | undefined): string | undefined {
  const any = percents.some((p) => p !== undefined) || (controlPercent !== null && controlPercent !== undefined)
  if (!any) return undefined
  if (percents.some((p) => p === undefined)) return 'every variant needs a percent when one has it or there is a control group'
  const sum = percents.reduce<number>((n, p) => n + (p ?? 0), 0) + (controlPercent ?? 0)
  if ([...percents, controlPercent ?? 0].some((p) => p! < 0 || !Number.isInteger(p))) return 'percentages are whole numbers from 0 to 100'
  if (sum !== 100) return `the variants' percent and control_percent add up to ${sum}, not 100`
  return undefined
}

export function hasSplit (percents: ReadonlyArray<number | undefined>, controlPercent: number | null | undefined): boolean {
  return percents.some((p) => p !== undefined) || (controlPercent !== null && controlPercent !== undefined)
}
