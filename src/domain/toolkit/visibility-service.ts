/**
 * Eventual consistency (braze-reference §1.7, checklist item 58): Braze makes writes visible to
 * exports after 10–100 ms normally and asks for up to 5 minutes between dependent calls; live
 * suites poll /users/export/ids for up to ~60 s. fake-braze is synchronous unless a delay is set.
 *
 * The seam for export endpoints: a row written at time `t` is visible once `visibility.isVisible(t)`;
 * a query can filter with `<time column> <= visibility.cutoff()`. Both exports pass the user's
 * created_at: the fake keeps no previous versions, so updates to older users show at once.
 * Both follow the controllable clock, so advancing `/_fake/clock` makes pending writes appear.
 */
import type { Clock } from '../shared/clock.js'

export type VisibilityService = ReturnType<typeof createVisibilityService>

export function createVisibilityService (deps: { clock: Clock, delayMs: number }) {
  let delayMs = deps.delayMs
  return {
    delayMs: (): number => delayMs,
    setDelay (ms: number): void { delayMs = ms },
    /** The newest write time an export may show now. */
    cutoff: (): number => deps.clock.now() - delayMs,
    isVisible (updatedAtMs: number): boolean {
      return delayMs === 0 || updatedAtMs <= deps.clock.now() - delayMs
    },
    reset (): void { delayMs = deps.delayMs }
  }
}
