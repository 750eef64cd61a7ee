/**
 * What one /users/track request adds to the analytics read side (GET /events/data_series,
 * /purchases/*_series, /kpi/dau|mau/data_series): hourly totals per event name / product and app,
 * and the users active per UTC day. Pure; summed here so the repository writes each aggregate once.
 * A user is active on the day of each event or purchase recorded for them (its `time`) and on the
 * day an attribute object updates them ([inferred]: Braze counts sessions, which REST calls never start).
 */
import type { AnalyticsCount } from '../../../repositories/users/activity-repository.js'
import { UNIT_MS } from '../../shared/series-window.js'

export const HOUR_MS = UNIT_MS.hour
export const DAY_MS = UNIT_MS.day

export interface TrackAnalytics {
  event: (name: string, appId: string, time: number, userPk: number) => void
  purchase: (productId: string, appId: string, time: number, quantity: number, revenue: number, userPk: number) => void
  active: (time: number, userPk: number) => void
  counts: () => AnalyticsCount[]
  activeDays: () => Array<[number, number]>
}

export function trackAnalytics (): TrackAnalytics {
  const counts = new Map<string, [AnalyticsCount[0], string, string, number, number, number]>()
  const active = new Map<string, [number, number]>()
  const add = (kind: 'event' | 'purchase', name: string, appId: string, time: number, count: number, revenue: number): void => {
    const hour = Math.floor(time / HOUR_MS)
    const key = `${kind}\u0000${name}\u0000${appId}\u0000${hour}`
    const row = counts.get(key)
    if (row === undefined) counts.set(key, [kind, name, appId, hour, count, revenue])
    else { row[4] += count; row[5] += revenue }
  }
  const markActive = (time: number, userPk: number): void => {
    const day = Math.floor(time / DAY_MS)
    active.set(`${day}:${userPk}`, [day, userPk])
  }
  return {
    event (name, appId, time, userPk) { add('event', name, appId, time, 1, 0); markActive(time, userPk) },
    purchase (productId, appId, time, quantity, revenue, userPk) { add('purchase', productId, appId, time, quantity, revenue); markActive(time, userPk) },
    active: markActive,
    counts: () => [...counts.values()],
    activeDays: () => [...active.values()]
  }
}
