/** The control token, for a server started with --control-token (every /_fake call then needs it). */
import { useState } from 'preact/hooks'
import { controlToken, setControlToken } from '../api.js'
import { useStore } from '../store.js'

export function TokenBar () {
  const token = useStore(controlToken)
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(token)
  if (!editing) {
    return <button type='button' class='small ghost' onClick={() => { setDraft(token); setEditing(true) }}>{token === '' ? 'Set control token' : 'Control token set'}</button>
  }
  return (
    <form class='inline' onSubmit={(e) => { e.preventDefault(); setControlToken(draft.trim()); setEditing(false); location.reload() }}>
      <label class='sr-only' for='control-token'>Control token</label>
      <input id='control-token' type='password' value={draft} placeholder='--control-token value' onInput={(e) => setDraft(e.currentTarget.value)} />
      <button type='submit' class='small'>Save</button>
      <button type='button' class='small ghost' onClick={() => setEditing(false)}>Cancel</button>
    </form>
  )
}
