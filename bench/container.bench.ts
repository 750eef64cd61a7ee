/**
 * The container image's start and stop (issue 20; goals: start to first answer < 2 s, SIGTERM to
 * exit < 5 s). On an image built already (test/container/image.test.ts builds localhost/fake-braze:test;
 * FAKE_BRAZE_TEST_IMAGE names another): `podman run -d` (or docker) of a throwaway fake, timed until
 * GET /health answers 200, from the engine's command and from the container's StartedAt (what Node
 * itself takes); then `stop -t 5` timed until it returns, and its exit code (137 would mean killed).
 */
import { ENGINE, IMAGE, engine, engineOk, freePort, waitHealthy } from '../test/container/engine.js'
import { median } from './lib/stats.js'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
if (ENGINE === undefined || engine(['image', 'inspect', IMAGE]).status !== 0) {
  console.log(`## Container image\n\nSkipped: no ${ENGINE ?? 'podman or docker'} image ${IMAGE} (run test/container/image.test.ts first).\n`)
  process.exit(0)
}
const run: number[] = []
const node: number[] = []
const stop: number[] = []
const codes = new Set<string>()
for (let i = 0; i < ROUNDS; i++) {
  const port = await freePort()
  const name = `fake-braze-bench-${process.pid}-${i}`
  const t0 = Date.now()
  engineOk(['run', '-d', '--name', name, '--network', 'host', '-e', `FAKE_BRAZE_PORT=${port}`, '-e', 'FAKE_BRAZE_DB=:memory:', '-e', 'FAKE_BRAZE_INSECURE_CONTROL_PLANE=true', IMAGE])
  await waitHealthy(`http://127.0.0.1:${port}`)
  const answered = Date.now()
  run.push(answered - t0)
  const nanos = engine(['inspect', '--format', '{{.State.StartedAt.UnixNano}}', name]) // podman
  const startedAt = nanos.status === 0 ? Number(nanos.stdout.trim()) / 1e6 : Date.parse(engineOk(['inspect', '--format', '{{.State.StartedAt}}', name])) // docker: RFC 3339
  if (Number.isFinite(startedAt)) node.push(answered - startedAt)
  const t1 = Date.now()
  engineOk(['stop', '-t', '5', name], { timeoutMs: 30_000 })
  stop.push(Date.now() - t1)
  codes.add(engineOk(['inspect', '--format', '{{.State.ExitCode}}', name]))
  engine(['rm', '-f', '-v', name])
}
const ms = (xs: number[]): string => xs.length === 0 ? 'n/a' : `${Math.round(median(xs))} ms`
console.log([
  '## Container image',
  '',
  `${ENGINE}, image ${IMAGE}, ${ROUNDS} rounds, medians.`,
  '',
  '| | median | goal |',
  '|---|---|---|',
  `| \`${ENGINE} run -d\` to the first /health answer | ${ms(run)} | |`,
  `| container started (StartedAt) to the first /health answer | ${ms(node)} | < 2 s |`,
  `| \`${ENGINE} stop\` (SIGTERM) until it returns | ${ms(stop)} | < 5 s |`,
  `| exit codes after SIGTERM | ${[...codes].join(', ')} | 0 |`,
  ''
].join('\n'))
if (median(node) >= 2000 || median(stop) >= 5000 || [...codes].some((c) => c !== '0')) process.exitCode = 1
