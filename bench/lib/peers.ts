/**
 * The peers the fake is measured against, installed on demand into the git-ignored `.peers/`
 * folder (so `npm ci` stays lean): WireMock (the `wiremock` npm package ships the standalone jar;
 * it needs Java 17, e.g. Debian's openjdk-17-jre-headless) and Prism (`@stoplight/prism-cli`).
 * Both come from the npm registry, Java from Debian; a peer that cannot be installed or started
 * is reported as not run, with the reason, and the other targets are measured anyway.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './load.js'

export const PEERS_DIR = join(ROOT, '.peers')
const VERSIONS = { wiremock: '3.13.2', '@stoplight/prism-cli': '5.16.0' }

/** Each peer's entry point, or why it cannot run on this machine (the benchmark says so instead of failing). */
export interface Peers {
  wiremockJar: string | { unavailable: string }
  prism: string | { unavailable: string }
}

export function ensurePeers (): Peers {
  const jarDir = join(PEERS_DIR, 'node_modules/wiremock/build')
  const prism = join(PEERS_DIR, 'node_modules/.bin/prism')
  let installFailed: string | undefined
  if (!existsSync(jarDir) || !existsSync(prism)) {
    mkdirSync(PEERS_DIR, { recursive: true })
    writeFileSync(join(PEERS_DIR, 'package.json'), JSON.stringify({ name: 'fake-braze-bench-peers', private: true }))
    process.stderr.write(`installing benchmark peers into ${PEERS_DIR} …\n`)
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', ...Object.entries(VERSIONS).map(([n, v]) => `${n}@${v}`)], { cwd: PEERS_DIR, stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) installFailed = `npm install of ${Object.entries(VERSIONS).map(([n, v]) => `${n}@${v}`).join(' and ')} failed (${r.error?.message ?? `exit ${r.status}`})`
  }
  return { wiremockJar: wiremockJar(jarDir, installFailed), prism: existsSync(prism) ? prism : { unavailable: installFailed ?? `no ${prism}` } }
}

function wiremockJar (jarDir: string, installFailed: string | undefined): Peers['wiremockJar'] {
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' })
  if (java.error !== undefined || java.status !== 0) return { unavailable: 'no Java runtime (`java -version` failed; Debian: apt-get install openjdk-17-jre-headless)' }
  const jar = existsSync(jarDir) ? readdirSync(jarDir).find((f) => /^wiremock-standalone-.*\.jar$/.test(f)) : undefined
  return jar === undefined ? { unavailable: installFailed ?? `no wiremock-standalone jar in ${jarDir}` } : join(jarDir, jar)
}

/** Polls `probe` until it resolves true; fails at once if `child` exits or cannot be spawned. */
export async function waitUntil (probe: () => Promise<boolean>, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs
  let spawnError: Error | undefined
  child.once('error', (err) => { spawnError = err })
  for (;;) {
    if (spawnError !== undefined) throw new Error(`could not start: ${spawnError.message}`)
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it answered`)
    try { if (await probe()) return } catch {}
    if (Date.now() > until) throw new Error('peer did not come up')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** WireMock answering the partner endpoint with a canned 201, request journal off, not verbose. */
export function startWiremock (jar: string, port: number, rootDir: string): ChildProcess {
  mkdirSync(join(rootDir, 'mappings'), { recursive: true })
  mkdirSync(join(rootDir, '__files'), { recursive: true })
  writeFileSync(join(rootDir, 'mappings/cohort-users.json'), JSON.stringify({
    request: { method: 'POST', urlPath: '/partners/hightouch/cohorts/users' },
    response: { status: 201, headers: { 'Content-Type': 'application/json' }, body: '{"message":"success"}' }
  }))
  return spawn('java', ['-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', rootDir, '--no-request-journal'],
    { stdio: ['ignore', 'ignore', 'inherit'] })
}

/** Prism mocking fake-braze's own OpenAPI document (request validation on), logging at error level. */
export function startPrism (prism: string, port: number): ChildProcess {
  return spawn(prism, ['mock', join(ROOT, 'openapi/openapi.json'), '-p', String(port), '-h', '127.0.0.1', '--verboseLevel', 'error'],
    { stdio: ['ignore', 'ignore', 'inherit'] })
}
