/**
 * Frequency capping (braze-docs rate_limiting#frequency-capping): a workspace's rules, each "no
 * more than `max` messages on `channel` per `period_s` seconds" (channel `all` counts every
 * channel). A delivery that would go over any rule is skipped with reason `frequency_capped`.
 * The window is measured on the fake's clock, ending at the send's time and including it;
 * deliveries of the same send count as they are made. Pure.
 */
import type { MessageChannel } from '../subscriptions/reachability.js'

export interface FrequencyRule { channel: MessageChannel | 'all', max: number, period_s: number }

/** A user's recent deliveries: times by channel, oldest first. */
export type DeliveryHistory = Map<number, Array<{ channel: string, time: number }>>

export function longestPeriodMs (rules: readonly FrequencyRule[]): number {
  return rules.reduce((n, r) => Math.max(n, r.period_s * 1000), 0)
}

/** Would one more delivery on `channel` at `now` go over a rule, given the user's deliveries? */
export function overCap (rules: readonly FrequencyRule[], deliveries: ReadonlyArray<{ channel: string, time: number }> | undefined, channel: string, now: number): boolean {
  if (deliveries === undefined || deliveries.length === 0) return false
  for (const r of rules) {
    if (r.channel !== 'all' && r.channel !== channel) continue
    const since = now - r.period_s * 1000
    let n = 0
    for (const d of deliveries) if (d.time > since && d.time <= now && (r.channel === 'all' || d.channel === r.channel)) n++
    if (n >= r.max) return true
  }
  return false
}

/**
 * overCap for a whole send, as counts: per rule, how many deliveries each user has in the rule's
 * window. A broadcast counts hundreds of thousands of users; one Map of small integers per rule
 * instead of an array of delivery objects per user (BENCHMARKS.md, Issue 19). Same answers as overCap.
 */
export class CapCounts {
  private readonly counts: Array<Map<number, number>>
  private readonly since: number[]

  constructor (private readonly rules: readonly FrequencyRule[], private readonly now: number) {
    this.counts = rules.map(() => new Map())
    this.since = rules.map((r) => now - r.period_s * 1000)
  }

  /** A delivery to the user on `channel` at `time` (earlier ones, and those of this send at `now`). */
  add (userPk: number, channel: string, time: number): void {
    if (time > this.now) return
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!
      if ((r.channel !== 'all' && r.channel !== channel) || time <= this.since[i]!) continue
      const m = this.counts[i]!
      m.set(userPk, (m.get(userPk) ?? 0) + 1)
    }
  }

  /** The user's count of earlier deliveries in rule `rule`'s window (instead of adding them one by one). */
  seed (rule: number, userPk: number, n: number): void {
    this.counts[rule]!.set(userPk, n)
  }

  /** Would one more delivery on `channel` now go over a rule? */
  over (userPk: number, channel: string): boolean {
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!
      if (r.channel !== 'all' && r.channel !== channel) continue
      if ((this.counts[i]!.get(userPk) ?? 0) >= r.max) return true
    }
    return false
  }
}

/**
 * The fewest earlier deliveries in a rule's window that can matter to a send giving each user at most
 * `perUser` deliveries the rule counts: a user with fewer stays under `max` through the whole send, so
 * the send need not know their history (a broadcast reads only the users near the cap).
 */
export function historyThreshold (rule: FrequencyRule, perUser: number): number {
  return Math.max(1, rule.max - perUser + 1)
}

/** [inferred] text; the rule is the control plane's contract (issue 21). */
export function frequencyRulesError (rules: readonly FrequencyRule[]): string | undefined {
  const seen = new Set<string>()
  for (const [i, r] of rules.entries()) {
    const key = `${r.channel}/${r.period_s}`
    if (seen.has(key)) return `rules[${i}]: a rule for ${r.channel} over ${r.period_s} s already exists`
    seen.add(key)
  }
  return undefined
}
