/**
 * Phone numbers, read as Braze's phone-number guide reads them
 * (_docs/_user_guide/message_building_by_channel/sms/phone_numbers/user_phone_numbers.md):
 * - "the best way to import a phone number is in E.164 format" — `+`, country code, number;
 * - "Braze will assume and map all valid, 10-digit phone numbers as U.S. numbers": ten digits with a
 *   valid area code, without `+` and country code, are `+1` numbers;
 * - "All international numbers should start with a `+`": other digit strings without `+` are not
 *   readable, and a number "incorrectly formatted" is invalid.
 * The fake keeps the E.164 form of every number it can read, so one number written as
 * `(415) 555-2671`, `415.555.2671` or `+1 415 555 2671` names one user. Endpoints whose own doc
 * demands E.164 (subscription status, SMS invalid numbers) check `isE164` instead. Pure.
 */

/** "+", a non-zero digit, 7 to 15 digits in all (E.164's maximum is 15; no country's numbers are shorter than 7). [inferred minimum] */
const E164 = /^\+[1-9][0-9]{6,14}$/
/**
 * A NANP number: area code and exchange code each start with 2–9; an area code's middle digit is
 * not 9 (reserved) and N11 codes are service codes, not area codes. "valid area code" [documented];
 * which codes are valid is [inferred] from the North American Numbering Plan.
 */
const NANP = /^([2-9](?!11)[0-8][0-9])[2-9][0-9]{6}$/
/** Separators people write numbers with: spaces, dashes, dots, parentheses. [inferred] */
const SEPARATORS = /[\s().-]/g

export function isE164 (value: string): boolean {
  return E164.test(value)
}

/**
 * The E.164 form of a phone number, or undefined when Braze's guide would not read it as one.
 * A JSON number is read as its digits (a client that types 4155552671 as a number). [inferred]
 */
export function readPhone (value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? String(value) : undefined
  if (text === undefined) return undefined
  const trimmed = text.trim()
  // Letters, extensions ("x12") or stray symbols make a number "incorrectly formatted".
  if (!/^\+?[0-9\s().-]+$/.test(trimmed)) return undefined
  const digits = trimmed.replace(SEPARATORS, '')
  if (digits.startsWith('+')) return E164.test(digits) ? digits : undefined
  if (NANP.test(digits)) return `+1${digits}`
  // "1 415 555 2671": a U.S. number written with its country code but no "+". [inferred: "Braze will attempt to interpret or convert any U.S. number"]
  if (digits.length === 11 && digits.startsWith('1') && NANP.test(digits.slice(1))) return `+${digits}`
  return undefined
}

/**
 * The form a phone number is stored and looked up under: its E.164 form when readable, else the
 * trimmed text as given (Braze keeps such a number on the profile and treats it as invalid). [inferred]
 */
export function phoneKey (value: string): string {
  return readPhone(value) ?? value.trim()
}
