/**
 * POST /users/export/segment (braze-docs _docs/_api/endpoints/export/user_data/post_users_segment.md).
 * The request answers at once with `object_prefix` and a `url` served by fake-braze itself
 * (GET /_fake/exports/{object_prefix}.zip); the job then runs after the response: it resolves the
 * segment as it is then, writes newline-delimited user objects, 5,000 users per file ("1 file per
 * 5,000 users"), zips them, and POSTs `{"success":true,"url":…}` to `callback_endpoint`. The job
 * counts as running until the callback is answered (or fails), and "Attempting to export a segment
 * a second time while the first export job is still running will result in a 429 error."
 * A failing callback is recorded on the job and never affects the server.
 */
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Zippable } from 'fflate'
import { toIso, type Clock } from '../shared/clock.js'
import { FakeNotFound, GzipNeedsBucket, InvalidSegmentId, SegmentExportRunning, TooManyCustomAttributes, CallbackNotAllowed } from '../shared/errors.js'
import { isCallbackAllowed } from '../shared/exposure.js'
import type { RestContext } from '../workspaces/rest-api-key-service.js'
import { checkExportFields } from '../users/export/user-export-object.js'
import type { VisibilityService } from '../toolkit/visibility-service.js'
import { exportObjects, type ReceivedReader } from '../users/export/user-export-builder.js'
import { createSegmentResolver } from './segment-resolver.js'
import type { SegmentDeps } from './segment-service.js'
import type { UserExportRepository } from '../../repositories/users/user-export-repository.js'
import type { UserRepository } from '../../repositories/users/user-repository.js'

export const USERS_PER_FILE = 5000
const CALLBACK_TIMEOUT_MS = 10_000

export interface SegmentExportInput {
  segment_id: string
  fields_to_export: string[]
  custom_attributes_to_export?: string[] | undefined
  callback_endpoint?: string | undefined
  output_format?: 'zip' | 'gzip' | undefined
}
export interface SegmentExportView {
  object_prefix: string
  segment_id: string
  status: 'running' | 'done' | 'failed'
  user_count: number | null
  error: string | null
  created_at: string
  finished_at: string | null
}
export interface SegmentExportAccepted { message: 'success', object_prefix: string, url: string }

export type SegmentExportService = ReturnType<typeof createSegmentExportService>

export function createSegmentExportService (deps: Omit<SegmentDeps, 'keys'> & {
  users: UserRepository
  reads: UserExportRepository
  /** Braze's eventual consistency: users created within the visibility delay are not exported yet. */
  visibility?: Pick<VisibilityService, 'isVisible'>
  /** campaigns_received / canvases_received (the messaging surface's outbox) */
  received?: ReceivedReader
  /** runs the job after the response (default setImmediate) */
  schedule?: (job: () => void) => void
  /** POSTs the callback (default fetch with a timeout) */
  notify?: (url: string, body: unknown) => Promise<void>
  /** hosts callback_endpoint may name besides loopback (`--callback-allow`; `*` = any) */
  callbackAllow?: readonly string[]
}) {
  const { segments, query, users, reads, transaction, clock } = deps
  const resolver = createSegmentResolver(deps)
  const schedule = deps.schedule ?? ((job) => { setImmediate(job) })
  const notify = deps.notify ?? postJson
  // A restart interrupts running jobs for good; they must not block new exports with 429s.
  segments.failRunningExports(clock.now())

  const service = {
    start (ctx: RestContext, input: SegmentExportInput, baseUrl: string): SegmentExportAccepted {
      if (input.output_format === 'gzip') throw new GzipNeedsBucket()
      if ((input.custom_attributes_to_export?.length ?? 0) > 500) throw new TooManyCustomAttributes()
      checkExportFields(input.fields_to_export)
      const callback = input.callback_endpoint
      if (callback !== undefined && !isCallbackAllowed(callback, deps.callbackAllow ?? [])) throw new CallbackNotAllowed(new URL(callback).host)
      const now = clock.now()
      const objectPrefix = `${randomUUID()}-${Math.floor(now / 1000)}`
      const url = `${baseUrl}/_fake/exports/${objectPrefix}.zip`
      const job = transaction(() => {
        const segment = segments.find(ctx.workspacePk, input.segment_id)
        if (segment === undefined) throw new InvalidSegmentId()
        if (segments.runningExport(segment.pk) !== undefined) throw new SegmentExportRunning(input.segment_id)
        return segments.insertExport({
          objectPrefix, workspacePk: ctx.workspacePk, segmentPk: segment.pk, status: 'running', userCount: null, data: null, error: null, createdAt: now, finishedAt: null
        })
      })
      schedule(() => { void run(job.pk, job.segmentPk, objectPrefix, url, input) })
      return { message: 'success', object_prefix: objectPrefix, url }
    },

    /** Control plane: a workspace's export jobs, newest first, with any callback or build error. */
    list (workspaceId: string): SegmentExportView[] {
      const ws = deps.workspaces.findById(workspaceId)
      if (ws === undefined) throw new FakeNotFound('Workspace', workspaceId)
      return segments.listExports(ws.pk).map((e) => ({
        object_prefix: e.objectPrefix, segment_id: e.segmentId, status: e.status, user_count: e.userCount, error: e.error,
        created_at: toIso(e.createdAt), finished_at: e.finishedAt === null ? null : toIso(e.finishedAt)
      }))
    },

    /** The zip of a finished export; 404 until it is ready ("only become a valid location after the export is ready"). */
    download (fileName: string): Buffer {
      const m = /^(.+)\.zip$/.exec(fileName)
      const row = m === null ? undefined : segments.findExport(m[1]!)
      if (row === undefined || row.data === null) throw new FakeNotFound('Export', fileName)
      return row.data
    },

    /** Builds the zip of the segment's current members (one read transaction, so one consistent view). */
    buildZip (segmentPk: number, objectPrefix: string, input: Pick<SegmentExportInput, 'fields_to_export' | 'custom_attributes_to_export'>): { zip: Uint8Array, users: number } {
      return transaction(() => {
        const segment = segments.findByPk(segmentPk)
        if (segment === undefined) throw new Error('the segment was deleted while the export ran')
        const pks = query.allPks(segment.workspacePk, resolver.expr(segment))
        const fields = new Set(input.fields_to_export)
        // custom_attributes_to_export names single attributes; ignored when custom_attributes is asked for whole.
        const named = fields.has('custom_attributes') ? undefined : input.custom_attributes_to_export
        if (named !== undefined && named.length > 0) fields.add('custom_attributes')
        const now = clock.now()
        const isVisible = deps.visibility?.isVisible ?? (() => true)
        // fflate is loaded on the first export, not at start (every test file's start would pay ~11 ms).
        const { strToU8, zipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate')
        const files: Zippable = {}
        let exported = 0
        // [inferred] with a visibility delay set, a file may hold fewer than 5,000 users.
        for (let i = 0; i * USERS_PER_FILE < pks.length; i++) {
          const chunk = pks.slice(i * USERS_PER_FILE, (i + 1) * USERS_PER_FILE)
          const rows = query.usersByPks(chunk).filter((row) => isVisible(row.createdAt))
          const objects = exportObjects({ users, reads, received: deps.received }, rows, fields, now)
          const lines = objects.map((o) => JSON.stringify(named === undefined ? o : pickCustomAttributes(o, named)))
          files[`${objectPrefix}-${i}.txt`] = strToU8(lines.length === 0 ? '' : lines.join('\n') + '\n')
          exported += lines.length
        }
        resolver.size(segment)
        return { zip: zipSync(files, { level: 1 }), users: exported }
      })
    }
  }
  return service

  async function run (exportPk: number, segmentPk: number, objectPrefix: string, url: string, input: SegmentExportInput): Promise<void> {
    let error: string | null = null
    try {
      const built = service.buildZip(segmentPk, objectPrefix, input)
      segments.updateExport(exportPk, { data: Buffer.from(built.zip), userCount: built.users })
    } catch (err) {
      safely(() => segments.updateExport(exportPk, { status: 'failed', error: describe(err), finishedAt: clock.now() }))
      return
    }
    if (input.callback_endpoint !== undefined) {
      try {
        await notify(input.callback_endpoint, { success: true, url })
      } catch (err) {
        error = `callback to ${input.callback_endpoint} failed: ${describe(err)}`
      }
    }
    safely(() => segments.updateExport(exportPk, { status: 'done', error, finishedAt: clock.now() }))
  }
}

async function postJson (url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS)
  })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
}

function describe (err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Job bookkeeping after the app closed (tests, shutdown) must not throw into the event loop. */
function safely (fn: () => void): void {
  try { fn() } catch { /* the database is gone */ }
}

/** Keeps only the named custom attributes (custom_attributes_to_export); drops the key when none is set. */
function pickCustomAttributes (user: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const all = user.custom_attributes as Record<string, unknown> | undefined
  const { custom_attributes: _dropped, ...rest } = user
  if (all === undefined) return rest
  const picked = Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]]))
  return Object.keys(picked).length > 0 ? { ...rest, custom_attributes: picked } : rest
}
