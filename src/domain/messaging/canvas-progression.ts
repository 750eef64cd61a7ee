/**
 * Canvas progression (braze-docs canvas/create_a_canvas, canvas components): users enter at the
 * first step and move along the graph set by set. A message step sends (send-pipeline.ts) and
 * passes every user on, reached or not; a delay step parks users in canvas_progress until the
 * fake's clock passes due_at; audience paths split users by segment filter (first matching path,
 * in order; the path without a filter takes everyone else); experiment paths split them by the
 * documented bucket (variants.ts, key `<canvas_id>:<step_id>`). `next: null` leaves the Canvas.
 *
 * Entry and exit criteria are checked at every step [inferred: Braze checks them when a user
 * reaches a step]: a user no longer in the Canvas's target segment, or matching its exit_filter,
 * leaves. A user already in the Canvas is not entered again [inferred].
 */
import { matchesAudience } from './audience.js'
import { stepsOf, type CanvasDefinition, type CanvasStep } from './definitions.js'
import { definitionVariations } from './message-objects.js'
import type { MessagingDeps } from './messaging-types.js'
import { runSend, type Candidate, type SendOutcome, type SendPlan } from './send-pipeline.js'
import { admitToCanvas, type EntryOptions, type RunContext, type Traveller } from './canvas-entry.js'
import { bucketOf, makeSplit, assign } from './variants.js'
import type { MessagingDefinitionRow } from '../../db/schema/messaging.js'
import type { ProgressRow } from '../../repositories/messaging/messaging-repository.js'

export type { RunContext, Traveller }

export type CanvasProgression = ReturnType<typeof createCanvasProgression>

export function createCanvasProgression (deps: Pick<MessagingDeps, 'repo' | 'segments' | 'loadReachability'> & {
  /** users now wait at a delay: the scheduler must look at the due times again */
  onWaiting: () => void
}) {
  const { repo } = deps

  /** Moves a set of users from `stepId` on until each waits at a delay or leaves. */
  function run (ctx: RunContext, stepId: string | null, users: readonly Traveller[]): void {
    const def = ctx.row.definition as unknown as CanvasDefinition
    const byId = new Map(stepsOf(def).map((s) => [s.id, s]))
    const queue: Array<{ stepId: string | null, users: readonly Traveller[] }> = [{ stepId, users }]
    while (queue.length > 0) {
      const item = queue.shift()!
      const step = item.stepId === null ? undefined : byId.get(item.stepId)
      if (step === undefined || item.users.length === 0) continue // left the Canvas (or the step was deleted since)
      const staying = stillIn(ctx, def, item.users)
      for (const next of atStep(ctx, step, staying)) queue.push(next)
    }
  }

  /** One step for a set of users: where each goes next (a delay step parks them and sends nowhere). */
  function atStep (ctx: RunContext, step: CanvasStep, users: readonly Traveller[]): Array<{ stepId: string | null, users: readonly Traveller[] }> {
    switch (step.type) {
      case 'message':
        sendStep(ctx, step, users)
        return [{ stepId: step.next, users }]
      case 'delay':
        if ((step.delay_s ?? 0) <= 0) return [{ stepId: step.next, users }]
        repo.insertProgress(users.map((u): ProgressRow => ({
          workspacePk: ctx.workspacePk, canvasPk: ctx.row.pk, userPk: u.pk, stepId: step.id, dueAt: ctx.now + (step.delay_s ?? 0) * 1000,
          enteredAt: ctx.enteredAt, dispatchId: ctx.dispatchId, context: u.properties === undefined ? null : JSON.stringify(u.properties)
        })))
        deps.onWaiting()
        return []
      case 'audience_paths': {
        let rest = users
        const out: Array<{ stepId: string | null, users: readonly Traveller[] }> = []
        for (const p of step.paths ?? []) {
          if (p.filter === undefined) { out.push({ stepId: p.next, users: rest }); rest = []; continue }
          const members = new Set(pathMembers(ctx.workspacePk, p.filter))
          out.push({ stepId: p.next, users: rest.filter((u) => members.has(u.pk)) })
          rest = rest.filter((u) => !members.has(u.pk))
        }
        return out // users matching no path and with no "everyone else" path leave [inferred]
      }
      case 'experiment': {
        const paths = step.paths ?? []
        const split = makeSplit(`${ctx.row.id}:${step.id}`, paths.map((p, i) => ({ percent: p.percent ?? 0, variant: i })))
        const keys = userKeys(users)
        const groups = paths.map(() => [] as Traveller[])
        for (const u of users) {
          const i = assign(split, keys.get(u.pk)!)
          if (i !== null) groups[i]!.push(u)
        }
        return paths.map((p, i) => ({ stepId: p.next, users: groups[i]! }))
      }
    }
  }

  /** A path filter's users now; one that no longer resolves (a cohort or group deleted since) holds nobody [inferred]: a send never fails on it. */
  function pathMembers (workspacePk: number, filter: unknown): number[] {
    try { return deps.segments.filterPks(workspacePk, filter) } catch { return [] }
  }

  function sendStep (ctx: RunContext, step: CanvasStep, users: readonly Traveller[]): void {
    const { variations, split } = definitionVariations(step.messages, step.control_percent, `${ctx.row.id}:${step.id}`, step.id)
    if (variations.length === 0) return
    const def = ctx.row.definition as unknown as CanvasDefinition
    const plan: SendPlan = {
      workspacePk: ctx.workspacePk, now: ctx.now, dispatchId: ctx.dispatchId, sendId: null, source: { type: 'canvas', id: ctx.row.id, name: ctx.row.name },
      variations, sendTo: def.send_to, segment: null, audience: undefined, receivedSince: null, countEntries: true,
      propertyKeys: ['context', 'canvas_entry_properties'], properties: ctx.properties, broadcast: true, split, capping: ctx.capping
    }
    const candidates: Candidate[] = users.map((u) => ({ pk: u.pk, externalId: null, properties: u.properties }))
    add(ctx.outcome, runSend(plan, candidates, deps))
  }

  /** Entry criteria again (the target segment) and exit criteria (exit_filter): who stays in. */
  function stillIn (ctx: RunContext, def: CanvasDefinition, users: readonly Traveller[]): readonly Traveller[] {
    let out = users
    if (def.segment_id !== null) {
      const members = new Set(deps.segments.memberPks(ctx.workspacePk, def.segment_id) ?? [])
      out = out.filter((u) => members.has(u.pk))
    }
    if (def.exit_filter !== null && def.exit_filter !== undefined && out.length > 0) {
      const leaving = new Set<number>()
      for (let i = 0; i < out.length; i += 5000) {
        for (const r of repo.renderUsers(out.slice(i, i + 5000).map((u) => u.pk))) {
          const lastUsed = typeof r.profile.last_used_app === 'string' ? Date.parse(r.profile.last_used_app) : null
          if (matchesAudience(def.exit_filter, { customAttributes: r.customAttributes, emailSubscribe: r.emailSubscribe, pushSubscribe: r.pushSubscribe, lastUsedApp: lastUsed }, ctx.now)) leaving.add(r.pk)
        }
      }
      out = out.filter((u) => !leaving.has(u.pk))
    }
    return out
  }

  function userKeys (users: readonly Traveller[]): Map<number, string> {
    const out = new Map<number, string>()
    for (let i = 0; i < users.length; i += 5000) {
      for (const u of repo.identities(users.slice(i, i + 5000).map((x) => x.pk))) out.set(u.pk, u.externalId ?? u.brazeId)
    }
    return out
  }

  return {
    run,
    admit: (ctx: RunContext, candidates: readonly Candidate[], opts: EntryOptions) => admitToCanvas(deps.repo, ctx, candidates, opts),
    /**
     * Moves on every user whose delay the clock has passed, oldest first, each set at its own
     * due_at (so later steps' times and delays follow the Canvas, not when the clock was read).
     * Loops until nothing is due: a clock jump over several delays runs them all.
     */
    advanceDue (now: number, contextFor: (row: MessagingDefinitionRow, workspacePk: number) => Omit<RunContext, 'row' | 'now' | 'dispatchId' | 'enteredAt' | 'properties' | 'outcome' | 'workspacePk'>): number {
      let moved = 0
      for (let due = repo.takeDueProgress(now); due.length > 0; due = repo.takeDueProgress(now)) {
        moved += due.length
        for (const group of groupRows(due)) {
          const first = group[0]!
          const row = repo.definitionByPk(first.canvasPk)
          // A stopped, archived or deleted Canvas: users waiting in it leave [inferred]
          if (row === undefined || row.archivedAt !== null || row.status !== 'active') continue
          const step = stepsOf(row.definition as unknown as CanvasDefinition).find((s) => s.id === first.stepId)
          if (step === undefined) continue
          const ctx: RunContext = {
            ...contextFor(row, first.workspacePk), workspacePk: first.workspacePk, row, now: first.dueAt, dispatchId: first.dispatchId, enteredAt: first.enteredAt,
            properties: {}, outcome: { delivered: 0, skipped: 0, by_reason: {}, recipients: 0 }
          }
          run(ctx, step.next, group.map((r) => ({ pk: r.userPk, properties: r.context === null ? undefined : JSON.parse(r.context) as Record<string, unknown> })))
        }
      }
      return moved
    },
    /** bucket of a user for an experiment step (tests and the dashboard predict paths with it) */
    bucketOf
  }
}

/** Consecutive rows of one Canvas, step, due time and dispatch (the due read sorts them so). */
function groupRows (rows: readonly ProgressRow[]): ProgressRow[][] {
  const out: ProgressRow[][] = []
  let cur: ProgressRow[] = []
  for (const r of rows) {
    const p = cur[0]
    if (p !== undefined && (p.canvasPk !== r.canvasPk || p.stepId !== r.stepId || p.dueAt !== r.dueAt || p.dispatchId !== r.dispatchId)) { out.push(cur); cur = [] }
    cur.push(r)
  }
  if (cur.length > 0) out.push(cur)
  return out
}

function add (into: SendOutcome, o: SendOutcome): void {
  into.delivered += o.delivered
  into.skipped += o.skipped
  into.recipients += o.recipients
  for (const [k, n] of Object.entries(o.by_reason)) into.by_reason[k] = (into.by_reason[k] ?? 0) + n
}
