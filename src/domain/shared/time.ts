/**
 * ISO-8601 date-times as partners send them (`2021-01-21T19:20:30+05:00`,
 * `2022-12-01T17:40:04.055Z`). Dates without a time (`2021-01-21`) are accepted too; a
 * date-time without an offset is read as UTC. [inferred: Braze documents only "ISO-8601".]
 */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/**
 * The instants every stored time must lie in: 4-digit years, as Braze's formats write them
 * (ISO-8601 and "YYYY-MM-DD HH:MM:SS.sss UTC"), well inside what a JavaScript Date holds
 * (±8.64e15 ms). A time outside would be written but could not be read back.
 */
export const MIN_TIME_MS = -62167219200000 // 0000-01-01T00:00:00.000Z (Date.UTC maps years 0–99 to 1900–1999)
export const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
export const TIME_RANGE_TEXT = 'between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z'

export function isStorableTime (ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_TIME_MS && ms <= MAX_TIME_MS
}

export function parseIso8601 (value: string): number | undefined {
  const m = ISO_8601.exec(value.trim())
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s] = m
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 60)) return undefined
  const probe = new Date(Date.UTC(Number(y), month - 1, day))
  if (probe.getUTCDate() !== day) return undefined // 2021-02-30
  let normalised = value.trim().replace(' ', 'T').replace(',', '.')
  if (h === undefined) normalised += 'T00:00:00Z'
  else if (m[7] === undefined) normalised += 'Z'
  const ms = Date.parse(normalised.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
  return isStorableTime(ms) ? ms : undefined
}

export function isIso8601 (value: string): boolean {
  return parseIso8601(value) !== undefined
}
