/** Control plane: what a mail or SMS provider reports (hard bounces, spam complaints, invalid numbers). */
import { checkPhones, normaliseEmails } from './subscription-rules.js'
import type { SubscriptionCore } from './subscription-core.js'

export function createDeliverabilityEvents (core: SubscriptionCore) {
  const { subs, transaction, clock } = core.deps
  const { workspacePk, address } = core

  return {
    /** Control plane: what a mail or SMS provider reports (hard bounces, spam complaints, invalid numbers). */
    deliverabilityEvents (workspaceId: string, input: {
      hard_bounces?: string[] | undefined, spam_reports?: string[] | undefined, invalid_phone_numbers?: Array<{ phone: string, reason?: 'provider_error' | 'deactivated' | undefined }> | undefined
    }): { hard_bounces: number, spam_reports: number, invalid_phone_numbers: number } {
      return transaction(() => {
        const ws = workspacePk(workspaceId)
        const now = clock.now()
        const bounces = normaliseEmails(input.hard_bounces ?? [])
        const spam = normaliseEmails(input.spam_reports ?? [])
        const phones = (input.invalid_phone_numbers ?? []).map((p) => ({ phone: checkPhones([p.phone])[0]!, reason: p.reason ?? 'provider_error' }))
        // A hard bounce marks the address invalid but does not unsubscribe it [D UG-EM].
        for (const e of bounces) { const a = address(ws, e); a.hardBouncedAt = now; subs.saveAddress(a) }
        // A spam complaint: only `all` sends reach the address [D UG-EM].
        for (const e of spam) { const a = address(ws, e); a.spamAt = now; subs.saveAddress(a) }
        for (const p of phones) subs.markPhoneInvalid(ws, p.phone, now, p.reason)
        return { hard_bounces: bounces.length, spam_reports: spam.length, invalid_phone_numbers: phones.length }
      })
    }
  }
}
