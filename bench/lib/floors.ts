/**
 * The floors benchmarks' two measures (bench/floors.bench.ts, bench/floors-seeding.bench.ts): CPU per
 * unit of a server and of this process under autocannon, and CPU per unit of synchronous work.
 */
import autocannon from 'autocannon'
import { processCpuSeconds } from './load.js'

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)

export interface HttpFloor { perSecond: number, serverUs: number, generatorUs: number }

/** autocannon from this process against `url`; CPU per unit of the server (by pid) and of this process. */
export async function httpFloor (url: string, pid: number, connections: number, nextBody: () => string, unitsPerRequest: number): Promise<HttpFloor> {
  const run = async (duration: number): Promise<autocannon.Result> => await autocannon({
    url, method: 'POST', connections, duration, headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: nextBody() }) }]
  })
  await run(3)
  const server0 = processCpuSeconds(pid)
  const self0 = process.cpuUsage()
  const r = await run(SECONDS)
  const self = process.cpuUsage(self0)
  const units = r['2xx'] * unitsPerRequest
  if (r.non2xx + r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`)
  return {
    perSecond: units / r.duration,
    serverUs: (processCpuSeconds(pid) - server0) * 1e6 / units,
    generatorUs: (self.user + self.system) / units
  }
}

/** CPU µs of `work` (synchronous) per unit. */
export function cpuPer (units: number, work: () => void): number {
  const t0 = process.cpuUsage()
  work()
  const t = process.cpuUsage(t0)
  return (t.user + t.system) / units
}
