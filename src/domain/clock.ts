/** Source of "now" for every timestamp the fake writes, injectable so tests can control time. */
export interface Clock {
  /** milliseconds since the epoch */
  now: () => number
}

export const systemClock: Clock = { now: () => Date.now() }

export function toIso (ms: number): string {
  return new Date(ms).toISOString()
}
