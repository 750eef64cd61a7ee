/**
 * The global email state by address and Braze's email lists: POST /email/status, GET
 * /email/unsubscribes and /email/hard_bounces, POST /email/bounce/remove, /email/spam/remove and
 * /email/blocklist (/email/blacklist) (braze-reference-messaging §3).
 */
import { toIso } from '../shared/clock.js'
import { dateWindow, normaliseEmails, type GlobalState } from './subscription-rules.js'
import type { EmailAddressRow } from '../../db/schema/subscriptions.js'
import { emailList, listQuery, type ListQueryInput, type RestScope, type SubscriptionCore } from './subscription-core.js'

export function createEmailLists (core: SubscriptionCore) {
  const { subs, transaction, clock } = core.deps
  const { address, setEmailState } = core

  /** Clears marks on each listed address that has them, in one transaction; `clear` says whether it changed the row. */
  const clearMarks = (ctx: RestScope, email: string | string[], clear: (a: EmailAddressRow) => boolean): { removed: number } => {
    const emails = emailList(email)
    return transaction(() => {
      let removed = 0
      for (const e of emails) {
        const a = subs.address(ctx.workspacePk, e)
        if (a === undefined || !clear(a)) continue
        subs.saveAddress(a)
        removed++
      }
      return { removed }
    })
  }

  return {
    /** POST /email/status [D EM-ST]: every profile with the address; an address on no profile is remembered. */
    emailStatus (ctx: RestScope, body: { email: string | string[], subscription_state: GlobalState }) {
      const emails = emailList(body.email)
      return transaction(() => {
        const now = clock.now()
        let changed = 0
        let remembered = 0
        for (const email of emails) {
          const users = subs.usersByEmail(ctx.workspacePk, email)
          for (const u of users) if (setEmailState(ctx.workspacePk, u, body.subscription_state, now)) changed++
          const a = address(ctx.workspacePk, email)
          if (users.length === 0) remembered++
          a.state = body.subscription_state
          a.stateAt = now
          a.unsubscribedAt = body.subscription_state === 'unsubscribed' ? (a.unsubscribedAt ?? now) : null
          subs.saveAddress(a)
        }
        return { users_changed: changed, addresses_without_profile: remembered }
      })
    },
    /** GET /email/unsubscribes [D EM-UN] */
    unsubscribes (ctx: RestScope, q: ListQueryInput & { email?: string | undefined }) {
      const email = q.email === undefined ? undefined : normaliseEmails([q.email])[0]!
      const window = listQuery(q, false, email === undefined)
      if (email !== undefined) {
        const a = subs.address(ctx.workspacePk, email)
        const at = a?.unsubscribedAt ?? null
        const inWindow = at !== null && (window.startMs === undefined || at >= window.startMs) && (window.endMs === undefined || at < window.endMs)
        return (inWindow ? [{ email, unsubscribed_at: toIso(at) }] : []).slice(q.offset, q.offset + q.limit)
      }
      return subs.unsubscribes(ctx.workspacePk, window).map((r) => ({ email: r.email, unsubscribed_at: toIso(r.at) }))
    },
    /** GET /email/hard_bounces [D EM-HB]: `email` wins over dates. */
    hardBounces (ctx: RestScope, q: ListQueryInput & { email?: string | undefined }) {
      if (q.email !== undefined) {
        const email = normaliseEmails([q.email])[0]!
        dateWindow(q, true, false)
        const at = subs.address(ctx.workspacePk, email)?.hardBouncedAt ?? null
        return (at === null ? [] : [{ email, hard_bounced_at: toIso(at) }]).slice(q.offset, q.offset + q.limit)
      }
      return subs.hardBounces(ctx.workspacePk, listQuery({ ...q, sort_direction: 'desc' }, false, false)).map((r) => ({ email: r.email, hard_bounced_at: toIso(r.at) }))
    },
    /** POST /email/bounce/remove [D EM-BR]: the address becomes mailable again (a blocklist mark goes too [inferred]). */
    removeBounces (ctx: RestScope, email: string | string[]) {
      return clearMarks(ctx, email, (a) => {
        if (a.hardBouncedAt === null && a.blocklistedAt === null) return false
        a.hardBouncedAt = null
        a.blocklistedAt = null
        return true
      })
    },
    /** POST /email/spam/remove [D EM-SR] */
    removeSpam (ctx: RestScope, email: string | string[]) {
      return clearMarks(ctx, email, (a) => {
        if (a.spamAt === null) return false
        a.spamAt = null
        return true
      })
    },
    /** POST /email/blocklist (and /email/blacklist) [D EM-BL]: unsubscribed and marked hard-bounced. */
    blocklist (ctx: RestScope, email: string | string[]) {
      const emails = emailList(email)
      return transaction(() => {
        const now = clock.now()
        let changed = 0
        for (const e of emails) {
          for (const u of subs.usersByEmail(ctx.workspacePk, e)) if (setEmailState(ctx.workspacePk, u, 'unsubscribed', now)) changed++
          const a = address(ctx.workspacePk, e)
          a.state = 'unsubscribed'
          a.stateAt = now
          a.unsubscribedAt ??= now
          a.hardBouncedAt ??= now
          a.blocklistedAt ??= now
          subs.saveAddress(a)
        }
        return { blocklisted: emails.length, users_changed: changed }
      })
    }
  }
}
