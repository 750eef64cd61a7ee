/**
 * A campaign's rate limit (braze-docs rate_limiting "delivery speed rate limiting"): a dashboard send
 * reaches `rate_limit_per_minute` users a minute; later minutes wait in message_deferred until the
 * fake's clock reaches them (deferred-deliveries.ts). [inferred] The limit counts the audience's users
 * in user order, not deliveries.
 */
import type { Candidate } from './send-pipeline.js'
import type { MessagingRepository } from '../../repositories/messaging/messaging-repository.js'

/** The first `perMinute` candidates now; each next `perMinute` a minute later (message_deferred). */
export function spreadOverMinutes (repo: MessagingRepository, at: { workspacePk: number, definitionPk: number, dispatchId: string, perMinute: number, now: number }, candidates: Candidate[], onDeferred: () => void): Candidate[] {
  const { workspacePk: pk, definitionPk, dispatchId, perMinute, now } = at
  const later = candidates.slice(perMinute).flatMap((c, i) => (c.pk === null ? [] : [{ workspacePk: pk, dueAt: now + (Math.floor(i / perMinute) + 1) * 60_000, dispatchId, source: 'definition' as const, sourcePk: definitionPk, userPk: c.pk }]))
  if (later.length > 0) { repo.insertDeferred(later); onDeferred() }
  return candidates.slice(0, perMinute)
}

