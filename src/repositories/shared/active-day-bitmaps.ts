/**
 * The storage encoding of "users active per UTC day" (analytics_active_days): one bitmap per
 * (workspace, day, chunk of 32,000 user pks); user pk p is bit p % 32,000, least significant bit
 * first, of byte (p % 32,000) / 8. Pure functions, shared by the writer (users/activity-repository)
 * and the reader (analytics-repository). Why bitmaps: src/db/schema/analytics.ts.
 */
export const CHUNK_USERS = 32_000
export const BITMAP_BYTES = CHUNK_USERS / 8

export const chunkOf = (userPk: number): number => Math.floor(userPk / CHUNK_USERS)

/** Sets the user's bit; true when it was not set before. */
export function markUser (bits: Uint8Array, userPk: number): boolean {
  const bit = userPk % CHUNK_USERS
  const byte = bit >> 3
  const mask = 1 << (bit & 7)
  if ((bits[byte]! & mask) !== 0) return false
  bits[byte] = bits[byte]! | mask
  return true
}

/** How many users a bitmap (or an OR of bitmaps) holds. */
export function countUsers (bits: Uint8Array): number {
  let n = 0
  for (let i = 0; i < bits.length; i++) {
    let v = bits[i]!
    v = v - ((v >> 1) & 0x55)
    v = (v & 0x33) + ((v >> 2) & 0x33)
    n += (v + (v >> 4)) & 0x0f
  }
  return n
}

/** target |= source, byte by byte (both BITMAP_BYTES long). */
export function orInto (target: Uint8Array, source: Uint8Array): void {
  for (let i = 0; i < target.length; i++) target[i] = target[i]! | source[i]!
}

export interface ActiveDayRow { day: number, chunk: number, bits: Uint8Array }

/** Users active on each day that has any (days without activity are left out), ascending. */
export function activePerDay (rows: readonly ActiveDayRow[]): Array<{ day: number, n: number }> {
  const perDay = new Map<number, number>()
  for (const r of rows) perDay.set(r.day, (perDay.get(r.day) ?? 0) + countUsers(r.bits))
  return [...perDay].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]).map(([day, n]) => ({ day, n }))
}

/** Distinct users active over the `window` days ending with each of `days` (rows must cover them). */
export function activeOverWindow (rows: readonly ActiveDayRow[], days: readonly number[], window: number): Array<{ day: number, n: number }> {
  const byChunk = new Map<number, ActiveDayRow[]>()
  for (const r of rows) {
    const list = byChunk.get(r.chunk)
    if (list === undefined) byChunk.set(r.chunk, [r])
    else list.push(r)
  }
  const union = new Uint8Array(BITMAP_BYTES)
  return days.map((day) => {
    let n = 0
    for (const list of byChunk.values()) {
      union.fill(0)
      let any = false
      for (const r of list) if (r.day > day - window && r.day <= day) { orInto(union, r.bits); any = true }
      if (any) n += countUsers(union)
    }
    return { day, n }
  })
}
