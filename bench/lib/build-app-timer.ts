/**
 * Prints the median time of `buildApp` + migrations on :memory: to ready, over 30 builds after
 * 5 warm-ups, in a process of its own: measured inside the benchmark process, the load
 * generator's heap and garbage collections add several milliseconds that are not buildApp's.
 *
 * With `bare`, the same for a bare Fastify app given the fake's route table (every method and URL,
 * HEAD routes included as Fastify adds them, read from one buildApp before the clock starts) with
 * no-op handlers and no schema, hook, plugin or database: Fastify's own cost for these routes, the
 * floor of any buildApp that serves them.
 */
import Fastify, { type FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { testConfig } from '../../src/config.js'
import { median } from './stats.js'

/** The app's routes, from its printRoutes() tree (Fastify has no other public route list). */
async function routeTable (): Promise<Array<{ method: string, url: string }>> {
  const app = await buildApp(testConfig())
  await app.ready()
  const paths: string[] = []
  const routes: Array<{ method: string, url: string }> = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line)
    if (m === null) continue
    const depth = [...m[1]!].length / 4
    paths.length = depth
    paths[depth] = (paths[depth - 1] ?? '') + m[2]!
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD') routes.push({ method, url: paths[depth] })
  }
  await app.close()
  if (routes.length < 100) throw new Error(`read only ${routes.length} routes from printRoutes()`)
  return routes
}

const bare = process.argv[2] === 'bare'
const routes = bare ? await routeTable() : []
const times: number[] = []
function bareApp (): FastifyInstance {
  const app = Fastify()
  for (const r of routes) app.route({ method: r.method as 'GET', url: r.url, handler: async () => ({}) })
  return app
}
for (let i = 0; i < 35; i++) {
  const t0 = performance.now()
  const app = bare ? bareApp() : await buildApp(testConfig())
  await app.ready()
  times.push(performance.now() - t0)
  await app.close()
}
process.stdout.write(`${median(times.slice(5))}${bare ? ` ${routes.length}` : ''}\n`)
