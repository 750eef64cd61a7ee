import type { FastifyInstance } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'

/**
 * Adds a surface's route modules to the surface's own Fastify context instead of registering each
 * as a plugin. `app.register(module)` gives every module an encapsulated context of its own (hooks,
 * Request and Reply classes, schema controller, avvio and plugin-name bookkeeping): for the ~50
 * route modules that was about a quarter of `buildApp`'s CPU (BENCHMARKS.md, issue 19). Route
 * modules only declare routes (no hook, decorator or handler of their own:
 * test/architecture/route-modules.test.ts), so sharing the surface's context changes nothing for them.
 */
export async function addRoutes (app: FastifyInstance, ...modules: FastifyPluginAsyncZod[]): Promise<void> {
  for (const routes of modules) await routes(app as Parameters<FastifyPluginAsyncZod>[0], {})
}
