/** Source of "now" for every timestamp the fake writes, injectable so tests can control time. */
export interface Clock {
  /** milliseconds since the epoch */
  now: () => number
}

export const systemClock: Clock = { now: () => Date.now() }

export function toIso (ms: number): string {
  return new Date(ms).toISOString()
}

/** A clock the control plane can freeze, set and advance (`/_fake/clock`). */
export interface ControllableClock extends Clock {
  state: () => { now: number, frozen: boolean }
  /** freeze = true stops time at the current instant; false lets it run on from there. */
  freeze: (frozen: boolean) => void
  set: (ms: number) => void
  advance: (ms: number) => void
  /** back to the system time, running */
  reset: () => void
}

export function isControllable (clock: Clock): clock is ControllableClock {
  return typeof (clock as Partial<ControllableClock>).advance === 'function'
}

/**
 * The default clock: system time plus an offset, or a fixed instant while frozen. Setting or
 * advancing a running clock shifts the offset, so time keeps flowing from the new instant.
 */
export function createControllableClock (base: Clock = systemClock): ControllableClock {
  let offset = 0
  let frozenAt: number | null = null
  const now = (): number => frozenAt ?? base.now() + offset
  return {
    now,
    state: () => ({ now: now(), frozen: frozenAt !== null }),
    freeze (frozen) {
      if (frozen && frozenAt === null) frozenAt = now()
      if (!frozen && frozenAt !== null) { offset = frozenAt - base.now(); frozenAt = null }
    },
    set (ms) {
      if (frozenAt !== null) frozenAt = ms
      else offset = ms - base.now()
    },
    advance (ms) {
      if (frozenAt !== null) frozenAt += ms
      else offset += ms
    },
    reset () { offset = 0; frozenAt = null }
  }
}
