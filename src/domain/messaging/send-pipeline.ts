/**
 * The eligibility pipeline of one send (braze-reference-messaging §2.16), in its order:
 * candidates (recipients resolved, or the target segment for a broadcast) → target segment →
 * connected audience → re-eligibility → variant or control group (variants.ts) → channel
 * reachability → frequency capping (frequency-capping.ts) → Liquid render (abort_message) →
 * outbox record. Every candidate ends as one record per message variation: delivered, or
 * skipped with its reason. Nothing here changes the HTTP answer.
 */
import { CATALOG_LOOKUP, createSendRenderer, isLiquid, simpleRoots, simpleTemplate, type CatalogLookup, type RenderOutcome } from './liquid.js'
import { matchesAudience } from './audience.js'
import { scopeNeeds, userScope, userScopeOf } from './render-scope.js'
import { CapCounts, historyThreshold, longestPeriodMs, type FrequencyRule } from './frequency-capping.js'
import { assign, type Split } from './variants.js'
import { reachability, type MessageChannel, type ReachabilityProfile, type SendTo } from '../subscriptions/reachability.js'
import type { MessagingRepository, NewOutboxRow, OutboxWriter, RenderUserRow } from '../../repositories/messaging/messaging-repository.js'

/** What a variation sends: its templates (subject/body and string payload fields are rendered). */
export interface SendVariation {
  stepId: string | null
  variationId: string | null
  channel: MessageChannel
  name: string
  subject?: string | undefined
  body?: string | undefined
  /** other fields; string values are Liquid templates too */
  payload: Record<string, unknown>
  subscriptionGroupId?: string | undefined
}

/** A user the request named, resolved (pk) or not (unknown), with its per-recipient properties. */
export interface Candidate {
  pk: number | null
  /** how the request named an unknown user, for the outbox */
  externalId: string | null
  properties: Record<string, unknown> | undefined
}

export interface SendPlan {
  workspacePk: number
  now: number
  dispatchId: string
  sendId: string | null
  source: { type: 'campaign' | 'canvas' | 'api', id: string | null, name: string | null }
  variations: SendVariation[]
  sendTo: SendTo
  /** members of the target segment, or null when no candidate needs the test (none, or they are the members: eligibility.ts membership) */
  segment: Set<number> | null
  audience: unknown
  /** re-eligibility: null = not applicable (no campaign); else the earliest time a previous receipt blocks */
  receivedSince: number | null
  /** Canvas re-eligibility counts entries, campaigns count receipts (REEL) */
  countEntries: boolean
  /** the Liquid namespace(s) request-level properties appear under */
  propertyKeys: readonly string[]
  properties: Record<string, unknown>
  /** true for a broadcast: candidates are already the audience, non-members are not recorded */
  broadcast: boolean
  /** A/B split: each user gets the one variation of their bucket, or none (control group) */
  split?: Split<SendVariation> | undefined
  /** the workspace's frequency capping rules, unless the send or campaign overrides them */
  capping?: readonly FrequencyRule[] | undefined
}

export interface SendOutcome {
  delivered: number
  skipped: number
  by_reason: Record<string, number>
  /** users that received at least one message */
  recipients: number
}

export type ReachabilityLoader = (workspacePk: number, userPks: readonly number[]) => Map<number, ReachabilityProfile>

/**
 * Candidates handled (users read, reachability loaded) per chunk. 1,000, not 5,000: a chunk's user
 * rows and profiles live until its end, and at 5,000 they outlived the young generation and were
 * copied into the old one (90,000-member broadcast: GC 170–410 → 25–170 ms; BENCHMARKS.md, Issue 19).
 */
const CHUNK = 1000

/** The catalog service's lookup, as the messaging domain sees it: a session reading a workspace's visible catalog items. */
export type WorkspaceCatalogLookup = (workspacePk: number) => (catalog: string, id: string) => Record<string, unknown> | undefined

/**
 * Items a send keeps once read. A send whose users share items hits them; one where every user has
 * their own item (100,000 users, 100,000 items) kept every parsed item alive to the end, and the
 * garbage collector copied them into the old generation (BENCHMARKS.md, Issue 19, fourth pass).
 */
const CATALOG_CACHE_MAX = 10_000

/** One send's `{% catalog_items %}` lookups: the first CATALOG_CACHE_MAX items read are kept for the send (a broadcast reads the same items for many users). */
function sendCatalogLookup (workspacePk: number, source: WorkspaceCatalogLookup | undefined): CatalogLookup {
  const cache = new Map<string, Record<string, unknown> | null>()
  let session: ((catalog: string, id: string) => Record<string, unknown> | undefined) | undefined
  return (catalog, ids) => {
    const out: Array<Record<string, unknown>> = []
    for (const id of ids) {
      const key = `${catalog}\u0000${id}`
      let item = cache.get(key)
      if (item === undefined) {
        if (source === undefined) item = null
        else {
          session ??= source(workspacePk)
          item = session(catalog, id) ?? null
        }
        if (cache.size < CATALOG_CACHE_MAX) cache.set(key, item)
      }
      if (item !== null) out.push(item)
    }
    return out
  }
}

export function runSend (plan: SendPlan, candidates: readonly Candidate[], deps: { repo: MessagingRepository, loadReachability: ReachabilityLoader, catalogLookup?: WorkspaceCatalogLookup | undefined }): SendOutcome {
  const { repo } = deps
  const outcome: SendOutcome = { delivered: 0, skipped: 0, by_reason: {}, recipients: 0 }
  const received = plan.source.id === null || plan.receivedSince === null
    ? new Set<number>()
    : repo.receivedSince(plan.workspacePk, plan.source.id, plan.receivedSince, plan.countEntries,
      candidates.length <= 1000 ? candidates.flatMap((c) => (c.pk === null ? [] : [c.pk])) : undefined)
  const render = createSendRenderer()
  const catalogs = sendCatalogLookup(plan.workspacePk, deps.catalogLookup)
  // Only the rules that can count against this send's channels; none: no history is read.
  const rules = (plan.capping ?? []).filter((r) => r.channel === 'all' || plan.variations.some((v) => v.channel === r.channel))
  const capping = rules.length > 0
  const since = plan.now - longestPeriodMs(rules)
  // A broadcast counts the window once for the whole send; a few recipients, one index probe each per chunk.
  const sendHistory = capping && candidates.length > 1000 ? new CapCounts(rules, plan.now) : undefined
  // Whether this send's own deliveries must be counted as they are made (they can decide a later check).
  let countOwn = true
  if (sendHistory !== undefined) {
    // Per rule, only the users whose history can reach the cap during this send: each user gets at most
    // (times named) × (variations the rule counts) deliveries here; one variation at most when split.
    const named = timesNamed(candidates)
    const perUser = rules.map((r) => {
      const counted = plan.variations.filter((v) => r.channel === 'all' || v.channel === r.channel).length
      return named * (plan.split !== undefined ? Math.min(1, counted) : counted)
    })
    rules.forEach((r, i) => {
      repo.deliveryCounts(plan.workspacePk, plan.now - r.period_s * 1000, plan.now, r.channel === 'all' ? null : r.channel,
        historyThreshold(r, perUser[i]!), (pk, n) => { sendHistory.seed(i, pk, n) })
    })
    // No rule counts two of this send's deliveries to one user: no user is checked again after one,
    // so a broadcast does not grow a count per recipient (BENCHMARKS.md, Issue 19, fourth pass).
    countOwn = perUser.some((n) => n > 1)
  }
  const liquidTemplates = plan.variations.flatMap(templatesOf).filter(isLiquid)
  const needsUser = plan.audience !== undefined || liquidTemplates.length > 0
  // When every template is simple (liquid.ts simpleTemplate), the user fields they read are known:
  // each member's scope holds only those, and JSON columns none of them reads are not parsed.
  const simple = liquidTemplates.map(simpleTemplate)
  const scopeKeys = simple.every((t) => t !== null)
    ? [...new Set(simple.flatMap((parts) => simpleRoots(parts!)))]
    : undefined
  const parse = scopeKeys === undefined || plan.audience !== undefined ? { profile: true, customAttributes: true } : scopeNeeds(scopeKeys)
  // Per variation, the same for every user of the send: built once, not once per user.
  const reachOpts = new Map<SendVariation, { sendTo: SendTo, subscriptionGroupId?: string }>()
  const sources = new Map<SendVariation, Record<string, unknown>>()
  for (const v of plan.variations) {
    reachOpts.set(v, { sendTo: plan.sendTo, ...(v.subscriptionGroupId !== undefined && { subscriptionGroupId: v.subscriptionGroupId }) })
    sources.set(v, sourceScope(plan, v))
  }
  type Who = { pk: number | null, brazeId: string | null, externalId: string | null }
  const record = (who: Who, v: SendVariation, status: 'delivered' | 'skipped', reason: string | null, content: string | null): NewOutboxRow => ({
    workspacePk: plan.workspacePk,
    time: plan.now,
    dispatchId: plan.dispatchId,
    sendId: plan.sendId,
    sourceId: plan.source.id,
    sourceType: plan.source.type,
    stepId: v.stepId,
    variationId: v.variationId,
    channel: v.channel,
    userPk: who.pk,
    brazeId: who.brazeId,
    externalId: who.externalId,
    status,
    reason,
    content
  })
  const skipOne = (rows: OutboxWriter, who: Who, reason: string, v: SendVariation): void => {
    rows.push(record(who, v, 'skipped', reason, null))
    outcome.skipped++
    outcome.by_reason[reason] = (outcome.by_reason[reason] ?? 0) + 1
  }
  const skip = (rows: OutboxWriter, who: Who, reason: string, v?: SendVariation): void => {
    if (v !== undefined) skipOne(rows, who, reason, v)
    else for (const variation of plan.variations) skipOne(rows, who, reason, variation)
  }
  // A/B: each variant's one-element list and the control group's record, built once per send.
  const alone = new Map(plan.variations.map((v) => [v, [v]]))
  const control = controlVariation(plan)

  // Written as they come (100 a statement): nothing reads this send's rows back from the outbox.
  const rows = repo.outboxWriter()
  for (let start = 0; start < candidates.length; start += CHUNK) {
    const end = Math.min(candidates.length, start + CHUNK)
    const pks: number[] = []
    for (let i = start; i < end; i++) { const pk = candidates[i]!.pk; if (pk !== null) pks.push(pk) }
    const users = new Map<number, RenderUserRow | { pk: number, brazeId: string, externalId: string | null }>()
    if (needsUser) for (const u of repo.renderUsers(pks, parse)) users.set(u.pk, u)
    else for (const u of repo.identities(pks)) users.set(u.pk, u)
    const profiles = deps.loadReachability(plan.workspacePk, pks)
    let history = sendHistory
    if (history === undefined && capping) {
      history = new CapCounts(rules, plan.now)
      for (const d of repo.recentDeliveries(plan.workspacePk, pks, since)) history.add(d.userPk, d.channel, d.time)
    }
    for (let i = start; i < end; i++) {
      const c = candidates[i]!
      const u = c.pk === null ? undefined : users.get(c.pk)
      if (u === undefined) {
        skip(rows, { pk: null, brazeId: null, externalId: c.externalId }, 'unknown_user')
        continue
      }
      const who: Who = { pk: u.pk, brazeId: u.brazeId, externalId: u.externalId }
      if (plan.segment !== null && !plan.segment.has(u.pk)) { skip(rows, who, 'not_in_segment'); continue }
      if (plan.audience !== undefined) {
        const r = u as RenderUserRow
        const lastUsed = typeof r.profile.last_used_app === 'string' ? Date.parse(r.profile.last_used_app) : null
        if (!matchesAudience(plan.audience, { customAttributes: r.customAttributes, emailSubscribe: r.emailSubscribe, pushSubscribe: r.pushSubscribe, lastUsedApp: lastUsed }, plan.now)) {
          skip(rows, who, 'not_in_audience')
          continue
        }
      }
      if (received.has(u.pk)) { skip(rows, who, 'already_received'); continue }
      let variations = plan.variations
      if (plan.split !== undefined) {
        const chosen = assign(plan.split, u.externalId ?? u.brazeId)
        if (chosen === null) { skip(rows, who, 'control_group', control); continue }
        variations = alone.get(chosen) ?? [chosen]
      }
      const profile = profiles.get(u.pk)
      let scope: Record<string, unknown> | undefined
      let got = false
      for (const v of variations) {
        const reach = profile === undefined
          ? { reachable: false as const, reason: 'unknown_user' as const }
          : reachability(profile, v.channel, reachOpts.get(v) ?? { sendTo: plan.sendTo, ...(v.subscriptionGroupId !== undefined && { subscriptionGroupId: v.subscriptionGroupId }) })
        if (!reach.reachable) { skip(rows, who, reach.reason, v); continue }
        if (history !== undefined && history.over(u.pk, v.channel)) { skip(rows, who, 'frequency_capped', v); continue }
        if (needsUser && scope === undefined) scope = baseScope(plan, u as RenderUserRow, c.properties, catalogs, scopeKeys)
        const rendered = renderVariation(v, scope, sources.get(v) ?? sourceScope(plan, v), render)
        if (typeof rendered !== 'string') { skip(rows, who, rendered.reason, v); continue }
        rows.push(record(who, v, 'delivered', null, rendered))
        if (countOwn) history?.add(u.pk, v.channel, plan.now)
        outcome.delivered++
        got = true
      }
      if (got) outcome.recipients++
    }
  }
  rows.end()
  return outcome
}

/** The most times any user is among the candidates (1 for a broadcast, whose candidates are in ascending pk order: checked without a Map). */
function timesNamed (candidates: readonly Candidate[]): number {
  let last = -Infinity
  let ascending = true
  for (let i = 0; i < candidates.length && ascending; i++) {
    const pk = candidates[i]!.pk
    if (pk === null) continue
    ascending = pk > last
    last = pk
  }
  if (ascending) return 1
  const seen = new Map<number, number>()
  let most = 1
  for (const c of candidates) {
    if (c.pk === null) continue
    const n = (seen.get(c.pk) ?? 0) + 1
    seen.set(c.pk, n)
    if (n > most) most = n
  }
  return most
}

/** The control group's one record: no variation; the channel of the first variant (the column needs one). */
function controlVariation (plan: SendPlan): SendVariation {
  const first = plan.variations[0]
  return { stepId: first?.stepId ?? null, variationId: null, channel: first?.channel ?? 'email', name: 'Control Group', payload: {} }
}

function templatesOf (v: SendVariation): string[] {
  const out: string[] = []
  if (v.subject !== undefined) out.push(v.subject)
  if (v.body !== undefined) out.push(v.body)
  for (const x of Object.values(v.payload)) if (typeof x === 'string') out.push(x)
  return out
}

function baseScope (plan: SendPlan, u: RenderUserRow, recipientProps: Record<string, unknown> | undefined, catalogs: CatalogLookup, keys: readonly string[] | undefined): Record<string, unknown> {
  // Per-recipient properties override top-level keys of the same name (shallow merge) [D M-TCAMP; shallow I].
  const props = recipientProps === undefined ? plan.properties : { ...plan.properties, ...recipientProps }
  const scope = keys === undefined ? userScope(u) : userScopeOf(u, keys)
  for (const k of plan.propertyKeys) scope[k] = props
  const withLookup: Record<symbol, unknown> = scope
  withLookup[CATALOG_LOOKUP] = catalogs
  return scope
}

const FAILED = { aborted: { reason: 'aborted' as const }, render_error: { reason: 'render_error' as const } }

/**
 * The outbox content of one user and variation as JSON text — the same text as JSON.stringify of
 * `{subject?, body?, payload?}` — or why it failed. Straight-line code building the text directly:
 * this runs once per user and variation, and the content object was garbage at once.
 */
function renderVariation (v: SendVariation, scope: Record<string, unknown> | undefined, source: Record<string, unknown>, render: (t: string, s: Record<string, unknown>) => RenderOutcome):
  string | { reason: 'aborted' | 'render_error' } {
  // The scope is the user's, reused across variations: only the campaign / canvas object changes
  // (built once per variation and send; Liquid cannot write to it: `assign` writes the render's own scope).
  const s = scope === undefined ? {} : Object.assign(scope, source)
  let json = ''
  if (v.subject !== undefined) {
    const r = render(v.subject, s)
    if (!r.ok) return FAILED[r.reason]
    json = `"subject":${JSON.stringify(r.text)}`
  }
  if (v.body !== undefined) {
    const r = render(v.body, s)
    if (!r.ok) return FAILED[r.reason]
    json += `${json === '' ? '' : ','}"body":${JSON.stringify(r.text)}`
  }
  let payload: Record<string, unknown> | undefined
  for (const k in v.payload) {
    if (!Object.hasOwn(v.payload, k)) continue
    const x = v.payload[k]
    payload ??= {}
    if (typeof x !== 'string') { payload[k] = x; continue }
    const r = render(x, s)
    if (!r.ok) return FAILED[r.reason]
    payload[k] = r.text
  }
  if (payload !== undefined) json += `${json === '' ? '' : ','}"payload":${JSON.stringify(payload)}`
  return `{${json}}`
}

/** `{{campaign.${…}}}` / `{{canvas.${…}}}` (LQ-TAGS). */
function sourceScope (plan: SendPlan, v: SendVariation): Record<string, unknown> {
  if (plan.source.type === 'canvas') {
    return { canvas: { api_id: plan.source.id, name: plan.source.name, variant_name: v.name, variant_api_id: v.variationId, dispatch_id: plan.dispatchId } }
  }
  return { campaign: { api_id: plan.source.id, name: plan.source.name, dispatch_id: plan.dispatchId, message_name: v.name, message_api_id: v.variationId, send_id: plan.sendId } }
}
