/**
 * The cohorts partners have imported (what each "<Partner> Cohorts" filter offers), live while a
 * sync runs, and one cohort's members (paged) with its change history from the request journal.
 */
import { useState } from 'preact/hooks'
import { api, enc, query } from '../api.js'
import { href } from '../router.js'
import { Empty, ErrorText, Pager, fmtTime, useAction, useLoad, usePager } from '../ui.js'
import type { Partner } from './partners.js'
import { describeEffects, type JournalEntry } from './journal-entry.js'

export interface Cohort {
  partner: string, cohort_id: string, name: string, named: boolean, created_at: string, updated_at: string
  member_count: number, locked: boolean, locked_writes_remaining?: number
}
interface Member { braze_id: string, external_id?: string, device_ids?: string[], aliases?: Array<{ alias_name: string, alias_label: string }>, added_at: string }

const LIVE_MS = 1000

export function CohortsPage ({ ws }: { ws: string }) {
  const [partner, setPartner] = useState('')
  const partners = useLoad(async () => await api<{ partners: Partner[] }>('GET', '/_fake/partners', { quiet: true }), [])
  const path = `/_fake/workspaces/${enc(ws)}/cohorts${query({ partner })}`
  // Polled every second: a cohort appears and its member count grows while the partner's sync runs.
  const cohorts = useLoad(async () => await api<{ cohorts: Cohort[] }>('GET', path, { quiet: true }), [path], LIVE_MS)
  const names = new Map((partners.data?.partners ?? []).map((p) => [p.name, p.display_name]))
  return (
    <section>
      <h1>Cohorts</h1>
      <p class='lede'>Imported through <code>POST /partners/&#123;partner&#125;/cohorts/users</code>. Live: this list refreshes every second.</p>
      <label class='field' style='max-width:16rem'>
        <span>Partner</span>
        <select value={partner} onChange={(e) => setPartner(e.currentTarget.value)}>
          <option value=''>All partners</option>
          {(partners.data?.partners ?? []).map((p) => <option key={p.name} value={p.name}>{p.display_name}</option>)}
        </select>
      </label>
      <ErrorText error={cohorts.error} />
      {cohorts.data?.cohorts.length === 0 && <Empty>No cohorts yet. They appear when a partner sends its first cohort call with this workspace's data import key.</Empty>}
      {(cohorts.data?.cohorts.length ?? 0) > 0 && (
        <table aria-live='polite'>
          <thead><tr><th scope='col'>Filter</th><th scope='col'>Cohort</th><th scope='col'>Id</th><th scope='col'>Members</th><th scope='col'>Updated</th><th scope='col'>State</th></tr></thead>
          <tbody>
            {cohorts.data!.cohorts.map((c) => (
              <tr key={`${c.partner}/${c.cohort_id}`} data-cohort={c.cohort_id}>
                <td>{names.get(c.partner) ?? c.partner} Cohorts</td>
                <td><a href={href('w', ws, 'cohorts', c.partner, c.cohort_id)}>{c.name}</a></td>
                <td><code>{c.cohort_id}</code></td>
                <td class='member-count'>{c.member_count.toLocaleString()}</td>
                <td>{fmtTime(c.updated_at)}</td>
                <td>{c.locked ? <span class='badge invalidated'>locked</span> : <span class='badge active'>open</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function CohortPage ({ ws, partner, cohortId }: { ws: string, partner: string, cohortId: string }) {
  const base = `/_fake/workspaces/${enc(ws)}/partners/${enc(partner)}/cohorts/${enc(cohortId)}`
  const cohort = useLoad(async () => await api<Cohort>('GET', base, { quiet: true }), [base], LIVE_MS)
  const pager = usePager()
  const membersPath = `${base}/members${query({ limit: 50, cursor: pager.cursor })}`
  const members = useLoad(async () => await api<{ members: Member[], next_cursor?: string }>('GET', membersPath), [membersPath])
  const historyPath = `/_fake/requests${query({ workspace_id: ws, partner, limit: 1000 })}`
  const history = useLoad(async () => await api<{ requests: JournalEntry[] }>('GET', historyPath, { quiet: true }), [historyPath], LIVE_MS * 3)
  const lock = useAction()
  const changes = (history.data?.requests ?? []).filter((r) => (r.effects as { cohort_id?: string } | null)?.cohort_id === cohortId).reverse()
  const c = cohort.data
  return (
    <section>
      <p class='crumbs'><a href={href('w', ws, 'cohorts')}>Cohorts</a> /</p>
      <h1>{c?.name ?? cohortId}</h1>
      <ErrorText error={cohort.error ?? lock.error} />
      {c !== undefined && (
        <div class='card stats'>
          <div><div class='big' aria-live='polite' data-testid='member-count'>{c.member_count.toLocaleString()}</div><small>members now</small></div>
          <div><strong>{partner}</strong><br /><small>partner</small></div>
          <div><code>{c.cohort_id}</code><br /><small>cohort id{c.named ? '' : ' (not named yet)'}</small></div>
          <div>{fmtTime(c.created_at)}<br /><small>first heard of</small></div>
          <div>
            {c.locked
              ? <button type='button' class='small' disabled={lock.busy} onClick={() => { void lock.run(async () => { await api('DELETE', `${base}/lock`); cohort.reload() }) }}>Unlock</button>
              : <button type='button' class='small danger' disabled={lock.busy} onClick={() => { void lock.run(async () => { await api('POST', `${base}/lock`, { body: {} }); cohort.reload() }) }}>Lock (answer 423)</button>}
          </div>
        </div>
      )}
      <h2>Members</h2>
      <ErrorText error={members.error} />
      {members.data?.members.length === 0 && <Empty>No members.</Empty>}
      {(members.data?.members.length ?? 0) > 0 && (
        <table>
          <thead><tr><th scope='col'>braze_id</th><th scope='col'>External id</th><th scope='col'>Device ids</th><th scope='col'>Aliases</th><th scope='col'>Added</th></tr></thead>
          <tbody>{members.data!.members.map((m) => (
            <tr key={m.braze_id}><td><code>{m.braze_id}</code></td><td>{m.external_id ?? '—'}</td><td>{m.device_ids?.join(', ') ?? '—'}</td>
              <td>{m.aliases?.map((a) => `${a.alias_label}: ${a.alias_name}`).join(', ') ?? '—'}</td><td>{fmtTime(m.added_at)}</td></tr>
          ))}</tbody>
        </table>
      )}
      <Pager pager={pager} nextCursor={members.data?.next_cursor} />
      <h2>Change history <small>(from the request journal)</small></h2>
      {changes.length === 0 && <Empty>No journalled calls for this cohort.</Empty>}
      {changes.length > 0 && (
        <table class='feed'>
          <thead><tr><th scope='col'>Time</th><th scope='col'>Call</th><th scope='col'>Status</th><th scope='col'>Effect</th></tr></thead>
          <tbody>{changes.slice(0, 100).map((r) => <tr key={r.id}><td>{fmtTime(r.time)}</td><td><code>{r.method} {r.path}</code></td><td><span class={`status s${String(r.status)[0]}`}>{r.status}</span></td><td>{describeEffects(r.effects)}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  )
}
