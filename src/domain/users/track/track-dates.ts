/**
 * Date strings /users/track accepts for date attributes and times (user_attributes_object.md):
 * ISO 8601, `yyyy-MM-dd'T'HH:mm:ss:SSSZ`, `yyyy-MM-dd'T'HH:mm:ss`, `yyyy-MM-dd HH:mm:ss`,
 * `yyyy-MM-dd`, `MM/dd/yyyy`. No zone means UTC ("midnight UTC" for bare dates).
 */
import { parseIso8601 } from '../../shared/time.js'

const COLON_MILLIS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}):(\d{3})(.*)$/
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/

export function parseBrazeDate (value: string): number | undefined {
  const v = value.trim()
  const iso = parseIso8601(v)
  if (iso !== undefined) return iso
  const colon = COLON_MILLIS.exec(v)
  if (colon !== null) return parseIso8601(`${colon[1]}.${colon[2]}${colon[3]}`)
  const us = US_DATE.exec(v)
  if (us !== null) return parseIso8601(`${us[3]}-${us[1]}-${us[2]}`)
  return undefined
}

/**
 * A custom attribute string that is a date becomes an ISO-8601 date-time; years outside
 * 0..3000 stay strings (user_attributes_object.md). Undefined when it is not a date.
 */
export function customDate (value: string): string | undefined {
  // Every accepted format starts with two digits and is at least 10 characters long.
  if (value.length < 10 || value.length > 40 || !isDigit(value.charCodeAt(0)) || !isDigit(value.charCodeAt(1))) return undefined
  const ms = parseBrazeDate(value)
  if (ms === undefined) return undefined
  const year = new Date(ms).getUTCFullYear()
  return year < 0 || year > 3000 ? undefined : new Date(ms).toISOString()
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57
