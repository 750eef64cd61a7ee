/**
 * Cold start per test file: a fresh `node` process that imports fake-braze, calls startFakeBraze()
 * and gets one answer, against the same sequence with a bare Fastify app, run alternately (side by
 * side) so machine load hits both alike. Timed from spawn until the answer line arrives (process
 * start, module loading, migrations, listen, one request); close() is not counted. Goal: ≤ 1.5×.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { median } from './lib/stats.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15)
if (!existsSync(`${ROOT}dist/bundle/index.mjs`)) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })

function once (script: string): Promise<number> {
  const { NODE_OPTIONS: _, ...env } = process.env
  const t0 = performance.now()
  const child = spawn(process.execPath, [fileURLToPath(new URL(`./lib/${script}`, import.meta.url))], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      if (out.includes('answered 2')) resolve(performance.now() - t0)
    })
    child.on('exit', (code) => { if (!out.includes('answered 2')) reject(new Error(`${script} exited ${code}: ${out}`)) })
  })
}

await once('cold-fake.mjs') // warm the OS page cache for both
await once('cold-bare.mjs')
const fake: number[] = []
const bare: number[] = []
for (let i = 0; i < ROUNDS; i++) {
  fake.push(await once('cold-fake.mjs'))
  bare.push(await once('cold-bare.mjs'))
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
  `| \`import { startFakeBraze } from 'fake-braze'\`, \`startFakeBraze()\`, one \`POST /_fake/workspaces\` | **${fmt(f)} ms** | |`,
  `| bare Fastify: import, \`listen({ port: 0 })\`, one request | ${fmt(b)} ms | |`,
  `| ratio | **${ratio.toFixed(2)}×** | ≤ 1.5× |`,
  ''
].join('\n') + '\n')
if (ratio > 1.5) process.exitCode = 1
