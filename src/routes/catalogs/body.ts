import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import { isPlainObject } from '../../domain/catalogs/catalog-rules.js'

/**
 * preValidation, after the key check: a body that is not a JSON object (absent, an array, a
 * string) reaches the domain as `{}`, which refuses it in the catalog envelope with the
 * endpoint's id (`catalog-array-invalid`, `item-array-invalid`, `invalid-fields`) after the
 * catalog lookup (an unknown catalog stays a 404), rather than in the schema library's words.
 */
export function catalogBody (): preValidationAsyncHookHandler {
  return async function (request: FastifyRequest): Promise<void> {
    if (!isPlainObject(request.body)) request.body = {}
  }
}
