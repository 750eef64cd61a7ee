import { z } from 'zod'
import { TIME_RANGE_TEXT, isStorableTime } from '../../domain/shared/time.js'

/** An ISO-8601 date-time with offset that can be stored and read back (4-digit years, see isStorableTime). */
export function isoTime (error = 'must be an ISO-8601 time') {
  return z.iso.datetime({ offset: true, error })
    .refine((v) => isStorableTime(Date.parse(v)), { error: `must be ${TIME_RANGE_TEXT}` })
}
