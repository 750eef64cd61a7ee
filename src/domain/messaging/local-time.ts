/**
 * Local-time delivery (braze-docs schedule "in local time"; O-SCH `in_local_time`): a wall-clock
 * time is reached at a different instant in each user's `time_zone` (IANA name on the profile).
 * A user without a valid zone gets it at the wall-clock time read as UTC [inferred: the
 * company's zone, which the fake takes to be UTC]. Pure.
 */

/** The zone's offset from UTC at an instant (ms, east positive), or undefined for an unknown zone. */
export function zoneOffsetMs (timeZone: string, at: number): number | undefined {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at))
  } catch {
    return undefined
  }
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(at / 1000) * 1000
}

/** The instant the wall clock `wall` (epoch ms of that wall time read as UTC) happens in the zone. */
export function localInstant (wall: number, timeZone: unknown): number {
  if (typeof timeZone !== 'string' || timeZone === '') return wall
  const first = zoneOffsetMs(timeZone, wall)
  if (first === undefined) return wall
  const t = wall - first
  const second = zoneOffsetMs(timeZone, t)
  return second !== undefined && second !== first ? wall - second : t
}

/** UTC+14 is the first zone to reach a wall-clock time: a local-time schedule wakes then. */
export const EARLIEST_OFFSET_MS = 14 * 3_600_000
