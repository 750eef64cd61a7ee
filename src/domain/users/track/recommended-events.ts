/**
 * Braze's recommended events: custom events with reserved names whose `properties` Braze
 * "validates against its schema on ingestion" (recommended_events.md). The six eCommerce events
 * and their required properties and types are those of
 * _docs/_user_guide/data/activation/custom_data/recommended_events/ecommerce_events.md:
 * every event needs `currency` (ISO 4217) and `source`; product_viewed carries one product's fields
 * at the top level, the other five a `products` array. Names are case-sensitive ("must match
 * exactly"): `ecommerce.checkoutStarted` is a plain custom event. Braze documents no error text for a
 * rejected recommended event: the texts below are [inferred], in the style of /users/track's
 * `errors[].type`. Pure.
 */
import { isIsoCurrency } from './iso-codes.js'
import { isPlainObject } from './track-identifiers.js'

type Kind = 'string' | 'number' | 'integer' | 'object' | 'array' | 'object[]' | 'string[]'
interface Field { readonly kind: Kind, readonly required: boolean }
type Schema = Readonly<Record<string, Field>>

const req = (kind: Kind): Field => ({ kind, required: true })
const opt = (kind: Kind): Field => ({ kind, required: false })

/** A product in `products` (cart_updated, checkout_started, order_*). */
const PRODUCT: Schema = {
  product_id: req('string'),
  product_name: req('string'),
  variant_id: req('string'),
  quantity: req('integer'),
  price: req('number'),
  image_url: opt('string'),
  product_url: opt('string'),
  metadata: opt('object'),
  sku: opt('string')
}

const BASE: Schema = { currency: req('string'), source: req('string'), metadata: opt('object') }
const MULTI: Schema = { ...BASE, total_value: req('number'), products: req('object[]') }
const ORDER: Schema = { ...MULTI, order_id: req('string'), total_discounts: opt('number'), discounts: opt('object[]'), order_status_url: opt('string') }

export const ECOMMERCE_SCHEMAS: Readonly<Record<string, Schema>> = {
  'ecommerce.product_viewed': {
    ...BASE,
    product_id: req('string'),
    product_name: req('string'),
    variant_id: req('string'),
    price: req('number'),
    image_url: opt('string'),
    product_url: opt('string'),
    // "type": back-in-stock / price-drop triggers; the current schema types it an array of strings
    // with two accepted values (PRODUCT_VIEWED_TYPES).
    type: opt('string[]'),
    sku: opt('string')
  },
  'ecommerce.cart_updated': { ...MULTI, cart_id: req('string') },
  'ecommerce.checkout_started': { ...MULTI, checkout_id: req('string'), cart_id: opt('string'), checkout_url: opt('string') },
  'ecommerce.order_placed': { ...ORDER, cart_id: opt('string') },
  'ecommerce.order_refunded': ORDER,
  'ecommerce.order_cancelled': { ...ORDER, cancel_reason: req('string') }
}

/** product_viewed's `type`: "Accepted values: "price_drop", "back_in_stock"" (the current ecommerce events schema). */
export const PRODUCT_VIEWED_TYPES: readonly string[] = ['price_drop', 'back_in_stock']

export function isRecommendedEvent (name: string): boolean {
  return Object.hasOwn(ECOMMERCE_SCHEMAS, name)
}

const KIND_TEXT: Record<Kind, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  object: 'an object',
  array: 'an array',
  'object[]': 'an array of objects',
  'string[]': 'an array of strings'
}

function hasKind (value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string': return typeof value === 'string'
    case 'number': return typeof value === 'number' && Number.isFinite(value)
    case 'integer': return typeof value === 'number' && Number.isInteger(value)
    case 'object': return isPlainObject(value)
    case 'array': return Array.isArray(value)
    case 'object[]': return Array.isArray(value) && value.every(isPlainObject)
    case 'string[]': return Array.isArray(value) && value.every((v) => typeof v === 'string')
  }
}

/** [inferred] texts: "'<event>' requires the property '<path>'" / "... must be <kind>". */
function check (event: string, props: Record<string, unknown>, schema: Schema, prefix: string): string | undefined {
  for (const [key, field] of Object.entries(schema)) {
    const value = props[key]
    const path = `${prefix}${key}`
    // A JSON null is "absent" for an optional property and missing for a required one. [inferred]
    if (value === undefined || value === null) {
      if (field.required) return `'${event}' requires the property '${path}'`
      continue
    }
    if (!hasKind(value, field.kind)) return `'${event}' property '${path}' must be ${KIND_TEXT[field.kind]}`
  }
  return undefined
}

/**
 * Why a recommended event's properties fail its schema, or undefined when they pass (or the
 * event is not a recommended one). Extra properties are kept: the docs say custom fields belong
 * in `metadata` but name no rejection for them. [inferred]
 */
export function recommendedEventError (name: string, properties: unknown): string | undefined {
  if (!isRecommendedEvent(name)) return undefined
  const schema = ECOMMERCE_SCHEMAS[name] as Schema
  if (!isPlainObject(properties)) return `'${name}' requires 'properties'`
  const top = check(name, properties, schema, '')
  if (top !== undefined) return top
  // ISO 4217, read case-insensitively as the purchase object's currency is. [inferred]
  const currency = properties.currency as string
  if (!isIsoCurrency(currency.toUpperCase())) return `'${name}' property 'currency' must be an ISO 4217 currency code`
  if (name === 'ecommerce.product_viewed' && Array.isArray(properties.type) && !properties.type.every((t) => PRODUCT_VIEWED_TYPES.includes(t as string))) {
    return `'${name}' property 'type' accepts only ${PRODUCT_VIEWED_TYPES.map((t) => `'${t}'`).join(' and ')}`
  }
  if (schema.products !== undefined) {
    const products = properties.products as Array<Record<string, unknown>>
    for (let i = 0; i < products.length; i++) {
      const err = check(name, products[i] as Record<string, unknown>, PRODUCT, `products[${i}].`)
      if (err !== undefined) return err
    }
  }
  return undefined
}
