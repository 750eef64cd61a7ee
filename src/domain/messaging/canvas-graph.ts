/**
 * A Canvas's step graph checked before it is stored (issue 21): unique step ids, every `next`
 * naming a step of the Canvas, no cycle (a user would loop forever), fields that fit each
 * step's type, variant and experiment percentages that make 100, no negative delay, and
 * audience path filters that parse. The error names the step. Pure (filters are checked by
 * the caller's `filterError`).
 */
import { FakeBadRequest } from '../shared/errors.js'
import type { CanvasStep } from './definitions.js'
import { splitError } from './variants.js'

export function checkCanvasGraph (steps: readonly CanvasStep[], filterError: (filter: unknown) => string | undefined): void {
  const ids = new Set<string>()
  const fail = (i: number, why: string): never => { throw new FakeBadRequest(`steps[${i}] (step "${steps[i]!.id}"): ${why}`) }
  steps.forEach((s, i) => {
    if (ids.has(s.id)) fail(i, 'step id is used twice')
    ids.add(s.id)
  })
  steps.forEach((s, i) => {
    const nexts = [s.next, ...(s.paths ?? []).map((p) => p.next)]
    for (const n of nexts) if (n !== null && !ids.has(n)) fail(i, `next names no step of this Canvas: "${n}"`)
    checkStep(s, (why) => fail(i, why), filterError)
  })
  const cycle = findCycle(steps)
  if (cycle !== undefined) fail(steps.findIndex((s) => s.id === cycle[0]), `the steps form a cycle: ${cycle.join(' -> ')}`)
}

function checkStep (s: CanvasStep, fail: (why: string) => never, filterError: (filter: unknown) => string | undefined): void {
  if (s.type !== 'message' && s.messages.length > 0) fail(`a ${s.type} step has no messages`)
  if (s.type !== 'delay' && s.delay_s !== undefined) fail(`delay_s belongs to delay steps, not ${s.type}`)
  if ((s.type === 'message' || s.type === 'delay') && s.paths !== undefined) fail(`paths belong to audience_paths and experiment steps, not ${s.type}`)
  switch (s.type) {
    case 'message': {
      const err = splitError(s.messages.map((m) => m.percent), s.control_percent)
      if (err !== undefined) fail(err)
      return
    }
    case 'delay':
      if (s.delay_s === undefined || !Number.isFinite(s.delay_s)) fail('a delay step needs delay_s (seconds)')
      if (s.delay_s < 0) fail(`delay_s may not be negative (${s.delay_s})`)
      return
    case 'audience_paths': {
      const paths = s.paths ?? []
      if (paths.length === 0) fail('an audience_paths step needs paths')
      if (paths.filter((p) => p.filter === undefined).length > 1) fail('only one path may go without a filter (everyone else)')
      paths.forEach((p, j) => {
        if (p.percent !== undefined) fail(`paths[${j}]: percent belongs to experiment paths`)
        if (p.filter === undefined) return
        const err = filterError(p.filter)
        if (err !== undefined) fail(`paths[${j}] ("${p.name}").filter: ${err}`)
      })
      return
    }
    case 'experiment': {
      const paths = s.paths ?? []
      if (paths.length === 0) fail('an experiment step needs paths')
      const err = splitError(paths.map((p) => p.percent), 0)
      if (err !== undefined || paths.some((p) => p.percent === undefined)) fail(`experiment paths: ${err ?? 'every path needs a percent'}`)
      if (paths.some((p) => p.filter !== undefined)) fail('experiment paths take percent, not filter')
    }
  }
}

/** The ids along one cycle (first repeated), or undefined. */
export function findCycle (steps: readonly CanvasStep[]): string[] | undefined {
  const byId = new Map(steps.map((s) => [s.id, s]))
  const state = new Map<string, 1 | 2>() // 1 = on the current path, 2 = done
  const path: string[] = []
  const visit = (id: string): string[] | undefined => {
    const st = state.get(id)
    if (st === 2) return undefined
    if (st === 1) return [...path.slice(path.indexOf(id)), id]
    state.set(id, 1)
    path.push(id)
    const s = byId.get(id)
    for (const n of s === undefined ? [] : [s.next, ...(s.paths ?? []).map((p) => p.next)]) {
      if (n === null) continue
      const c = visit(n)
      if (c !== undefined) return c
    }
    path.pop()
    state.set(id, 2)
    return undefined
  }
  for (const s of steps) {
    const c = visit(s.id)
    if (c !== undefined) return c
  }
  return undefined
}

/** Where users go after a step, for /canvas/details (`next_step_ids`, `next_paths`). */
export function nextOf (s: CanvasStep): Array<{ name: string, next: string | null }> {
  if (s.paths !== undefined) return s.paths.map((p) => ({ name: p.name, next: p.next }))
  return [{ name: s.name, next: s.next }]
}
