/** One journal entry as GET /_fake/requests answers it, and its effects in words: shared by the journal and cohort pages. */

export interface JournalEntry {
  id: string, time: string, method: string, path: string, route: string | null, cluster: string | null, status: number
  workspace_id: string | null, partner: string | null, message: string | null, duration_ms: number
  fault?: { id: string, action: Record<string, unknown> }, effects: unknown, request_body: unknown
}

export function describeEffects (effects: unknown): string {
  if (effects === null || typeof effects !== 'object') return ''
  const e = effects as Record<string, unknown>
  if ('added' in e || 'removed' in e) return `+${String(e.added ?? 0)} −${String(e.removed ?? 0)} (${String(e.matched ?? 0)} of ${String(e.identifiers ?? 0)} identifiers matched)`
  if ('renamed_from' in e) return `renamed from “${String(e.renamed_from)}” to “${String(e.name)}”`
  if ('name' in e) return `named “${String(e.name)}”${e.cohort_created === true ? ' (created)' : ''}`
  return JSON.stringify(e).slice(0, 160)
}
