/**
 * Shared benchmark plumbing: run a server as its own process (so the load generator never shares
 * its event loop), drive it with autocannon from this process, and report percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export { median } from './stats.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port')))
    })
  })
}

/** Polls GET /health every `pollMs` until it answers 2xx. */
export async function waitForHealth (url: string, timeoutMs = 20000, pollMs = 20): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    try {
      const res = await fetch(`${url}/health`)
      if (res.ok) return
    } catch {}
    if (Date.now() > until) throw new Error(`${url} did not become healthy`)
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}

/** Starts a script (TypeScript through tsx) as a child process with args; resolves when /health answers. */
export async function startProcess (script: string, args: string[], url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  await waitForHealth(url)
  return child
}

export async function stopProcess (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM') })
}

export interface LoadResult {
  requestsPerSec: number
  p50: number
  p99: number
  non2xx: number
  errors: number
  total: number
}

/** POSTs bodies from `nextBody()` at `url` for `seconds` over `connections` connections. */
export async function load (url: string, opts: { seconds: number, connections: number, nextBody: () => string, warmupSeconds?: number }): Promise<LoadResult> {
  const run = async (duration: number): Promise<autocannon.Result> => await new Promise((resolve, reject) => {
    autocannon({
      url,
      connections: opts.connections,
      duration,
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: autocannon.Request) => ({ ...req, body: opts.nextBody() })
      }]
    }, (err, result) => err !== null && err !== undefined ? reject(err) : resolve(result))
  })
  if ((opts.warmupSeconds ?? 0) > 0) await run(opts.warmupSeconds!)
  const r = await run(opts.seconds)
  return {
    requestsPerSec: r.requests.total / opts.seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    total: r.requests.total
  }
}

/**
 * CPU seconds (user + system, all threads) a process has used so far, from /proc. Per request or
 * object it is the measure of cost that holds up on a loaded machine, where rates do not.
 */
export function processCpuSeconds (pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100 // utime, stime in clock ticks (USER_HZ = 100)
  } catch { return Number.NaN }
}

export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
