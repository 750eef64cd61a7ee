/**
 * Campaigns and Canvases: create one with a segment as its target audience, send it now, and
 * read its outbox (who received what, who was skipped and why). Control-plane contract of the
 * messaging surface: POST/GET /_fake/workspaces/{id}/campaigns|canvases,
 * POST …/campaigns/{campaign_id}/send, GET /_fake/workspaces/{id}/messages.
 */
import { useState } from 'preact/hooks'
import { api, enc, query } from '../api.js'
import { go, href } from '../router.js'
import { Empty, ErrorText, Field, Json, Pager, fmtTime, useAction, useLoad, usePager } from '../ui.js'
import { findRestKey } from './rest-keys.js'
import type { Segment } from './segments.js'

interface Message { id?: string, channel: string, name?: string, subject?: string, body?: string, from?: string, [k: string]: unknown }
interface Sendable {
  id: string, name: string, kind?: string, status?: string, segment_id?: string | null, send_to?: string, tags?: string[]
  messages?: Message[], steps?: Array<{ id: string, name: string, messages: Message[] }>, created_at?: string, control_percent?: number | null, [k: string]: unknown
}
interface StepProgress { id: string, name: string, type: string, next: Array<{ name: string, next: string | null }>, waiting: number, next_due_at: string | null, delivered: number, users: number }
interface VariantRow { variation_api_id: string | null, variation_name: string, channel: string | null, percent: number, unique_recipients: number }
interface OutboxMessage {
  id: string, time: string, dispatch_id: string, send_id?: string, campaign_id?: string, canvas_id?: string, step_id?: string, variation_id?: string
  channel: string, braze_id: string, external_id?: string, status: 'delivered' | 'skipped', reason?: string, subject?: string, body?: string, payload?: unknown
}

const base = (ws: string): string => `/_fake/workspaces/${enc(ws)}`
const listOf = (answer: unknown, key: string): Sendable[] =>
  Array.isArray(answer) ? answer as Sendable[] : ((answer as Record<string, Sendable[] | undefined>)[key] ?? [])

export function CampaignsPage ({ ws, segment }: { ws: string, segment?: string }) {
  const campaigns = useLoad(async () => listOf(await api('GET', `${base(ws)}/campaigns`), 'campaigns'), [ws])
  const canvases = useLoad(async () => listOf(await api('GET', `${base(ws)}/canvases`), 'canvases'), [ws])
  const segments = useLoad(async () => await api<{ segments: Segment[] }>('GET', `${base(ws)}/segments`, { quiet: true }), [ws])
  return (
    <section>
      <h1>Campaigns &amp; Canvases</h1>
      <p class='lede'>The last step of the cohort flow: a campaign or Canvas whose target audience is a cohort segment.</p>
      <CreateForm ws={ws} segments={segments.data?.segments ?? []} initialSegment={segment} />
      <h2>Campaigns</h2>
      <ErrorText error={campaigns.error} />
      <SendableTable ws={ws} kind='campaign' items={campaigns.data} />
      <h2>Canvases</h2>
      <ErrorText error={canvases.error} />
      <SendableTable ws={ws} kind='canvas' items={canvases.data} />
    </section>
  )
}

function SendableTable ({ ws, kind, items }: { ws: string, kind: 'campaign' | 'canvas', items: Sendable[] | undefined }) {
  if (items === undefined) return null
  if (items.length === 0) return <Empty>None yet.</Empty>
  return (
    <table>
      <thead><tr><th scope='col'>Name</th><th scope='col'>Kind</th><th scope='col'>Status</th><th scope='col'>Target segment</th><th scope='col'>Created</th></tr></thead>
      <tbody>{items.map((c) => (
        <tr key={c.id}><td><a href={href('w', ws, 'campaigns', kind, c.id)}>{c.name}</a></td><td>{c.kind ?? kind}</td><td>{c.status ?? '—'}</td><td>{c.segment_id ?? '—'}</td><td>{fmtTime(c.created_at)}</td></tr>
      ))}</tbody>
    </table>
  )
}

function CreateForm ({ ws, segments, initialSegment }: { ws: string, segments: Segment[], initialSegment?: string }) {
  const [type, setType] = useState<'campaign' | 'canvas'>('campaign')
  const [name, setName] = useState('')
  const [kind, setKind] = useState('scheduled')
  const [segmentId, setSegmentId] = useState(initialSegment ?? '')
  const [sendTo, setSendTo] = useState('subscribed_or_opted_in')
  const [channel, setChannel] = useState('email')
  const [subject, setSubject] = useState('We miss you, {{${first_name} | default: \'friend\'}}')
  const [body, setBody] = useState('<p>Hi {{${first_name} | default: \'there\'}}, here is 20% off.</p>')
  const [from, setFrom] = useState('Acme <hello@acme.test>')
  const save = useAction()
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault()
    const message: Message = { channel, ...(channel === 'email' ? { subject, body, from } : { body }) }
    const common: Record<string, unknown> = { name, send_to: sendTo, ...(segmentId !== '' && { segment_id: segmentId }) }
    const payload = type === 'campaign'
      ? { ...common, kind, status: 'active', messages: [message] }
      : { ...common, status: 'active', steps: [{ name: 'Step 1', messages: [message] }] }
    let created: Sendable | undefined
    if (await save.run(async () => { created = await api<Sendable>('POST', `${base(ws)}/${type === 'campaign' ? 'campaigns' : 'canvases'}`, { body: payload }) })) {
      go('w', ws, 'campaigns', type, created!.id)
    }
  }
  return (
    <form class='card' onSubmit={(e) => { void submit(e) }} aria-labelledby='new-campaign'>
      <h2 id='new-campaign'>Create</h2>
      <div class='row'>
        <Field label='Type'><select value={type} onChange={(e) => setType(e.currentTarget.value as 'campaign' | 'canvas')}><option value='campaign'>Campaign</option><option value='canvas'>Canvas</option></select></Field>
        <Field label='Name'><input required value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder='Winback' /></Field>
        {type === 'campaign' && (
          <Field label='Delivery'><select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value='scheduled'>Scheduled / sent from the dashboard</option><option value='api_triggered'>API-triggered</option><option value='api'>API campaign</option>
          </select></Field>
        )}
        <Field label='Target audience (segment)'>
          <select value={segmentId} onChange={(e) => setSegmentId(e.currentTarget.value)}>
            <option value=''>— none —</option>
            {segments.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </Field>
        <Field label='Send to'><select value={sendTo} onChange={(e) => setSendTo(e.currentTarget.value)}>
          <option value='subscribed_or_opted_in'>Subscribed or opted in</option><option value='opted_in'>Opted in only</option><option value='all'>All users, incl. unsubscribed</option>
        </select></Field>
      </div>
      <div class='row'>
        <Field label='Channel'><select value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
          <option value='email'>Email</option><option value='push'>Push</option><option value='webhook'>Webhook</option><option value='content_card'>Content Card</option>
        </select></Field>
        {channel === 'email' && <Field label='From'><input value={from} onInput={(e) => setFrom(e.currentTarget.value)} /></Field>}
        {channel === 'email' && <Field label='Subject (Liquid)'><input value={subject} onInput={(e) => setSubject(e.currentTarget.value)} /></Field>}
      </div>
      <Field label='Body (Liquid)'><textarea value={body} onInput={(e) => setBody(e.currentTarget.value)} /></Field>
      <button type='submit' disabled={save.busy}>Create {type === 'campaign' ? 'campaign' : 'Canvas'}</button>
      <ErrorText error={save.error} />
    </form>
  )
}

export function CampaignPage ({ ws, kind, id }: { ws: string, kind: string, id: string }) {
  if (kind === 'new') return <CampaignsPage ws={ws} segment={id} />
  const collection = kind === 'canvas' ? 'canvases' : 'campaigns'
  const item = useLoad(async () => await api<Sendable>('GET', `${base(ws)}/${collection}/${enc(id)}`), [ws, collection, id])
  const pager = usePager()
  const [status, setStatus] = useState('')
  const outboxPath = `${base(ws)}/messages${query({ [kind === 'canvas' ? 'canvas_id' : 'campaign_id']: id, status, cursor: pager.cursor })}`
  const outbox = useLoad(async () => await api<{ messages: OutboxMessage[], next_cursor?: string }>('GET', outboxPath), [outboxPath], 3000)
  const send = useAction()
  const [result, setResult] = useState<unknown>(undefined)
  const sendNow = (): void => {
    void send.run(async () => {
      if (kind === 'canvas') {
        // Canvases start through Braze's own endpoint; the dashboard uses a key that may call it.
        const key = await findRestKey(ws, 'canvas.trigger.send')
        if (key === undefined) throw new Error('Create a REST API key with canvas.trigger.send to start this Canvas')
        setResult(await api('POST', '/canvas/trigger/send', { restKey: key, body: { canvas_id: id, broadcast: true } }))
      } else {
        setResult(await api('POST', `${base(ws)}/campaigns/${enc(id)}/send`, { body: {} }))
      }
      pager.reset()
      outbox.reload()
    })
  }
  return (
    <section>
      <p class='crumbs'><a href={href('w', ws, 'campaigns')}>Campaigns &amp; Canvases</a> /</p>
      <h1>{item.data?.name ?? id}</h1>
      <ErrorText error={item.error} />
      {item.data !== undefined && (
        <div class='card'>
          <dl class='facts'>
            <dt>Target segment</dt><dd>{item.data.segment_id === undefined || item.data.segment_id === null ? '—' : <a href={href('w', ws, 'segments', item.data.segment_id)}>{item.data.segment_id}</a>}</dd>
            <dt>Status</dt><dd>{item.data.status ?? '—'}</dd>
            <dt>Send to</dt><dd>{item.data.send_to ?? '—'}</dd>
          </dl>
          <p><button type='button' disabled={send.busy} onClick={sendNow}>{kind === 'canvas' ? 'Trigger now (broadcast)' : 'Send now'}</button></p>
          <ErrorText error={send.error} />
          {result !== undefined && <div class='notice' role='status'>Sent: <code>{JSON.stringify(result)}</code></div>}
          <details><summary>Definition</summary><Json value={item.data} /></details>
        </div>
      )}
      {kind === 'canvas' && <CanvasSteps ws={ws} id={id} refresh={outbox.data?.messages.length} />}
      {kind !== 'canvas' && item.data !== undefined && <VariantSplit ws={ws} campaign={item.data} refresh={outbox.data?.messages.length} />}
      <h2>Outbox</h2>
      <label class='field' style='max-width:14rem'><span>Status</span>
        <select value={status} onChange={(e) => { pager.reset(); setStatus(e.currentTarget.value) }}>
          <option value=''>All</option><option value='delivered'>Delivered</option><option value='skipped'>Skipped</option>
        </select>
      </label>
      <ErrorText error={outbox.error} />
      {outbox.data?.messages.length === 0 && <Empty>Nothing sent yet.</Empty>}
      {(outbox.data?.messages.length ?? 0) > 0 && (
        <table class='feed' data-testid='outbox'>
          <thead><tr><th scope='col'>Time</th><th scope='col'>User</th><th scope='col'>Channel</th><th scope='col'>Status</th><th scope='col'>Subject / body</th></tr></thead>
          <tbody>{outbox.data!.messages.map((m) => (
            <tr key={m.id} data-status={m.status}>
              <td>{fmtTime(m.time)}</td>
              <td>{m.external_id ?? <code>{m.braze_id}</code>}</td>
              <td>{m.channel}</td>
              <td><span class={`badge ${m.status}`}>{m.status}</span>{m.reason !== undefined && <> <small>{m.reason}</small></>}</td>
              <td>{m.subject !== undefined && <strong>{m.subject}</strong>}{m.body !== undefined && <div class='muted'>{stripTags(m.body).slice(0, 160)}</div>}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <Pager pager={pager} nextCursor={outbox.data?.next_cursor} />
    </section>
  )
}

/** The Canvas's steps in order, each with where it leads, how many users wait at it now and what it delivered. */
function CanvasSteps ({ ws, id, refresh }: { ws: string, id: string, refresh: unknown }) {
  const progress = useLoad(async () => await api<{ steps: StepProgress[] }>('GET', `${base(ws)}/canvases/${enc(id)}/progress`), [ws, id, refresh], 3000)
  const names = new Map((progress.data?.steps ?? []).map((s) => [s.id, s.name]))
  return (
    <>
      <h2>Steps</h2>
      <ErrorText error={progress.error} />
      {progress.data?.steps.length === 0 && <Empty>This Canvas has no steps.</Empty>}
      <ol class='canvas-steps' data-testid='canvas-steps'>
        {(progress.data?.steps ?? []).map((s) => (
          <li key={s.id} class={`canvas-step ${s.type}`} data-step={s.id} data-waiting={s.waiting}>
            <strong>{s.name}</strong> <span class='badge'>{s.type.replace('_', ' ')}</span>
            <div class='muted'>
              {s.waiting > 0 ? <span data-testid='waiting'>{s.waiting} waiting{s.next_due_at !== null && <> until {fmtTime(s.next_due_at)}</>}</span> : <span>0 waiting</span>}
              {' · '}{s.users} reached ({s.delivered} messages)
            </div>
            <div class='muted'>→ {s.next.map((n) => (n.next === null ? 'exit' : `${s.next.length > 1 ? `${n.name}: ` : ''}${names.get(n.next) ?? n.next}`)).join(', ')}</div>
          </li>
        ))}
      </ol>
    </>
  )
}

/** The campaign's A/B split: each variant's share and users reached, and the control group (from /campaigns/details). */
function VariantSplit ({ ws, campaign, refresh }: { ws: string, campaign: Sendable, refresh: unknown }) {
  const split = (campaign.messages ?? []).some((m) => typeof m.percent === 'number') || typeof campaign.control_percent === 'number'
  const details = useLoad(async () => {
    if (!split) return undefined
    const key = await findRestKey(ws, 'campaigns.details')
    if (key === undefined) return undefined
    return await api<{ variants?: VariantRow[] }>('GET', `/campaigns/details${query({ campaign_id: campaign.id })}`, { restKey: key, quiet: true })
  }, [ws, campaign.id, split, refresh])
  if (!split) return null
  const rows: VariantRow[] = details.data?.variants ?? [
    ...(campaign.messages ?? []).map((m) => ({ variation_api_id: m.id ?? null, variation_name: m.name ?? m.id ?? '', channel: m.channel, percent: Number(m.percent ?? 0), unique_recipients: 0 })),
    { variation_api_id: null, variation_name: 'Control Group', channel: null, percent: campaign.control_percent ?? 0, unique_recipients: 0 }
  ]
  return (
    <>
      <h2>Variant split</h2>
      <table class='feed' data-testid='variant-split'>
        <thead><tr><th scope='col'>Variant</th><th scope='col'>Channel</th><th scope='col'>Share</th><th scope='col'>Users</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr key={r.variation_api_id ?? 'control'} data-variant={r.variation_api_id ?? 'control'}>
            <td>{r.variation_name}</td><td>{r.channel ?? '—'}</td>
            <td><span class='bar' style={`display:inline-block;height:.6rem;width:${r.percent}px;background:currentColor;opacity:.5`} /> {r.percent} %</td>
            <td>{r.unique_recipients}</td>
          </tr>
        ))}</tbody>
      </table>
    </>
  )
}

function stripTags (html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()
}
