/** Small building blocks every page uses: data loading and polling, errors, forms, tables, paging, copy. */
import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, calls, type CallRecord } from './api.js'
import { useStore } from './store.js'

export interface Loaded<T> {
  data: T | undefined
  error: string | undefined
  loading: boolean
  reload: () => void
}

/**
 * Loads `fn` when `deps` change, and again every `pollMs` while the page is visible (the live
 * views: cohort sizes, the journal). A failed poll keeps the last good data and shows the error.
 */
export function useLoad<T> (fn: () => Promise<T>, deps: unknown[], pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((t) => t + 1), [])
  useEffect(() => {
    let live = true
    setLoading(true)
    fn().then((d) => { if (live) { setData(d); setError(undefined) } }, (err: unknown) => { if (live) setError(messageOf(err)) })
      .finally(() => { if (live) setLoading(false) })
    return () => { live = false }
  }, [...deps, tick])
  useEffect(() => {
    if (pollMs === undefined) return
    const timer = setInterval(() => { if (document.visibilityState === 'visible') reload() }, pollMs)
    return () => clearInterval(timer)
  }, [pollMs, reload])
  return { data, error, loading, reload }
}

export function messageOf (err: unknown): string {
  if (err instanceof ApiError) return err.status === 0 ? err.message : `${err.status}: ${err.message}`
  return err instanceof Error ? err.message : String(err)
}

/** Runs an action from a button or form, showing the API's own error message when it fails. */
export function useAction (): { busy: boolean, error: string | undefined, run: (fn: () => Promise<unknown>) => Promise<boolean>, clear: () => void } {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const run = useCallback(async (fn: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await fn()
      return true
    } catch (err) {
      setError(messageOf(err))
      return false
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, error, run, clear: () => setError(undefined) }
}

export function ErrorText ({ error }: { error: string | undefined }) {
  if (error === undefined) return null
  return <p class='error' role='alert'>{error}</p>
}

export function Field ({ label, children, hint }: { label: string, children: ComponentChildren, hint?: string }) {
  return (
    <label class='field'>
      <span>{label}</span>
      {children}
      {hint !== undefined && <small>{hint}</small>}
    </label>
  )
}

export function Copy ({ text, label = 'Copy' }: { text: string, label?: string }) {
  const [done, setDone] = useState(false)
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      // Clipboard access needs a secure context; select the text instead so Ctrl+C works.
      const range = document.createRange()
      const node = document.querySelector(`[data-copy="${CSS.escape(text)}"]`)
      if (node !== null) { range.selectNodeContents(node); getSelection()?.removeAllRanges(); getSelection()?.addRange(range) }
    }
    setDone(true)
    setTimeout(() => setDone(false), 1200)
  }
  return <button type='button' class='small' onClick={() => { void copy() }} aria-label={`${label}: ${text.slice(0, 40)}`}>{done ? 'Copied' : label}</button>
}

export function Secret ({ value }: { value: string }) {
  return <span class='secret'><code data-copy={value}>{value}</code> <Copy text={value} /></span>
}

export function Json ({ value }: { value: unknown }) {
  return <pre class='json'>{JSON.stringify(value, null, 2)}</pre>
}

export function Empty ({ children }: { children: ComponentChildren }) {
  return <p class='empty'>{children}</p>
}

/** Cursor paging as the control plane pages: next_cursor forward, a stack of earlier cursors back. */
export function usePager (): { cursor: string | undefined, page: number, next: (c: string) => void, prev: () => void, reset: () => void } {
  const [stack, setStack] = useState<Array<string | undefined>>([undefined])
  return {
    cursor: stack[stack.length - 1],
    page: stack.length,
    next: (c) => setStack((s) => [...s, c]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([undefined])
  }
}

export function Pager ({ pager, nextCursor }: { pager: ReturnType<typeof usePager>, nextCursor: string | undefined }) {
  return (
    <nav class='pager' aria-label='Pages'>
      <button type='button' class='small' disabled={pager.page === 1} onClick={pager.prev}>Previous</button>
      <span>Page {pager.page}</span>
      <button type='button' class='small' disabled={nextCursor === undefined} onClick={() => { if (nextCursor !== undefined) pager.next(nextCursor) }}>Next</button>
    </nav>
  )
}

/** The API calls this tab made, newest first, each as a curl command to copy into a test or a shell. */
export function CallLog () {
  const list = useStore(calls)
  const [open, setOpen] = useState(true)
  const ref = useRef<HTMLDivElement>(null)
  return (
    <aside class='calls' aria-label='API calls made by this page'>
      <header>
        <h2>API calls <small>({list.length})</small></h2>
        <button type='button' class='small' aria-expanded={open} onClick={() => setOpen(!open)}>{open ? 'Hide' : 'Show'}</button>
      </header>
      {open && (
        <div ref={ref} class='call-list'>
          {list.length === 0 && <Empty>Every action this dashboard takes is a documented API call; they appear here as curl commands.</Empty>}
          {list.map((c: CallRecord) => (
            <div class='call' key={c.id}>
              <div class='call-head'>
                <span class={`status s${String(c.status ?? 0)[0] ?? '0'}`}>{c.status ?? '…'}</span>
                <code>{c.method} {c.path}</code>
                <Copy text={c.curl} label='Copy curl' />
              </div>
              <code class='curl' data-copy={c.curl}>{c.curl}</code>
            </div>
          ))}
        </div>
      )}
    </aside>
  )
}

export function fmtTime (iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString()
}
