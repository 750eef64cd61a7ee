/**
 * Cold start per test file: a fresh `node` process that imports fake-braze, calls startFakeBraze()
 * and gets one answer, against the same sequence with a bare Fastify app, run alternately (side by
 * side) so machine load hits both alike. Timed from spawn until the answer line arrives (process
 * start, module loading, migrations, listen, one request); close() is not counted. Goal: ≤ 1.5×.
 * The package compiles its bundle through V8's code cache (src/bundle-loader.cts), which the first
 * process of an install writes: the goal is judged on the runs that find it (every test file after
 * the first), and a third sequence, with the cache folder removed before each run, shows the first.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { median } from './lib/stats.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
if (!existsSync(`${ROOT}dist/bundle/index.mjs`)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })

/** Milliseconds from spawn to the answer line; resolves once the process has exited (and so written its code cache). */
function once (script: string): Promise<number> {
  const { NODE_OPTIONS: _, ...env } = process.env
  const t0 = performance.now()
  const child = spawn(process.execPath, [fileURLToPath(new URL(`./lib/${script}`, import.meta.url))], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    let answered = 0
    child.stdout.on('data', (c) => {
      out += c
      if (answered === 0 && out.includes('answered 2')) answered = performance.now() - t0
    })
    child.on('exit', (code) => { if (answered === 0) reject(new Error(`${script} exited ${code}: ${out}`)); else resolve(answered) })
  })
}

const CODE_CACHE = `${ROOT}node_modules/.cache/fake-braze`
await once('cold-fake.mjs') // warm the OS page cache for both, and write the code cache
await once('cold-bare.mjs')
const fake: number[] = []
const bare: number[] = []
const first: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  fake.push(await once('cold-fake.mjs'))
  bare.push(await once('cold-bare.mjs'))
  rmSync(CODE_CACHE, { recursive: true, force: true })
  first.push(await once('cold-fake.mjs')) // it writes the cache again as it exits
}
const f = median(fake)
const b = median(bare)
const ratio = f / b
const fmt = (n: number): string => n.toFixed(0)
process.stdout.write([
  '## Cold start per test file',
  '',
  `Fresh process → import → start → first answer, median of ${ROUNDS} alternating runs each (close not counted).`,
  '',
  '| Sequence | Median | Goal |',
  '|---|---|---|',
  `| \`import { startFakeBraze } from 'fake-braze'\`, \`startFakeBraze()\`, one \`POST /_fake/workspaces\` (code cache present: every test file after the first) | **${fmt(f)} ms** | |`,
  `| bare Fastify: import, \`listen({ port: 0 })\`, one request | ${fmt(b)} ms | |`,
  `| ratio | **${ratio.toFixed(2)}×** | ≤ 1.5× |`,
  `| the fake's sequence with no code cache yet (the first test file after an install), and its ratio | ${fmt(median(first))} ms | ${(median(first) / b).toFixed(2)}× |`,
  ''
].join('\n') + '\n')
if (ratio > 1.5) process.exitCode = 1
