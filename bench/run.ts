/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process, one after another (so one
 * benchmark's memory and page cache do not skew the next), and collects the markdown each prints
 * into .bench/results.md. BENCHMARKS.md quotes those figures. `npm run bench -- cohort` runs
 * only the files whose name contains "cohort".
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const filter = process.argv[2]
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (filter === undefined || f.includes(filter))).sort()
const out: string[] = [
  `# Benchmark results (${new Date().toISOString()})`,
  '',
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  ''
]
// Benchmarks that start the server as users run it need the built CLI of this checkout.
process.stderr.write('=== npm run build\n')
if (spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) throw new Error('npm run build failed')
let failed = false
for (const f of files) {
  process.stderr.write(`\n=== ${f}\n`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${f}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 })
  process.stdout.write(r.stdout)
  out.push(r.stdout.trim(), '')
  if (r.status !== 0) { failed = true; out.push(`**${f} failed (exit ${r.status})**`, '') }
}
mkdirSync(fileURLToPath(new URL('../.bench/', import.meta.url)), { recursive: true })
writeFileSync(fileURLToPath(new URL('../.bench/results.md', import.meta.url)), out.join('\n'))
process.stderr.write('\nwrote .bench/results.md\n')
process.exitCode = failed ? 1 : 0
