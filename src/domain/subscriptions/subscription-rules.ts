/**
 * Pure rules of the subscription surface: identifier checks, the group state that answers
 * /subscription/status/get, the email-list date window, and what a changed email address does
 * to the global state (braze-reference-messaging §3).
 */
import { isE164 } from '../shared/phone.js'
import { BadDateRange, EmailListQueryIncomplete, SUBSCRIPTION_MESSAGES as M, SubscriptionBadRequest, TooManySubscriptionIds } from '../shared/errors.js'

export const MAX_IDS = 50
/** "up to 350 groups per workspace" [D UG-EM] */
export const MAX_GROUPS = 350
export const GROUP_CHANNELS = ['email', 'sms', 'whatsapp'] as const
export type GroupChannel = typeof GROUP_CHANNELS[number]
export type GlobalState = 'opted_in' | 'subscribed' | 'unsubscribed'
export type GroupState = 'subscribed' | 'unsubscribed'

// Deliberately simple, as /users/track's: one "@", no spaces, a dot in the domain. [inferred]
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid (id: string): boolean { return UUID.test(id) }

/** A string or an array of strings (Braze accepts both for `external_id`, `email`, `phone`) → an array, or undefined when absent. */
export function asList (value: unknown, message: string): string[] | undefined {
  if (value === undefined || value === null) return undefined
  const list = Array.isArray(value) ? value : [value]
  if (!list.every((v): v is string => typeof v === 'string')) throw new SubscriptionBadRequest(message)
  return list
}

export function checkCount (...lists: Array<readonly unknown[] | undefined>): void {
  for (const l of lists) if (l !== undefined && l.length > MAX_IDS) throw new TooManySubscriptionIds()
}

export function normaliseEmails (list: readonly string[]): string[] {
  return list.map((e) => {
    const email = e.trim().toLowerCase()
    if (!EMAIL.test(email)) throw new SubscriptionBadRequest(M.email)
    return email
  })
}

export function checkPhones (list: readonly string[]): string[] {
  return list.map((p) => {
    const phone = p.trim()
    // These endpoints demand E.164 [D "Phones not in E.164 are rejected"]: no U.S. reading here.
    if (!isE164(phone)) throw new SubscriptionBadRequest(M.phone)
    return phone
  })
}

/** `Subscribed` / `Unsubscribed` / `Unknown` (no history with the group), as /subscription/status/get spells them. */
export function statusWord (state: string | undefined): 'Subscribed' | 'Unsubscribed' | 'Unknown' {
  return state === 'subscribed' ? 'Subscribed' : state === 'unsubscribed' ? 'Unsubscribed' : 'Unknown'
}

/** A stored global state; null (never set) is Braze's default at creation, `subscribed` (item 152). */
export function globalState (stored: string | null | undefined): GlobalState {
  return stored === 'opted_in' || stored === 'unsubscribed' ? stored : 'subscribed'
}

/**
 * The global email state of a profile whose address changed to `email` (item 153) when the same
 * request does not set it: Braze resets it to `subscribed` [D UG-EM], unless the address already
 * has a state in the workspace — one set by /email/status while no profile had it [D EM-ST] or
 * another profile's [inferred] — which the profile inherits.
 */
export function stateForNewAddress (addressState: string | null | undefined, otherProfiles: ReadonlyArray<string | null>): GlobalState {
  if (addressState != null) return globalState(addressState)
  if (otherProfiles.length > 0) return globalState(otherProfiles[0])
  return 'subscribed'
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** `YYYY-MM-DD` → midnight UTC in ms ("dates are midnight UTC" [D EM-UN]). */
export function parseDay (value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const m = DAY.exec(value)
  const ms = m === null ? NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) throw new SubscriptionBadRequest(M.date)
  return ms
}

/**
 * The date window of /email/unsubscribes, /email/hard_bounces and /sms/invalid_phone_numbers:
 * `end_date` is required unless an identifier is given (which wins over dates [D EM-HB, SMS-Q]);
 * `start_date` must be before `end_date` [D EM-UN]. `end_date` is inclusive of its day [inferred].
 */
export function dateWindow (q: { start_date?: string | undefined, end_date?: string | undefined }, byIdentifier: boolean, needStart: boolean): { startMs?: number, endMs?: number } {
  const start = parseDay(q.start_date)
  const end = parseDay(q.end_date)
  if (byIdentifier) return {}
  if (end === undefined) throw new EmailListQueryIncomplete('end_date is required')
  if (needStart && start === undefined) throw new EmailListQueryIncomplete('start_date or email is required')
  if (start !== undefined && start >= end) throw new BadDateRange()
  return { ...(start !== undefined && { startMs: start }), endMs: end + 86_400_000 }
}
