/**
 * The one validator compiler of every route (app.setValidatorCompiler): zod parses each part of
 * the request, as fastify-type-provider-zod's compiler does, with two additions that therefore
 * hold on every route without a line in it:
 * - the leniency model on the Braze surface (COVERAGE.md "Leniency model"): when the strict parse
 *   fails, the value is relaxed (null optional = absent, integer ids, "true"/"false") and parsed again;
 * - Braze's words: where a schema names no text of its own, the issue gets a Braze-style text
 *   naming the field ("'external_id' must be a string"); on the control plane a plain one
 *   ("expected a string, got null"). No schema-library wording reaches a client.
 * Failures keep fastify-type-provider-zod's error shape, so the error handler treats them alike.
 */
import type { FastifySchemaCompiler } from 'fastify'
import type { z } from 'zod'
import { safeParse } from 'zod/v4/core'
import { isBrazeSurface } from './braze-surface.js'
import { refusesNumericIds } from '../domain/shared/leniency.js'
import { brazeIssueText, controlIssueText, relax, type IssueLike } from '../schemas/shared/leniency.js'

const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError')

/** fastify-type-provider-zod's validation error items (its hasZodFastifySchemaValidationErrors recognises them). */
function validationError (issues: ReadonlyArray<{ code: string, path: PropertyKey[], message: string }>): unknown[] {
  return issues.map(({ code, path, message, ...params }) => ({
    [ZOD_VALIDATION_ERROR]: true,
    keyword: code,
    instancePath: `/${path.join('/')}`,
    schemaPath: `#/${path.join('/')}/${code}`,
    message,
    params
  }))
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, url, httpPart }) => {
  const braze = isBrazeSurface(url)
  const relaxOptions = { numericIds: !refusesNumericIds(url) }
  const part = httpPart ?? 'body'
  const error = braze
    ? (issue: IssueLike) => brazeIssueText(issue, part)
    : (issue: IssueLike) => controlIssueText(issue)
  const ctx = { error } as unknown as Parameters<typeof safeParse>[2]
  return (data: unknown) => {
    let result = safeParse(schema, data, ctx)
    if (result.error !== undefined && braze && data !== null && typeof data === 'object') {
      // the relaxed value's issues are the ones the leniency model could not excuse
      // on a copy: a request still refused is journaled as it was sent
      result = safeParse(schema, relax(schema, structuredClone(data), relaxOptions), ctx)
    }
    if (result.error !== undefined) return { error: validationError(result.error.issues as never) as never }
    return { value: result.data }
  }
}
