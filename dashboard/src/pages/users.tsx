/**
 * Audience → Search Users: find a profile by external id, email, alias or braze_id, and see what
 * Braze would show on its profile (attributes, custom attributes, events, purchases, subscription
 * state, cohorts and messages received).
 */
import { useState } from 'preact/hooks'
import { api, enc, query } from '../api.js'
import { usePager, Pager, Empty, ErrorText, Field, Json, fmtTime, useLoad } from '../ui.js'

export interface StoredUser {
  braze_id: string
  external_id: string | null
  email: string | null
  phone: string | null
  user_aliases: Array<{ alias_name: string, alias_label: string }>
  profile: Record<string, unknown>
  custom_attributes: Record<string, unknown>
  email_subscribe: string | null
  push_subscribe: string | null
  total_revenue: number
  custom_events: Array<{ name: string, first: string, last: string, count: number }>
  purchases: Array<{ name: string, first: string, last: string, count: number }>
  cohorts?: Array<{ partner: string, cohort_id: string, name: string }>
  created_at: string
  updated_at: string
  [more: string]: unknown
}

type By = 'external_id' | 'email' | 'braze_id' | 'alias' | 'phone'
const PAGE = 25

export function UsersPage ({ ws }: { ws: string }) {
  const [by, setBy] = useState<By>('external_id')
  const [value, setValue] = useState('')
  const [label, setLabel] = useState('')
  const [search, setSearch] = useState<Record<string, string>>({})
  const pager = usePager()
  const path = `/_fake/workspaces/${enc(ws)}/user-profiles${query({ ...search, limit: PAGE, cursor: pager.cursor })}`
  const users = useLoad(async () => await api<{ users: StoredUser[], next_cursor?: string }>('GET', path), [path])
  const [open, setOpen] = useState<string | undefined>(undefined)
  const submit = (e: Event): void => {
    e.preventDefault()
    pager.reset()
    if (value.trim() === '') { setSearch({}); return }
    setSearch(by === 'alias' ? { alias_label: label.trim(), alias_name: value.trim() } : { [by]: value.trim() })
  }
  const list = users.data?.users ?? []
  return (
    <section>
      <h1>Users</h1>
      <p class='lede'>Search Users: every profile the workspace holds, newest writes included.</p>
      <form class='card row' role='search' onSubmit={submit}>
        <Field label='Find by'>
          <select value={by} onChange={(e) => setBy(e.currentTarget.value as By)}>
            <option value='external_id'>External user ID</option>
            <option value='email'>Email</option>
            <option value='phone'>Phone</option>
            <option value='alias'>User alias</option>
            <option value='braze_id'>Braze ID</option>
          </select>
        </Field>
        {by === 'alias' && <Field label='Alias label'><input value={label} onInput={(e) => setLabel(e.currentTarget.value)} /></Field>}
        <Field label={by === 'alias' ? 'Alias name' : 'Value'}><input type='search' value={value} onInput={(e) => setValue(e.currentTarget.value)} placeholder='empty = all users' /></Field>
        <button type='submit'>Search</button>
      </form>
      <ErrorText error={users.error} />
      {users.data !== undefined && list.length === 0 && <Empty>No user matches.</Empty>}
      {list.map((u) => <UserCard key={u.braze_id} ws={ws} user={u} open={open === u.braze_id || list.length === 1} onToggle={() => setOpen(open === u.braze_id ? undefined : u.braze_id)} />)}
      <Pager pager={pager} nextCursor={users.data?.next_cursor} />
    </section>
  )
}

interface OutboxMessage { id: string, time: string, channel: string, status: string, reason?: string, campaign_id?: string, canvas_id?: string, subject?: string }

function UserCard ({ ws, user, open, onToggle }: { ws: string, user: StoredUser, open: boolean, onToggle: () => void }) {
  const title = user.external_id ?? user.email ?? user.user_aliases[0]?.alias_name ?? user.braze_id
  return (
    <article class='card'>
      <header class='row'>
        <h2 style='margin:0'>{title}</h2>
        <small>braze_id <code>{user.braze_id}</code></small>
        <button type='button' class='small ghost' aria-expanded={open} onClick={onToggle}>{open ? 'Hide profile' : 'Show profile'}</button>
      </header>
      {open && <Profile ws={ws} user={user} />}
    </article>
  )
}

function Profile ({ ws, user }: { ws: string, user: StoredUser }) {
  const messages = useLoad(async () => {
    if (user.external_id === null) return undefined
    try {
      return await api<{ messages: OutboxMessage[] }>('GET', `/_fake/workspaces/${enc(ws)}/messages${query({ external_id: user.external_id })}`, { quiet: true })
    } catch {
      return undefined // a server without the messaging surface has no outbox
    }
  }, [ws, user.external_id])
  const { braze_id: _b, external_id: _e, user_aliases: aliases, profile, custom_attributes: custom, custom_events: events, purchases, cohorts, created_at: created, updated_at: updated, ...rest } = user
  return (
    <div>
      <dl class='facts'>
        <dt>External user ID</dt><dd>{user.external_id ?? <span class='muted'>anonymous</span>}</dd>
        <dt>Email / phone</dt><dd>{user.email ?? '—'} / {user.phone ?? '—'}</dd>
        <dt>Aliases</dt><dd>{aliases.length === 0 ? '—' : aliases.map((a) => `${a.alias_label}: ${a.alias_name}`).join(', ')}</dd>
        <dt>Created / updated</dt><dd>{fmtTime(created)} / {fmtTime(updated)}</dd>
        <dt>Cohorts</dt>
        <dd>{(cohorts ?? []).length === 0 ? '—' : (cohorts ?? []).map((c) => <span key={`${c.partner}/${c.cohort_id}`} class='badge'>{c.partner}: {c.name}</span>)}</dd>
      </dl>
      <h3>Subscription state</h3>
      <Json value={Object.fromEntries(Object.entries(rest).filter(([k]) => /subscri|bounce|spam|blocklist|invalid|push|email_|sms/.test(k)))} />
      <h3>Attributes</h3>
      <Json value={profile} />
      <h3>Custom attributes</h3>
      <Json value={custom} />
      <h3>Custom events</h3>
      {events.length === 0 ? <Empty>None.</Empty> : <Summary rows={events} />}
      <h3>Purchases</h3>
      {purchases.length === 0 ? <Empty>None.</Empty> : <Summary rows={purchases} />}
      <h3>Messages received</h3>
      {messages.data === undefined
        ? <Empty>{user.external_id === null ? 'Anonymous users are listed in the campaign outbox.' : 'No outbox on this server.'}</Empty>
        : messages.data.messages.length === 0
          ? <Empty>None.</Empty>
          : (
            <table>
              <thead><tr><th scope='col'>Time</th><th scope='col'>From</th><th scope='col'>Channel</th><th scope='col'>Status</th><th scope='col'>Subject</th></tr></thead>
              <tbody>{messages.data.messages.map((m) => (
                <tr key={m.id}><td>{fmtTime(m.time)}</td><td>{m.campaign_id ?? m.canvas_id ?? '—'}</td><td>{m.channel}</td><td><span class={`badge ${m.status}`}>{m.status}</span> {m.reason ?? ''}</td><td>{m.subject ?? ''}</td></tr>
              ))}</tbody>
            </table>
            )}
    </div>
  )
}

function Summary ({ rows }: { rows: Array<{ name: string, first: string, last: string, count: number }> }) {
  return (
    <table>
      <thead><tr><th scope='col'>Name</th><th scope='col'>Count</th><th scope='col'>First</th><th scope='col'>Last</th></tr></thead>
      <tbody>{rows.map((r) => <tr key={r.name}><td>{r.name}</td><td>{r.count}</td><td>{fmtTime(r.first)}</td><td>{fmtTime(r.last)}</td></tr>)}</tbody>
    </table>
  )
}
