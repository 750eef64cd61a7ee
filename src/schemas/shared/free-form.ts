/**
 * A free-form JSON object of a Braze request (trigger_properties, context, canvas_entry_properties,
 * attributes, message objects and their extras; catalog values when they arrive): any keys and
 * values, bounded in depth, key count and string length (domain/shared/leniency.ts
 * FREE_FORM_LIMITS) so no domain code ever walks a hostile value. Out of bounds is a 400 naming
 * the field: "'trigger_properties' is nested too deeply (at most 50 levels)".
 */
import { z } from 'zod'
import { freeFormMessage, freeFormProblem } from '../../domain/shared/leniency.js'
import { fieldName } from './leniency.js'

export function freeFormObject (): z.ZodType<Record<string, unknown>> {
  return z.record(z.string(), z.unknown()).refine((v) => freeFormProblem(v) === undefined, {
    error: (issue) => freeFormMessage(fieldName(issue.path ?? []), freeFormProblem(issue.input) ?? 'depth')
  })
}
