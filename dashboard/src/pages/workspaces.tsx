/** Workspaces: create, switch, clear (Braze's workspace picker; here workspaces are made by the control plane). */
import { useState } from 'preact/hooks'
import { CLUSTER_IDS } from '../../../src/domain/shared/clusters.js'
import { api, enc } from '../api.js'
import { go, href } from '../router.js'
import { Empty, ErrorText, Field, Secret, fmtTime, useAction, useLoad } from '../ui.js'

export interface Workspace { id: string, name: string, cluster: string, rest_host: string, rest_endpoint: string, created_at: string }
interface Partner { name: string, display_name: string }


export function WorkspaceSwitcher ({ current }: { current: string | undefined }) {
  const list = useLoad(async () => await api<{ workspaces: Workspace[] }>('GET', '/_fake/workspaces', { quiet: true }), [current])
  const options = list.data?.workspaces ?? []
  return (
    <label class='switcher'>
      <span>Workspace</span>
      <select value={current ?? ''} onChange={(e) => { const v = e.currentTarget.value; if (v !== '') go('w', v, 'partners') }}>
        <option value=''>— choose —</option>
        {options.map((w) => <option key={w.id} value={w.id}>{w.name} ({w.id})</option>)}
        {current !== undefined && !options.some((w) => w.id === current) && <option value={current}>{current}</option>}
      </select>
    </label>
  )
}

export function WorkspacesPage () {
  const list = useLoad(async () => await api<{ workspaces: Workspace[] }>('GET', '/_fake/workspaces'), [])
  const partners = useLoad(async () => await api<{ partners: Partner[] }>('GET', '/_fake/partners', { quiet: true }), [])
  const create = useAction()
  const clear = useAction()
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [cluster, setCluster] = useState('iad-01')
  const [withPartners, setWithPartners] = useState<string[]>([])
  const [created, setCreated] = useState<Record<string, unknown> | undefined>(undefined)

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const body: Record<string, unknown> = { cluster }
    if (id.trim() !== '') body.id = id.trim()
    if (name.trim() !== '') body.name = name.trim()
    if (withPartners.length > 0) body.partners = withPartners
    let answer: Record<string, unknown> | undefined
    const ok = await create.run(async () => { answer = await api<Record<string, unknown>>('POST', '/_fake/workspaces', { body }) })
    if (ok) { setCreated(answer); setId(''); setName(''); list.reload() }
  }

  return (
    <section>
      <h1>Workspaces</h1>
      <p class='lede'>Each workspace is one Braze workspace on one cluster, with its own users, keys, cohorts and segments.</p>
      <form class='card' onSubmit={(e) => { void submit(e) }} aria-labelledby='new-ws'>
        <h2 id='new-ws'>New workspace</h2>
        <div class='row'>
          <Field label='Id' hint='Optional; a UUID when empty'><input name='id' value={id} onInput={(e) => setId(e.currentTarget.value)} placeholder='acme' /></Field>
          <Field label='Name'><input name='name' value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder='Acme staging' /></Field>
          <Field label='Cluster'>
            <select name='cluster' value={cluster} onChange={(e) => setCluster(e.currentTarget.value)}>
              {CLUSTER_IDS.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </Field>
        </div>
        <fieldset>
          <legend>Provision keys for partners (optional)</legend>
          {(partners.data?.partners ?? []).map((p) => (
            <label key={p.name} class='check'>
              <input type='checkbox' checked={withPartners.includes(p.name)} onChange={(e) => setWithPartners(e.currentTarget.checked ? [...withPartners, p.name] : withPartners.filter((x) => x !== p.name))} />
              {p.display_name}
            </label>
          ))}
        </fieldset>
        <button type='submit' disabled={create.busy}>Create workspace</button>
        <ErrorText error={create.error} />
        {created !== undefined && (
          <div class='notice' role='status'>
            Created <a href={href('w', String(created.id), 'partners')}>{String(created.id)}</a>. REST endpoint <Secret value={String(created.rest_endpoint)} />
            {typeof created.rest_api_key === 'string' && <> REST API key <Secret value={created.rest_api_key} /></>}
          </div>
        )}
      </form>

      <ErrorText error={list.error ?? clear.error} />
      {list.data !== undefined && list.data.workspaces.length === 0 && <Empty>No workspaces yet.</Empty>}
      {list.data !== undefined && list.data.workspaces.length > 0 && (
        <table>
          <caption class='sr-only'>Workspaces</caption>
          <thead><tr><th scope='col'>Id</th><th scope='col'>Name</th><th scope='col'>Cluster</th><th scope='col'>REST endpoint</th><th scope='col'>Created</th><th scope='col'><span class='sr-only'>Actions</span></th></tr></thead>
          <tbody>
            {list.data.workspaces.map((w) => (
              <tr key={w.id}>
                <td><a href={href('w', w.id, 'partners')}>{w.id}</a></td>
                <td>{w.name}</td>
                <td>{w.cluster}</td>
                <td><code>{w.rest_endpoint}</code></td>
                <td>{fmtTime(w.created_at)}</td>
                <td>
                  <button type='button' class='small danger' disabled={clear.busy} onClick={() => {
                    if (!confirm(`Delete workspace ${w.id} and all its data?`)) return
                    void clear.run(async () => { await api('DELETE', `/_fake/workspaces/${enc(w.id)}`); list.reload() })
                  }}>Clear</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
