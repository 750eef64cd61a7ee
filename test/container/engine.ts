/**
 * What the container tests need from the machine: podman (or docker) that can build and run
 * containers, and the base image the Containerfile starts from. When either is missing the tests
 * are skipped with `skipReason` saying why and how to get it (DEVELOPERS.md, "Containers").
 * Real network only on 127.0.0.1: containers run with --network host on a free port.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const DEFAULT_BASE_IMAGE = /^ARG BASE_IMAGE=(\S+)$/m.exec(readFileSync(`${ROOT}Containerfile`, 'utf8'))![1]!
/** The base to build on: FAKE_BRAZE_BASE_IMAGE (e.g. one made by scripts/build-base-image.sh), else the Containerfile's default. */
export const BASE_IMAGE = process.env.FAKE_BRAZE_BASE_IMAGE ?? DEFAULT_BASE_IMAGE
export const IMAGE = process.env.FAKE_BRAZE_TEST_IMAGE ?? 'localhost/fake-braze:test'
export const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string }).version

function which (name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0
}

export const ENGINE = process.env.CONTAINER_ENGINE ?? (which('podman') ? 'podman' : which('docker') ? 'docker' : undefined)

export function engine (args: string[], options: { timeoutMs?: number, input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(ENGINE!, args, { cwd: ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, input: options.input, maxBuffer: 64 * 2 ** 20 })
}

/** engine(args), failing with its stderr unless it exits 0 */
export function engineOk (args: string[], options: { timeoutMs?: number } = {}): string {
  const r = engine(args, options)
  if (r.status !== 0) throw new Error(`${ENGINE} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || String(r.error)).slice(-3000)}`)
  return r.stdout.trim()
}

function findSkipReason (): string | undefined {
  if (ENGINE === undefined) return 'neither podman nor docker is installed (DEVELOPERS.md, "Containers")'
  const info = engine(['info'], { timeoutMs: 30_000 })
  if (info.status !== 0) return `${ENGINE} info failed, so containers cannot run here: ${(info.stderr || String(info.error)).trim().split('\n').pop()}`
  if (engine(['image', 'inspect', BASE_IMAGE]).status === 0) return undefined
  const pulled = engine(['pull', '-q', BASE_IMAGE], { timeoutMs: 120_000 })
  if (pulled.status === 0) return undefined
  return `base image ${BASE_IMAGE} is not here and cannot be pulled (no image registry?): ` +
    'run `bash scripts/build-base-image.sh localhost/fake-braze-base:22` and set FAKE_BRAZE_BASE_IMAGE=localhost/fake-braze-base:22'
}

let cachedSkip: { reason: string | undefined } | undefined
export function skipReason (): string | undefined {
  cachedSkip ??= { reason: findSkipReason() }
  return cachedSkip.reason
}

/** Builds the image (layers cached by the engine between runs); returns its id. */
export function buildImage (): string {
  // podman writes OCI images by default, and OCI has no HEALTHCHECK: --format docker keeps it
  engineOk(['build', ...(ENGINE === 'podman' ? ['--format', 'docker'] : []), '--network', 'host', '--build-arg', `BASE_IMAGE=${BASE_IMAGE}`, '--build-arg', `VERSION=${VERSION}`, '-f', 'Containerfile', '-t', IMAGE, '.'], { timeoutMs: 30 * 60_000 })
  return engineOk(['image', 'inspect', '--format', '{{.Id}}', IMAGE])
}

export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

/** Milliseconds until GET url/health answers 200; throws after timeoutMs. */
export async function waitHealthy (url: string, timeoutMs = 30_000): Promise<number> {
  const start = Date.now()
  for (;;) {
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })
      await res.body?.cancel()
      if (res.status === 200) return Date.now() - start
    } catch {}
    if (Date.now() - start > timeoutMs) throw new Error(`${url}/health did not answer within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
