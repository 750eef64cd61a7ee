/**
 * Data point totals for the control plane: what a sync would have cost on a Braze contract
 * billed by data points (braze-docs data_points.md; rules in COVERAGE.md).
 */
import { FakeNotFound } from '../shared/errors.js'
import type { DataPointRepository } from '../../repositories/workspaces/data-point-repository.js'
import type { WorkspaceRepository } from '../../repositories/workspaces/workspace-repository.js'

export interface DataPointTotals {
  total: number
  by_source: Record<string, number>
  by_kind: Record<string, number>
  by_source_and_kind: Record<string, Record<string, number>>
}

export type DataPointService = ReturnType<typeof createDataPointService>

export function createDataPointService (deps: { dataPoints: DataPointRepository, workspaces: WorkspaceRepository }) {
  return {
    totals (workspaceId: string): DataPointTotals {
      const ws = deps.workspaces.findById(workspaceId)
      if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
      const out: DataPointTotals = { total: 0, by_source: {}, by_kind: {}, by_source_and_kind: {} }
      const rows = deps.dataPoints.list(ws.pk).sort((a, b) => a.source.localeCompare(b.source) || a.kind.localeCompare(b.kind))
      for (const r of rows) {
        out.total += r.count
        out.by_source[r.source] = (out.by_source[r.source] ?? 0) + r.count
        out.by_kind[r.kind] = (out.by_kind[r.kind] ?? 0) + r.count
        ;(out.by_source_and_kind[r.source] ??= {})[r.kind] = r.count
      }
      return out
    }
  }
}
