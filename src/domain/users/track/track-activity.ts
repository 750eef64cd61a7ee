/**
 * Validates event objects (event_object.md) and purchase objects (purchase_object.md) of
 * /users/track. Pure; times are clamped to "now" ("Events and Attributes with timestamps in
 * the future will default to the current time").
 */
import { TRACK_ERROR_TYPES } from '../../shared/errors.js'
import { isIsoCurrency } from './iso-codes.js'
import { parseBrazeDate } from './track-dates.js'
import { isPlainObject, resolveIdentifier, type ResolvedIdentifier } from './track-identifiers.js'

/** `appId`: the object's optional `app_id` ('' when absent), kept for the analytics series' `app_id` filter. */
export interface EventPlan extends ResolvedIdentifier { name: string, time: number, appId: string }
export interface PurchasePlan extends ResolvedIdentifier { productId: string, time: number, price: number, quantity: number, currency: string, appId: string }

const RESERVED_EVENT_PROPERTIES = ['time', 'event_name']
const MAX_STRING = 255

export function planEvent (input: unknown, now: number): EventPlan | { error: string } {
  if (!isPlainObject(input)) return { error: TRACK_ERROR_TYPES.notAnObject }
  const who = resolveIdentifier(input)
  if ('error' in who) return who
  const { name } = input
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_STRING) return { error: TRACK_ERROR_TYPES.invalidName }
  const time = eventTime(input.time, now)
  if (time === undefined) return { error: TRACK_ERROR_TYPES.invalidTime }
  const props = propertiesError(input.properties)
  if (props !== undefined) return { error: props }
  return { ...who, name, time, appId: appIdOf(input.app_id) }
}

export function planPurchase (input: unknown, now: number): PurchasePlan | { error: string } {
  if (!isPlainObject(input)) return { error: TRACK_ERROR_TYPES.notAnObject }
  const who = resolveIdentifier(input)
  if ('error' in who) return who
  const { product_id: productId, currency, price } = input
  if (typeof productId !== 'string' || productId.trim() === '' || productId.length > MAX_STRING) return { error: TRACK_ERROR_TYPES.invalidProductId }
  if (typeof currency !== 'string' || !isIsoCurrency(currency.toUpperCase())) return { error: TRACK_ERROR_TYPES.invalidCurrency }
  // A bound keeps total_revenue finite. [inferred]
  if (typeof price !== 'number' || !Number.isFinite(price) || Math.abs(price) > 1e15) return { error: TRACK_ERROR_TYPES.invalidPrice }
  // "quantity ... must be an integer between 1 and 100" (default 1)
  const quantity = input.quantity ?? 1
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 100) return { error: TRACK_ERROR_TYPES.invalidQuantity }
  const time = eventTime(input.time, now)
  if (time === undefined) return { error: TRACK_ERROR_TYPES.invalidTime }
  const props = propertiesError(input.properties)
  if (props !== undefined) return { error: props }
  return { ...who, productId, time, price, quantity, currency: currency.toUpperCase(), appId: appIdOf(input.app_id) }
}

function appIdOf (value: unknown): string {
  return typeof value === 'string' ? value : ''
}

/** Required time, clamped to now when in the future. */
function eventTime (value: unknown, now: number): number | undefined {
  const ms = typeof value === 'string' ? parseBrazeDate(value) : undefined
  return ms === undefined ? undefined : Math.min(ms, now)
}

/** `properties` is optional; keys must be non-empty, ≤255 characters, not start with "$", not reserved. */
function propertiesError (value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (!isPlainObject(value)) return TRACK_ERROR_TYPES.invalidProperties
  for (const key of Object.keys(value)) {
    if (RESERVED_EVENT_PROPERTIES.includes(key)) return TRACK_ERROR_TYPES.reservedProperty
    if (key === '' || key.length > MAX_STRING || key.startsWith('$')) return TRACK_ERROR_TYPES.invalidPropertyKey
  }
  return undefined
}
