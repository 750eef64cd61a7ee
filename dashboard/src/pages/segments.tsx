/**
 * Segments: the list, the builder (with one "<Partner> Cohorts" filter per partner that has an
 * active data import key), and one segment's live size, members and size history chart.
 */
import { useState } from 'preact/hooks'
import { api, enc, query } from '../api.js'
import { go, href } from '../router.js'
import { Empty, ErrorText, Field, Json, Pager, fmtTime, useAction, useLoad, usePager } from '../ui.js'
import { SizeChart } from './chart.js'
import { TreeEditor, newLeaf, type FilterOption, type GroupOption, type Tree } from './filter-tree.js'
import { findRestKey } from './rest-keys.js'

export interface Segment {
  id: string, name: string, description: string | null, tags: string[], filter: Tree, filter_description: string
  analytics_tracking_enabled: boolean, archived: boolean, created_at: string, updated_at: string, size?: number
}
interface Member { braze_id: string, external_id?: string, email?: string, phone?: string }

const segmentsPath = (ws: string): string => `/_fake/workspaces/${enc(ws)}/segments`

export function SegmentsPage ({ ws }: { ws: string }) {
  const list = useLoad(async () => await api<{ segments: Segment[] }>('GET', segmentsPath(ws)), [ws])
  return (
    <section>
      <h1>Segments</h1>
      <p class='lede'>Audiences built from partner cohort filters and user data. <a href={href('w', ws, 'segments', 'new')}>Create segment</a></p>
      <ErrorText error={list.error} />
      {list.data?.segments.length === 0 && <Empty>No segments yet.</Empty>}
      {(list.data?.segments.length ?? 0) > 0 && (
        <table>
          <thead><tr><th scope='col'>Name</th><th scope='col'>Filters</th><th scope='col'>Tags</th><th scope='col'>Updated</th></tr></thead>
          <tbody>{list.data!.segments.map((s) => (
            <tr key={s.id}><td><a href={href('w', ws, 'segments', s.id)}>{s.name}</a>{s.archived && <> <span class='badge'>archived</span></>}</td>
              <td>{s.filter_description}</td><td>{s.tags.join(', ')}</td><td>{fmtTime(s.updated_at)}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  )
}

export function SegmentBuilderPage ({ ws }: { ws: string }) {
  const filters = useLoad(async () => await api<{ filters: FilterOption[] }>('GET', `/_fake/workspaces/${enc(ws)}/segment-filters`), [ws])
  const groups = useLoad(async () => await api<{ subscription_groups: Array<GroupOption & { archived_at?: string | null }> }>('GET', `/_fake/workspaces/${enc(ws)}/subscription-groups`), [ws])
  const options = filters.data?.filters ?? []
  return filters.data === undefined || (groups.data === undefined && groups.error === undefined)
    ? <section><h1>New segment</h1><ErrorText error={filters.error} /></section>
    : <SegmentForm ws={ws} options={options} groups={(groups.data?.subscription_groups ?? []).filter((g) => g.archived_at == null)} />
}

function SegmentForm ({ ws, options, groups }: { ws: string, options: FilterOption[], groups: GroupOption[] }) {
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [tree, setTree] = useState<Tree>({ and: [newLeaf(options)] })
  const [raw, setRaw] = useState<string | undefined>(undefined)
  const save = useAction()
  const rawError = raw === undefined ? undefined : parseTree(raw).error
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const filter = raw === undefined ? tree : parseTree(raw).tree
    if (filter === undefined) return
    const body: Record<string, unknown> = { name, filter }
    if (id.trim() !== '') body.id = id.trim()
    if (description.trim() !== '') body.description = description.trim()
    let created: Segment | undefined
    if (await save.run(async () => { created = await api<Segment>('POST', segmentsPath(ws), { body }) })) go('w', ws, 'segments', created!.id)
  }
  return (
    <section>
      <p class='crumbs'><a href={href('w', ws, 'segments')}>Segments</a> /</p>
      <h1>New segment</h1>
      {options.length === 0 && <p class='notice'>No partner has an active data import key in this workspace, so no “&lt;Partner&gt; Cohorts” filter is offered yet (<a href={href('w', ws, 'partners')}>Technology Partners</a>).</p>}
      <form class='card' onSubmit={(e) => { void submit(e) }}>
        <div class='row'>
          <Field label='Segment name'><input required value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder='Winback audience' /></Field>
          <Field label='Id' hint='Optional; a UUID when empty'><input value={id} onInput={(e) => setId(e.currentTarget.value)} /></Field>
          <Field label='Description'><input value={description} onInput={(e) => setDescription(e.currentTarget.value)} /></Field>
        </div>
        <h2>Filters</h2>
        {raw === undefined
          ? <TreeEditor tree={tree} options={options} groups={groups} onChange={setTree} />
          : <Field label='Filter tree (JSON)'><textarea value={raw} onInput={(e) => setRaw(e.currentTarget.value)} aria-invalid={rawError !== undefined} /></Field>}
        {rawError !== undefined && <p class='error'>{rawError}</p>}
        <p>
          <button type='button' class='small ghost' onClick={() => {
            if (raw === undefined) { setRaw(JSON.stringify(tree, null, 2)); return }
            const parsed = parseTree(raw)
            if (parsed.tree !== undefined) { setTree(parsed.tree); setRaw(undefined) }
          }}>{raw === undefined ? 'Edit as JSON' : 'Back to the builder'}</button>
        </p>
        {raw === undefined && <Json value={tree} />}
        <button type='submit' disabled={save.busy || rawError !== undefined}>Save segment</button>
        <ErrorText error={save.error} />
      </form>
    </section>
  )
}

function parseTree (raw: string): { tree?: Tree, error?: string } {
  try {
    const v = JSON.parse(raw) as unknown
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'The filter must be a JSON object' }
    return { tree: v as Tree }
  } catch (err) {
    return { error: `Not JSON: ${(err as Error).message}` }
  }
}

export function SegmentPage ({ ws, segmentId }: { ws: string, segmentId: string }) {
  const path = `${segmentsPath(ws)}/${enc(segmentId)}`
  // The size is computed from current state on every read: polled, it follows a running sync.
  const segment = useLoad(async () => await api<Segment>('GET', path, { quiet: true }), [path], 2000)
  const pager = usePager()
  const membersPath = `${path}/members${query({ limit: 50, cursor: pager.cursor })}`
  const members = useLoad(async () => await api<{ members: Member[], next_cursor?: string, total: number }>('GET', membersPath), [membersPath])
  const series = useLoad(async () => {
    const key = await findRestKey(ws, 'segments.data_series')
    if (key === undefined) return undefined
    return await api<{ data: Array<{ time: string, size: number }> }>('GET', `/segments/data_series${query({ segment_id: segmentId, length: 30 })}`, { restKey: key })
  }, [ws, segmentId])
  const act = useAction()
  const s = segment.data
  return (
    <section>
      <p class='crumbs'><a href={href('w', ws, 'segments')}>Segments</a> /</p>
      <h1>{s?.name ?? segmentId}</h1>
      <ErrorText error={segment.error ?? act.error} />
      {s !== undefined && (
        <>
          <div class='card stats'>
            <div><div class='big' aria-live='polite' data-testid='segment-size'>{(s.size ?? 0).toLocaleString()}</div><small>users now</small></div>
            <div style='flex:1'><strong>{s.filter_description}</strong><br /><small>filters</small></div>
            <div>
              <button type='button' class='small ghost' disabled={act.busy} onClick={() => { void act.run(async () => { await api('POST', `${path}/${s.archived ? 'unarchive' : 'archive'}`); segment.reload() }) }}>{s.archived ? 'Unarchive' : 'Archive'}</button>{' '}
              <button type='button' class='small danger' disabled={act.busy} onClick={() => {
                if (confirm(`Delete segment ${s.name}?`)) void act.run(async () => { await api('DELETE', path); go('w', ws, 'segments') })
              }}>Delete</button>
            </div>
          </div>
          <p><a href={href('w', ws, 'campaigns', 'new', s.id)}>Create a campaign targeting this segment</a></p>
        </>
      )}
      <h2>Size history</h2>
      {series.data === undefined
        ? <Empty>{series.loading ? 'Loading…' : <>The history comes from Braze's <code>/segments/data_series</code>: create a <a href={href('w', ws, 'rest-keys')}>REST API key</a> with <code>segments.data_series</code> to see it.</>}</Empty>
        : <SizeChart points={series.data.data} label='Segment size' />}
      <h2>Members {members.data !== undefined && <small>({members.data.total.toLocaleString()})</small>}</h2>
      <ErrorText error={members.error} />
      {(members.data?.members.length ?? 0) > 0 && (
        <table>
          <thead><tr><th scope='col'>braze_id</th><th scope='col'>External id</th><th scope='col'>Email</th><th scope='col'>Phone</th></tr></thead>
          <tbody>{members.data!.members.map((m) => <tr key={m.braze_id}><td><code>{m.braze_id}</code></td><td>{m.external_id ?? '—'}</td><td>{m.email ?? '—'}</td><td>{m.phone ?? '—'}</td></tr>)}</tbody>
        </table>
      )}
      <Pager pager={pager} nextCursor={members.data?.next_cursor} />
    </section>
  )
}
