/** The test toolkit: fault injection, rate limits per workspace, the fake's clock and the visibility delay. */
import { useState } from 'preact/hooks'
import { api, enc } from '../api.js'
import { Empty, ErrorText, Field, Json, fmtTime, useAction, useLoad } from '../ui.js'

interface Fault { id: string, workspace_id?: string, route?: string, action: Record<string, unknown>, times?: number, remaining?: number, probability?: number, injected: number, created_at: string }
interface Clock { now: string, frozen: boolean }

export function ToolkitPage () {
  return (
    <section>
      <h1>Toolkit</h1>
      <p class='lede'>What a test can do to the fake: faults, rate limits, time.</p>
      <Faults />
      <ClockCard />
      <RateLimits />
      <FrequencyCapping />
    </section>
  )
}

function Faults () {
  const faults = useLoad(async () => await api<{ faults: Fault[] }>('GET', '/_fake/faults'), [], 3000)
  const act = useAction()
  const [route, setRoute] = useState('POST /partners/{partner}/cohorts/users')
  const [workspace, setWorkspace] = useState('')
  const [action, setAction] = useState<'status' | 'latency_ms' | 'drop_connection'>('status')
  const [status, setStatus] = useState('429')
  const [latency, setLatency] = useState('500')
  const [times, setTimes] = useState('1')
  const create = async (e: Event): Promise<void> => {
    e.preventDefault()
    const body: Record<string, unknown> = {
      action: action === 'status' ? { status: Number(status) } : action === 'latency_ms' ? { latency_ms: Number(latency) } : { drop_connection: true }
    }
    if (route.trim() !== '') body.route = route.trim()
    if (workspace.trim() !== '') body.workspace_id = workspace.trim()
    if (times.trim() !== '') body.times = Number(times)
    if (await act.run(async () => { await api('POST', '/_fake/faults', { body }) })) faults.reload()
  }
  return (
    <div class='card'>
      <h2>Faults</h2>
      <form onSubmit={(e) => { void create(e) }}>
        <div class='row'>
          <Field label='Route' hint='"METHOD /path"; empty = every Braze route'><input value={route} onInput={(e) => setRoute(e.currentTarget.value)} /></Field>
          <Field label='Workspace' hint='empty = every workspace'><input value={workspace} onInput={(e) => setWorkspace(e.currentTarget.value)} /></Field>
          <Field label='Action'><select value={action} onChange={(e) => setAction(e.currentTarget.value as typeof action)}>
            <option value='status'>Answer a status</option><option value='latency_ms'>Add latency</option><option value='drop_connection'>Drop the connection</option>
          </select></Field>
          {action === 'status' && <Field label='Status'><input type='number' min={400} max={599} value={status} onInput={(e) => setStatus(e.currentTarget.value)} /></Field>}
          {action === 'latency_ms' && <Field label='Latency (ms)'><input type='number' min={0} value={latency} onInput={(e) => setLatency(e.currentTarget.value)} /></Field>}
          <Field label='Times' hint='empty = until removed'><input type='number' min={1} value={times} onInput={(e) => setTimes(e.currentTarget.value)} /></Field>
          <button type='submit' disabled={act.busy}>Add fault</button>
        </div>
      </form>
      <ErrorText error={act.error ?? faults.error} />
      {faults.data?.faults.length === 0 && <Empty>No faults.</Empty>}
      {(faults.data?.faults.length ?? 0) > 0 && (
        <table>
          <thead><tr><th scope='col'>Route</th><th scope='col'>Workspace</th><th scope='col'>Action</th><th scope='col'>Remaining</th><th scope='col'>Injected</th><th scope='col'>Created</th><th scope='col'><span class='sr-only'>Actions</span></th></tr></thead>
          <tbody>{faults.data!.faults.map((f) => (
            <tr key={f.id}><td><code>{f.route ?? 'every route'}</code></td><td>{f.workspace_id ?? 'all'}</td><td><code>{JSON.stringify(f.action)}</code></td>
              <td>{f.remaining ?? '∞'}</td><td>{f.injected}</td><td>{fmtTime(f.created_at)}</td>
              <td><button type='button' class='small danger' onClick={() => { void act.run(async () => { await api('DELETE', `/_fake/faults/${enc(f.id)}`); faults.reload() }) }}>Remove</button></td></tr>
          ))}</tbody>
        </table>
      )}
    </div>
  )
}

function ClockCard () {
  const clock = useLoad(async () => await api<Clock>('GET', '/_fake/clock', { quiet: true }), [], 1000)
  const act = useAction()
  const [set, setSet] = useState('')
  const [advance, setAdvance] = useState('3600000')
  const command = (body: Record<string, unknown>): void => { void act.run(async () => { await api('POST', '/_fake/clock', { body }); clock.reload() }) }
  return (
    <div class='card'>
      <h2>Clock</h2>
      <p><strong data-testid='clock-now'>{clock.data === undefined ? '…' : fmtTime(clock.data.now)}</strong> {clock.data?.frozen === true && <span class='badge'>frozen</span>}</p>
      <div class='row'>
        <button type='button' class='small' onClick={() => command({ freeze: !(clock.data?.frozen ?? false) })}>{clock.data?.frozen === true ? 'Unfreeze' : 'Freeze'}</button>
        <Field label='Advance (ms)'><input type='number' value={advance} onInput={(e) => setAdvance(e.currentTarget.value)} /></Field>
        <button type='button' class='small' onClick={() => command({ advance_ms: Number(advance) })}>Advance</button>
        <Field label='Set to (ISO-8601)'><input value={set} placeholder='2030-01-01T00:00:00Z' onInput={(e) => setSet(e.currentTarget.value)} /></Field>
        <button type='button' class='small' disabled={set.trim() === ''} onClick={() => command({ set: set.trim(), freeze: true })}>Set and freeze</button>
        <button type='button' class='small ghost' onClick={() => { void act.run(async () => { await api('DELETE', '/_fake/clock'); clock.reload() }) }}>System time</button>
      </div>
      <ErrorText error={act.error ?? clock.error} />
    </div>
  )
}

function RateLimits () {
  const [ws, setWs] = useState(localStorage.getItem('fake-braze-workspace') ?? '')
  const [shown, setShown] = useState(ws)
  const limits = useLoad(async () => (shown === '' ? undefined : await api<{ enabled: boolean, pools: Record<string, { limit: number, window_s: number }> }>('GET', `/_fake/workspaces/${enc(shown)}/rate-limits`)), [shown])
  const act = useAction()
  const [overrides, setOverrides] = useState('{"POST /users/track": {"limit": 2, "window_s": 60}}')
  const put = (body: Record<string, unknown>): void => { void act.run(async () => { await api('PUT', `/_fake/workspaces/${enc(shown)}/rate-limits`, { body }); limits.reload() }) }
  return (
    <div class='card'>
      <h2>Rate limits</h2>
      <form class='row' onSubmit={(e) => { e.preventDefault(); setShown(ws.trim()) }}>
        <Field label='Workspace'><input value={ws} onInput={(e) => setWs(e.currentTarget.value)} /></Field>
        <button type='submit' class='small'>Show</button>
      </form>
      <ErrorText error={limits.error ?? act.error} />
      {limits.data !== undefined && (
        <>
          <p>Enforcement is <strong>{limits.data.enabled ? 'on' : 'off'}</strong>{' '}
            <button type='button' class='small' onClick={() => put({ enabled: !limits.data!.enabled })}>{limits.data.enabled ? 'Turn off' : 'Turn on'}</button></p>
          <Field label='Overrides (JSON)'><textarea value={overrides} onInput={(e) => setOverrides(e.currentTarget.value)} /></Field>
          <button type='button' class='small' onClick={() => {
            let parsed: unknown
            try { parsed = JSON.parse(overrides) } catch (err) { act.clear(); alert(`Not JSON: ${(err as Error).message}`); return }
            put({ overrides: parsed })
          }}>Apply overrides</button>
          <Json value={limits.data.pools} />
        </>
      )}
    </div>
  )
}

/** PUT /_fake/workspaces/{id}/frequency-capping: the workspace's rules, as JSON. */
function FrequencyCapping () {
  const [ws, setWs] = useState(localStorage.getItem('fake-braze-workspace') ?? '')
  const [shown, setShown] = useState(ws)
  const caps = useLoad(async () => (shown === '' ? undefined : await api<{ rules: Array<{ channel: string, max: number, period_s: number }> }>('GET', `/_fake/workspaces/${enc(shown)}/frequency-capping`)), [shown])
  const act = useAction()
  const [rules, setRules] = useState('[{"channel": "email", "max": 1, "period_s": 86400}]')
  return (
    <div class='card'>
      <h2>Frequency capping</h2>
      <form class='row' onSubmit={(e) => { e.preventDefault(); setShown(ws.trim()) }}>
        <Field label='Workspace'><input value={ws} onInput={(e) => setWs(e.currentTarget.value)} /></Field>
        <button type='submit' class='small'>Show</button>
      </form>
      <ErrorText error={caps.error ?? act.error} />
      {caps.data !== undefined && (
        <>
          {caps.data.rules.length === 0 ? <p>No rules: nothing is capped.</p> : (
            <ul data-testid='frequency-rules'>{caps.data.rules.map((r) => <li key={`${r.channel}/${r.period_s}`}>{r.channel}: at most {r.max} per {r.period_s} s</li>)}</ul>
          )}
          <Field label='Rules (JSON)'><textarea value={rules} onInput={(e) => setRules(e.currentTarget.value)} /></Field>
          <button type='button' class='small' onClick={() => {
            let parsed: unknown
            try { parsed = JSON.parse(rules) } catch (err) { act.clear(); alert(`Not JSON: ${(err as Error).message}`); return }
            void act.run(async () => { await api('PUT', `/_fake/workspaces/${enc(shown)}/frequency-capping`, { body: { rules: parsed } }); caps.reload() })
          }}>Apply rules</button>
        </>
      )}
    </div>
  )
}
