/**
 * `fake-braze wait`: exits 0 once a fake-braze server answers GET /health, or 1 after a timeout.
 * The URL comes from --url or from the file `serve --ready-file` writes once ready.
 */
import { readFile } from 'node:fs/promises'
import { CliError } from './errors.js'

export interface WaitOptions {
  url?: string
  readyFile?: string
  timeoutMs: number
  intervalMs?: number
}

async function healthy (url: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })
    await res.body?.cancel()
    return res.status === 200 ? undefined : `GET ${url}/health answered ${res.status}`
  } catch (err) {
    const cause = (err as { cause?: { code?: string, message?: string } }).cause
    return cause?.code ?? cause?.message ?? (err as Error).message
  }
}

/** Resolves to the ready URL; throws CliError after the timeout. */
export async function waitForFakeBraze (options: WaitOptions): Promise<string> {
  const deadline = Date.now() + options.timeoutMs
  let last = 'not tried'
  for (;;) {
    let url = options.url
    if (url === undefined && options.readyFile !== undefined) {
      url = (await readFile(options.readyFile, 'utf8').catch(() => '')).trim() || undefined
      if (url === undefined) last = `${options.readyFile} not written yet`
    }
    if (url !== undefined) {
      url = url.replace(/\/$/, '')
      const problem = await healthy(url)
      if (problem === undefined) return url
      last = problem
    }
    if (Date.now() >= deadline) {
      throw new CliError(`${url ?? options.readyFile ?? 'fake-braze'} not ready after ${options.timeoutMs / 1000} s (${last})`)
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100))
  }
}
