/** SMS invalid phone numbers: GET /sms/invalid_phone_numbers and POST /sms/invalid_phone_numbers/remove. */
import { toIso } from '../shared/clock.js'
import { SUBSCRIPTION_MESSAGES as M, SubscriptionBadRequest } from '../shared/errors.js'
import { checkCount, checkPhones, dateWindow } from './subscription-rules.js'
import { listQuery, type ListQueryInput, type RestScope, type SubscriptionCore } from './subscription-core.js'

export function createInvalidPhones (core: SubscriptionCore) {
  const { subs, transaction } = core.deps

  return {
    /** GET /sms/invalid_phone_numbers [D SMS-Q]: `phone_numbers` wins over dates; newest first. */
    invalidPhones (ctx: RestScope, q: ListQueryInput & { phone_numbers?: string[] | undefined, reason?: 'provider_error' | 'deactivated' | undefined }) {
      const shown = (r: { phone: string, invalidAt: number, reason: string }) => ({ phone: r.phone, invalid_detected_at: toIso(r.invalidAt), reason: r.reason })
      if (q.phone_numbers !== undefined && q.phone_numbers.length > 0) {
        checkCount(q.phone_numbers)
        const phones = checkPhones(q.phone_numbers)
        dateWindow(q, true, false)
        return phones.flatMap((p) => {
          const r = subs.invalidPhone(ctx.workspacePk, p)
          return r === undefined || (q.reason !== undefined && r.reason !== q.reason) ? [] : [shown(r)]
        }).slice(q.offset, q.offset + q.limit)
      }
      return subs.invalidPhones(ctx.workspacePk, { ...listQuery({ ...q, sort_direction: 'desc' }, false, true), reason: q.reason }).map(shown)
    },
    /** POST /sms/invalid_phone_numbers/remove [D SMS-R] */
    removeInvalidPhones (ctx: RestScope, phoneNumbers: string[]) {
      checkCount(phoneNumbers)
      if (phoneNumbers.length === 0) throw new SubscriptionBadRequest(M.phoneNumbers)
      const phones = checkPhones(phoneNumbers)
      return transaction(() => ({ removed: phones.filter((p) => subs.removeInvalidPhone(ctx.workspacePk, p)).length }))
    }
  }
}
