/** Settings → APIs and Identifiers: REST API keys with their permissions (fixed when a key is created). */
import { useState } from 'preact/hooks'
import { REST_PERMISSIONS } from '../../../src/domain/shared/rest-permissions.js'
import { api, enc } from '../api.js'
import { Empty, ErrorText, Field, Secret, fmtTime, useAction, useLoad } from '../ui.js'

export interface RestApiKey { key: string, name: string, permissions: string[], created_at: string, revoked_at?: string }

export function restKeysPath (ws: string): string {
  return `/_fake/workspaces/${enc(ws)}/rest-api-keys`
}

/** The first live key of a workspace holding `permission`, for the pages that read through Braze's REST API. */
export async function findRestKey (ws: string, permission: string): Promise<string | undefined> {
  const { rest_api_keys: keys } = await api<{ rest_api_keys: RestApiKey[] }>('GET', `${restKeysPath(ws)}?reveal=true`, { quiet: true })
  return keys.find((k) => k.revoked_at === undefined && k.permissions.includes(permission))?.key
}

export function RestKeysPage ({ ws }: { ws: string }) {
  const path = restKeysPath(ws)
  const [reveal, setReveal] = useState(false)
  const keys = useLoad(async () => await api<{ rest_api_keys: RestApiKey[] }>('GET', `${path}${reveal ? '?reveal=true' : ''}`), [path, reveal])
  const action = useAction()
  const [name, setName] = useState('')
  const [perms, setPerms] = useState<string[]>([...REST_PERMISSIONS])
  const create = async (e: Event): Promise<void> => {
    e.preventDefault()
    const body: Record<string, unknown> = { permissions: perms }
    if (name.trim() !== '') body.name = name.trim()
    if (await action.run(async () => { await api('POST', path, { body }) })) { setName(''); keys.reload() }
  }
  return (
    <section>
      <h1>REST API Keys</h1>
      <p class='lede'>Keys for Braze's REST API (<code>Authorization: Bearer …</code>). A call without the endpoint's permission gets 403 <q>Access Denied</q>.</p>
      <form class='card' onSubmit={(e) => { void create(e) }} aria-labelledby='new-key'>
        <h2 id='new-key'>Create new API key</h2>
        <Field label='Identifier'><input value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder='Hightouch sync' /></Field>
        <fieldset class='perms'>
          <legend>Permissions <button type='button' class='small ghost' onClick={() => setPerms(perms.length === REST_PERMISSIONS.length ? [] : [...REST_PERMISSIONS])}>{perms.length === REST_PERMISSIONS.length ? 'None' : 'All'}</button></legend>
          {REST_PERMISSIONS.map((p) => (
            <label key={p} class='check'>
              <input type='checkbox' checked={perms.includes(p)} onChange={(e) => setPerms(e.currentTarget.checked ? [...perms, p] : perms.filter((x) => x !== p))} />
              <code>{p}</code>
            </label>
          ))}
        </fieldset>
        <button type='submit' disabled={action.busy}>Create API key</button>
        <ErrorText error={action.error} />
      </form>
      <ErrorText error={keys.error} />
      <label class='check'><input type='checkbox' checked={reveal} onChange={(e) => setReveal(e.currentTarget.checked)} /> Show keys in full</label>
      {keys.data?.rest_api_keys.length === 0 && <Empty>No REST API keys yet.</Empty>}
      {(keys.data?.rest_api_keys.length ?? 0) > 0 && (
        <table>
          <thead><tr><th scope='col'>Identifier</th><th scope='col'>Key</th><th scope='col'>Permissions</th><th scope='col'>Created</th><th scope='col'><span class='sr-only'>Actions</span></th></tr></thead>
          <tbody>
            {keys.data!.rest_api_keys.map((k) => (
              <tr key={k.key} class={k.revoked_at !== undefined ? 'revoked' : undefined}>
                <td>{k.name}</td>
                <td><Secret value={k.key} /></td>
                <td class='perm-list'>{k.permissions.length === REST_PERMISSIONS.length ? 'all' : k.permissions.join(', ')}</td>
                <td>{fmtTime(k.created_at)}</td>
                <td>{k.revoked_at === undefined
                  ? <button type='button' class='small danger' disabled={action.busy} onClick={() => { void action.run(async () => { await api('DELETE', `${path}/${enc(k.key)}`); keys.reload() }) }}>Revoke</button>
                  : <span class='badge invalidated'>revoked {fmtTime(k.revoked_at)}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
