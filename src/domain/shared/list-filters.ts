/**
 * `last_edit.time[gt]` of Braze's list endpoints (get_campaigns.md, get_canvases.md; the ETL
 * connectors send it to /segments/list too): "only … edited after" a time given as
 * `yyyy-MM-DDTHH:mm:ss`. A time without a zone is UTC [inferred]; one that is not a time is a 400 [inferred text].
 */
import { BadRequest } from './errors.js'
import { parseIso8601 } from './time.js'

export const LAST_EDIT_PARAM = 'last_edit.time[gt]'
export const LAST_EDIT_MESSAGE = 'last_edit.time[gt] must be a time (yyyy-MM-DDTHH:mm:ss)'

export function parseLastEditAfter (value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const ms = parseIso8601(value)
  if (ms === undefined) throw new BadRequest(LAST_EDIT_MESSAGE)
  return ms
}
