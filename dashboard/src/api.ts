/**
 * The dashboard's only way to the server: documented /_fake and Braze endpoints, nothing private.
 * Every call is recorded with its curl equivalent, so whatever a developer clicks a test can replay.
 */
import { store } from './store.js'

export interface CallRecord {
  id: number
  method: string
  path: string
  status: number | null
  curl: string
  time: string
}

export class ApiError extends Error {
  constructor (readonly status: number, message: string) { super(message) }
}

const MAX_CALLS = 50
let nextId = 1
export const calls = store<CallRecord[]>([])
/** The control-plane token (`--control-token`), when the server requires one; kept for this tab only. */
export const controlToken = store<string>(sessionStorage.getItem('fake-braze-token') ?? '')

export function setControlToken (token: string): void {
  controlToken.value = token
  sessionStorage.setItem('fake-braze-token', token)
}

function shellQuote (s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

/** The curl command for a call, with secrets shown as shell variables rather than their values. */
export function curlFor (method: string, path: string, body: unknown, bearer: 'control' | 'rest' | undefined): string {
  const parts = ['curl -s']
  if (method !== 'GET') parts.push(`-X ${method}`)
  parts.push(shellQuote(`${location.origin}${path}`))
  if (bearer === 'rest') parts.push(`-H "Authorization: Bearer $REST_API_KEY"`)
  if (bearer === 'control' && controlToken.value !== '') parts.push(`-H "Authorization: Bearer $FAKE_BRAZE_CONTROL_TOKEN"`)
  if (body !== undefined) {
    parts.push(`-H 'content-type: application/json'`)
    parts.push(`-d ${shellQuote(JSON.stringify(body))}`)
  }
  return parts.join(' ')
}

interface RequestOptions {
  body?: unknown
  /** A REST API key for Braze endpoints; control-plane calls send the control token instead. */
  restKey?: string
  /** Background polls are not added to the call log (they would drown the clicks). */
  quiet?: boolean
}

export async function api<T> (method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {}
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const bearer = options.restKey !== undefined ? 'rest' : path.startsWith('/_fake') ? 'control' : undefined
  if (options.restKey !== undefined) headers.authorization = `Bearer ${options.restKey}`
  else if (bearer === 'control' && controlToken.value !== '') headers.authorization = `Bearer ${controlToken.value}`
  const record: CallRecord | undefined = options.quiet === true
    ? undefined
    : { id: nextId++, method, path, status: null, curl: curlFor(method, path, options.body, bearer), time: new Date().toLocaleTimeString() }
  if (record !== undefined) calls.value = [record, ...calls.value].slice(0, MAX_CALLS)
  let res: Response
  try {
    res = await fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) })
  } catch (err) {
    settle(record, 0)
    throw new ApiError(0, `The server did not answer (${(err as Error).message})`)
  }
  settle(record, res.status)
  const text = await res.text()
  let json: unknown
  try { json = text === '' ? undefined : JSON.parse(text) } catch { json = undefined }
  if (!res.ok) {
    const message = (json as { message?: unknown } | undefined)?.message
    throw new ApiError(res.status, typeof message === 'string' ? message : `${res.status} ${res.statusText}`)
  }
  return json as T
}

function settle (record: CallRecord | undefined, status: number): void {
  if (record === undefined) return
  calls.value = calls.value.map((c) => (c.id === record.id ? { ...c, status } : c))
}

export const enc = encodeURIComponent

/** `?a=1&b=2` from the defined entries of an object ('' when none). */
export function query (params: Record<string, string | number | undefined>): string {
  const q = Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
  return q.length === 0 ? '' : `?${q.join('&')}`
}
