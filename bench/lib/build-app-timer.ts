/**
 * Prints the median time of `buildApp` + migrations on :memory: to ready, over 30 builds after
 * 5 warm-ups, in a process of its own: measured inside the benchmark process, the load
 * generator's heap and garbage collections add several milliseconds that are not buildApp's.
 */
import { buildApp } from '../../src/app.js'
import { testConfig } from '../../src/config.js'
import { median } from './stats.js'

const times: number[] = []
for (let i = 0; i < 35; i++) {
  const t0 = performance.now()
  const app = await buildApp(testConfig())
  await app.ready()
  times.push(performance.now() - t0)
  await app.close()
}
process.stdout.write(`${median(times.slice(5))}\n`)
