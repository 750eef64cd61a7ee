/**
 * Audience and eligibility: who a send's candidates are. Recipients resolved from the request
 * (creating users through /users/track's rules when Braze would), a broadcast's target segment,
 * and the users a Canvas step's segment filter or a target segment holds now.
 */
import type { Candidate } from './send-pipeline.js'
import type { MessagingDeps, RecipientInput } from './messaging-types.js'

export type Eligibility = ReturnType<typeof createEligibility>

export function createEligibility (deps: Pick<MessagingDeps, 'repo' | 'segments' | 'track' | 'prioritize'>) {
  const { repo } = deps
  /**
   * Recipients resolved in request order, by priority external_user_id > user_alias > braze_id >
   * email [inferred priority]. `attributes` are applied first through /users/track's rules, creating
   * the user when send_to_existing_only is false (never for aliases). Duplicates collapse to the
   * last occurrence's properties (O-RCPT).
   */
  function resolveRecipients (pk: number, recipients: readonly RecipientInput[], opts: { mayCreate: boolean, propsOf: (r: RecipientInput) => Record<string, unknown> | undefined, applyGroups: boolean }): Candidate[] {
    const byPk = new Map<number, Candidate>()
    const out: Candidate[] = []
    for (const r of recipients) {
      let userPk = find(pk, r)
      const attrs = r.attributes !== undefined && Object.keys(r.attributes).length > 0
        ? (opts.applyGroups ? r.attributes : Object.fromEntries(Object.entries(r.attributes).filter(([k]) => k !== 'subscription_groups')))
        : undefined
      if (attrs !== undefined && Object.keys(attrs).length > 0) {
        const ident = userPk !== undefined ? undefined : r.external_user_id
        const create = userPk === undefined && opts.mayCreate && r.send_to_existing_only === false && ident !== undefined
        if (userPk !== undefined || create) {
          const target = userPk !== undefined ? { braze_id: repo.identities([userPk])[0]!.brazeId } : { external_id: ident, _update_existing_only: false }
          try { deps.track.track(pk, { attributes: [{ ...attrs, ...target }] }) } catch { /* invalid attributes are not applied; the send goes on [inferred] */ }
          userPk ??= find(pk, r)
        }
      }
      if (userPk === undefined) {
        out.push({ pk: null, externalId: r.external_user_id ?? null, properties: opts.propsOf(r) })
        continue
      }
      const existing = byPk.get(userPk)
      if (existing !== undefined) { existing.properties = opts.propsOf(r); continue }
      const c: Candidate = { pk: userPk, externalId: r.external_user_id ?? null, properties: opts.propsOf(r) }
      byPk.set(userPk, c)
      out.push(c)
    }
    return out
  }
  function find (pk: number, r: RecipientInput): number | undefined {
    if (r.external_user_id !== undefined) return repo.pkByExternalId(pk, r.external_user_id)
    if (r.user_alias !== undefined) return repo.pkByAlias(pk, r.user_alias.alias_label, r.user_alias.alias_name)
    if (r.braze_id !== undefined) return repo.pkByBrazeId(pk, r.braze_id)
    if (r.email !== undefined) return deps.prioritize(repo.candidatesByEmail(pk, r.email.toLowerCase()), r.prioritization ?? [])?.pk
    return undefined
  }
  /** The target segment's current members in ascending pk order (segment-query.ts orders them), or null when there is none. */
  function segmentMembers (pk: number, segmentId: string | null): number[] | null {
    if (segmentId === null) return null
    return deps.segments.memberPks(pk, segmentId) ?? []
  }
  /**
   * The membership test a send applies to its candidates: none (null) when they are the members
   * themselves (a broadcast, or a send naming nobody; `FireOptions.apply` only narrows them), else
   * a Set. A 300,000-member broadcast built and probed a Set of them for nothing (BENCHMARKS.md, Issue 19).
   */
  function membership (members: readonly number[] | null, drawnFromMembers: boolean): Set<number> | null {
    return members === null || drawnFromMembers ? null : new Set(members)
  }
  /** Every member (or every user of the workspace when there is no segment), in ascending pk order. */
  function broadcastCandidates (pk: number, members: readonly number[] | null): Candidate[] {
    return (members ?? repo.allUserPks(pk)).map((p) => ({ pk: p, externalId: null, properties: undefined }))
  }

  return { resolveRecipients, find, segmentMembers, membership, broadcastCandidates }
}
