/**
 * ISO code look-ups from the runtime's ICU data (Node ships full ICU): countries (ISO 3166-1
 * alpha-2 and their English names), currencies (ISO 4217) and IANA time zones. The tables are
 * built on first use: building them costs ~20 ms, which would otherwise land on process start.
 */
import { RAILS_TIME_ZONES } from './rails-time-zones.js'

/** Region codes ICU knows that are not countries (EU, UN, "Unknown Region"; Q and X codes are private use). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ'])

/** upper-cased name or code → alpha-2 */
let countryLookup: ReadonlyMap<string, string> | undefined

function buildCountryLookup (): ReadonlyMap<string, string> {
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })
  const map = new Map<string, string>()
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b)
      if (NOT_COUNTRIES.has(code) || ((code[0] === 'Q' || code[0] === 'X') && code !== 'XK')) continue
      let name: string | undefined
      try { name = regionNames.of(code) } catch { name = undefined }
      if (name === undefined || name === code) continue
      map.set(code, code)
      map.set(name.toUpperCase(), code)
    }
  }
  // Common spellings partners send that ICU's English names do not cover. [inferred]
  const extra: Record<string, string> = {
    USA: 'US', 'UNITED STATES OF AMERICA': 'US', 'U.S.': 'US', 'U.S.A.': 'US', UK: 'GB', 'GREAT BRITAIN': 'GB', ENGLAND: 'GB',
    DEU: 'DE', GBR: 'GB', FRA: 'FR', CAN: 'CA', AUS: 'AU', MEX: 'MX', BRA: 'BR', IND: 'IN', JPN: 'JP', CHN: 'CN', ESP: 'ES', ITA: 'IT', NLD: 'NL',
    'SOUTH KOREA': 'KR', KOREA: 'KR', RUSSIA: 'RU', 'CZECH REPUBLIC': 'CZ', HOLLAND: 'NL', 'THE NETHERLANDS': 'NL'
  }
  for (const [k, v] of Object.entries(extra)) map.set(k, v)
  return map
}

/** Braze's "best effort" country mapping: alpha-2 code, or null when the input is not recognised. */
export function countryCode (value: string): string | null {
  countryLookup ??= buildCountryLookup()
  return countryLookup.get(value.trim().toUpperCase()) ?? null
}

let currencies: ReadonlySet<string> | undefined

export function isIsoCurrency (value: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'))
  return currencies.has(value)
}

/**
 * The IANA name of a `time_zone` value: an IANA name (canonicalised), or a Rails-style name
 * ("Eastern Time (US & Canada)") mapped to its IANA zone; undefined when neither.
 */
export function ianaTimeZone (value: string): string | undefined {
  if (value.trim() === '') return undefined
  const rails = Object.hasOwn(RAILS_TIME_ZONES, value.trim()) ? RAILS_TIME_ZONES[value.trim()] : undefined
  if (rails !== undefined) return rails
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value.trim() }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}
