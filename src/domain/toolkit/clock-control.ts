/** `/_fake/clock`: reads and steers the controllable clock every timestamp the fake writes follows. */
import { isControllable, toIso, type Clock } from '../shared/clock.js'
import { FakeBadRequest, FakeConflict } from '../shared/errors.js'
import { TIME_RANGE_TEXT, isStorableTime } from '../shared/time.js'

export interface ClockCommand { freeze?: boolean | undefined, set?: string | undefined, advance_ms?: number | undefined }

export function createClockControl (clock: Clock) {
  function controllable () {
    if (!isControllable(clock)) throw new FakeConflict('This server was built with a fixed clock; it cannot be steered')
    return clock
  }
  return {
    state (): { now: string, frozen: boolean } {
      return isControllable(clock) ? { now: toIso(clock.now()), frozen: clock.state().frozen } : { now: toIso(clock.now()), frozen: false }
    },
    /**
     * Applies freeze, then set, then advance: `{set, freeze: true}` freezes exactly at the set
     * instant (setting first and freezing after let a millisecond tick slip in between).
     */
    command (c: ClockCommand): { now: string, frozen: boolean } {
      const clk = controllable()
      if (c.set === undefined && c.advance_ms === undefined && c.freeze === undefined) throw new FakeBadRequest('body: give at least one of freeze, set, advance_ms')
      // Checked before anything moves: a clock past what dates can hold would store times no read can parse.
      const target = c.set === undefined ? clk.now() : Date.parse(c.set)
      if (!isStorableTime(target)) throw new FakeBadRequest(`body.set: must be ${TIME_RANGE_TEXT}`)
      if (c.advance_ms !== undefined && !isStorableTime(target + c.advance_ms)) {
        throw new FakeBadRequest(`body.advance_ms: would move the clock outside the times Braze and JavaScript dates can hold (must stay ${TIME_RANGE_TEXT})`)
      }
      if (c.freeze !== undefined) clk.freeze(c.freeze)
      if (c.set !== undefined) clk.set(Date.parse(c.set))
      if (c.advance_ms !== undefined) clk.advance(c.advance_ms)
      return this.state()
    },
    reset (): { now: string, frozen: boolean } {
      controllable().reset()
      return this.state()
    }
  }
}
