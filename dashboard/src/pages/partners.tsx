/**
 * Partner Integrations → Technology Partners, then one partner's page: its data import key
 * (generate, copy, invalidate), the partner API key and the workspace's REST endpoint, laid out
 * as Braze's Hightouch page describes (braze-docs _docs/_partners/…/hightouch.md).
 */
import { api, enc } from '../api.js'
import { href } from '../router.js'
import { Empty, ErrorText, Secret, fmtTime, useAction, useLoad } from '../ui.js'
import type { Workspace } from './workspaces.js'

export interface Partner { name: string, display_name: string, filter_name: string, filter_id: string, api_keys: { us: string, eu: string } }
interface DataImportKey { key: string, partner: string, status: 'active' | 'invalidated', created_at: string, invalidated_at?: string }

export function PartnersPage ({ ws }: { ws: string }) {
  const partners = useLoad(async () => await api<{ partners: Partner[] }>('GET', '/_fake/partners'), [])
  return (
    <section>
      <h1>Technology Partners</h1>
      <p class='lede'>Partner Integrations → Technology Partners. Pick a partner to generate the data import key its sync sends as <code>client_secret</code>.</p>
      <ErrorText error={partners.error} />
      <ul class='tiles'>
        {(partners.data?.partners ?? []).map((p) => (
          <li key={p.name}><a class='tile' href={href('w', ws, 'partners', p.name)}><strong>{p.display_name}</strong><small>Cohort import · “{p.filter_name}” filter</small></a></li>
        ))}
      </ul>
    </section>
  )
}

export function PartnerPage ({ ws, partner }: { ws: string, partner: string }) {
  const partners = useLoad(async () => await api<{ partners: Partner[] }>('GET', '/_fake/partners', { quiet: true }), [])
  const workspace = useLoad(async () => await api<Workspace>('GET', `/_fake/workspaces/${enc(ws)}`), [ws])
  const keysPath = `/_fake/workspaces/${enc(ws)}/partners/${enc(partner)}/data-import-keys`
  // ?reveal=true: the page's purpose is to show the key to copy, as Braze's does (listings are masked by default).
  const keys = useLoad(async () => await api<{ data_import_keys: DataImportKey[] }>('GET', `${keysPath}?reveal=true`), [keysPath])
  const action = useAction()
  const p = partners.data?.partners.find((x) => x.name === partner)
  const eu = workspace.data?.cluster.startsWith('fra') === true
  const active = (keys.data?.data_import_keys ?? []).filter((k) => k.status === 'active')
  const generate = (): void => { void action.run(async () => { await api('POST', keysPath, { body: {} }); keys.reload() }) }
  const invalidate = (key: string): void => {
    void action.run(async () => { await api('POST', `${keysPath}/${enc(key)}/invalidate`); keys.reload() })
  }
  return (
    <section>
      <p class='crumbs'><a href={href('w', ws, 'partners')}>Technology Partners</a> /</p>
      <h1>{p?.display_name ?? partner}</h1>
      <ErrorText error={partners.error ?? workspace.error ?? keys.error} />
      <div class='card'>
        <h2>Data Import Using Cohort Import</h2>
        <dl class='facts'>
          <dt>REST endpoint</dt>
          <dd>{workspace.data === undefined ? '…' : <Secret value={workspace.data.rest_endpoint} />}<small> (Braze: <code>{workspace.data?.rest_host ?? '…'}</code>)</small></dd>
          <dt>Data import key</dt>
          <dd>
            {active.length === 0 && <span class='muted'>No active key: the partner's cohort calls are refused until one is generated.</span>}
            {active.map((k) => (
              <div key={k.key} class='keyline'>
                <Secret value={k.key} />
                <button type='button' class='small danger' disabled={action.busy} onClick={() => invalidate(k.key)}>Invalidate</button>
              </div>
            ))}
            <button type='button' disabled={action.busy} onClick={generate}>{active.length === 0 ? 'Generate key' : 'Generate new key'}</button>
          </dd>
          <dt>Partner API key</dt>
          <dd>{p === undefined ? '…' : <Secret value={eu ? p.api_keys.eu : p.api_keys.us} />}<small> ({eu ? 'EU' : 'US/AU'} clusters; the partner sends it as <code>partner_api_key</code>)</small></dd>
          <dt>Segment filter</dt>
          <dd>“{p?.filter_name ?? '…'}” — see <a href={href('w', ws, 'cohorts')}>cohorts</a></dd>
        </dl>
        <ErrorText error={action.error} />
      </div>
      <h2>Key history</h2>
      {(keys.data?.data_import_keys ?? []).length === 0 && <Empty>No keys yet.</Empty>}
      {(keys.data?.data_import_keys ?? []).length > 0 && (
        <table>
          <thead><tr><th scope='col'>Key</th><th scope='col'>Status</th><th scope='col'>Created</th><th scope='col'>Invalidated</th></tr></thead>
          <tbody>
            {keys.data!.data_import_keys.map((k) => (
              <tr key={k.key}><td><code>{k.key}</code></td><td><span class={`badge ${k.status}`}>{k.status}</span></td><td>{fmtTime(k.created_at)}</td><td>{fmtTime(k.invalidated_at)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
