/**
 * The request journal as a live tail: every Braze call with its status, Braze's message, what it
 * did (effects) and the fault it hit. Polls GET /_fake/requests?order=desc each second for the newest page.
 */
import { useEffect, useRef, useState } from 'preact/hooks'
import { api, query } from '../api.js'
import { Empty, ErrorText, Field, Json, fmtTime, messageOf } from '../ui.js'
import { describeEffects, type JournalEntry } from './journal-entry.js'

const KEEP = 500
/** entries fetched per refresh */
const TAIL = 100
const POLL_MS = 1000

export function JournalPage ({ ws }: { ws?: string }) {
  const [entries, setEntries] = useState<JournalEntry[]>([])
  const [error, setError] = useState<string | undefined>(undefined)
  const [paused, setPaused] = useState(false)
  const [pathFilter, setPathFilter] = useState('')
  const [open, setOpen] = useState<string | undefined>(undefined)
  const maxSeen = useRef(0)
  const [skipped, setSkipped] = useState(0)
  const pausedRef = useRef(paused)
  pausedRef.current = paused

  useEffect(() => {
    let live = true
    maxSeen.current = 0
    setEntries([])
    setSkipped(0)
    // Newest first, a bounded page a second: the page always shows the latest requests, however
    // many arrive, and the server's cost stays flat (BENCHMARKS.md, "Journal tail").
    const tick = async (first: boolean): Promise<void> => {
      if (pausedRef.current && !first) return
      try {
        const page = await api<{ requests: JournalEntry[] }>('GET', `/_fake/requests${query({ workspace_id: ws, order: 'desc', limit: TAIL })}`, { quiet: !first })
        if (!live) return
        const fresh = page.requests.filter((e) => Number(e.id) > maxSeen.current)
        if (fresh.length > 0) {
          // A full page of only new entries means more arrived than one page holds.
          if (maxSeen.current > 0 && fresh.length === TAIL) setSkipped((n) => n + 1)
          maxSeen.current = Number(fresh[0]!.id)
          setEntries((prev) => [...fresh, ...prev].slice(0, KEEP))
        }
        setError(undefined)
      } catch (err) {
        setError(messageOf(err))
      }
    }
    void tick(true)
    const timer = setInterval(() => { if (document.visibilityState === 'visible') void tick(false) }, POLL_MS)
    return () => { live = false; clearInterval(timer) }
  }, [ws])

  const shown = pathFilter === '' ? entries : entries.filter((e) => e.path.includes(pathFilter) || (e.route ?? '').includes(pathFilter))
  return (
    <section>
      <h1>Request journal {ws !== undefined && <small>· {ws}</small>}</h1>
      <p class='lede'>Live: the newest Braze calls first, refreshed every second{paused ? ' (paused)' : ''}.</p>
      <div class='row'>
        <Field label='Filter by path'><input type='search' value={pathFilter} onInput={(e) => setPathFilter(e.currentTarget.value)} placeholder='/partners/hightouch/cohorts/users' /></Field>
        <button type='button' class='ghost' aria-pressed={paused} onClick={() => setPaused(!paused)}>{paused ? 'Resume' : 'Pause'}</button>
        <button type='button' class='danger' onClick={() => {
          if (!confirm('Clear the journal?')) return
          void api('DELETE', `/_fake/requests${query({ workspace_id: ws })}`).then(() => setEntries([]), (err: unknown) => setError(messageOf(err)))
        }}>Clear</button>
      </div>
      <ErrorText error={error} />
      {skipped > 0 && <p class='muted' role='status'>Requests are arriving faster than {TAIL} a second: {skipped} refresh{skipped === 1 ? '' : 'es'} showed only the newest {TAIL}. Pause, or query <code>/_fake/requests</code> with filters, to see them all.</p>}
      {shown.length === 0 && <Empty>No requests yet.</Empty>}
      {shown.length > 0 && (
        <table class='feed' data-testid='journal'>
          <thead><tr><th scope='col'>Time</th><th scope='col'>Call</th><th scope='col'>Status</th><th scope='col'>Workspace</th><th scope='col'>Effects</th><th scope='col'>Fault</th></tr></thead>
          <tbody>
            {shown.map((e) => [
              <tr key={e.id}>
                <td>{fmtTime(e.time)}</td>
                <td><button type='button' class='small ghost' aria-expanded={open === e.id} onClick={() => setOpen(open === e.id ? undefined : e.id)}>{e.method}</button> <code>{e.path}</code></td>
                <td><span class={`status s${String(e.status)[0]}`}>{e.status}</span> <small>{e.message ?? ''}</small></td>
                <td>{e.workspace_id ?? '—'}</td>
                <td>{describeEffects(e.effects)}</td>
                <td>{e.fault === undefined ? '' : <code>{JSON.stringify(e.fault.action)}</code>}</td>
              </tr>,
              open === e.id && (
                <tr key={`${e.id}-detail`}><td colSpan={6}>
                  <div class='row'>
                    <div style='flex:1'><strong>Effects</strong><Json value={e.effects} /></div>
                    <div style='flex:1'><strong>Request body</strong> <small>(secrets masked)</small><Json value={e.request_body} /></div>
                  </div>
                  <small>{e.route ?? ''} · cluster {e.cluster ?? '—'} · {e.duration_ms} ms · partner {e.partner ?? '—'}</small>
                </td></tr>
              )
            ])}
          </tbody>
        </table>
      )}
    </section>
  )
}
