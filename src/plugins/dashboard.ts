/**
 * The dashboard at /dashboard: static files built by `npm run build` (scripts/build-dashboard.mjs)
 * into dist/dashboard/, read once at start and served from memory. The page is only a client of
 * the documented /_fake and Braze endpoints; this plugin serves files and nothing else.
 * dist/dashboard sits two levels above this module from src/plugins, dist/plugins and the CLI
 * bundle in dist/bundle alike (the same trick as db/migrate.ts).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import { DashboardNotBuilt } from '../domain/shared/errors.js'

export const DASHBOARD_DIR = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url))

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8'
}

function load (dir: string): Map<string, Buffer> | undefined {
  try {
    return new Map(Object.keys(FILES).map((f) => [f, readFileSync(dir + f)]))
  } catch {
    return undefined
  }
}

export default fp<{ dir?: string }>(async (app, opts) => {
  const files = load(opts.dir ?? DASHBOARD_DIR)
  const send = (file: string) => async (_request: unknown, reply: import('fastify').FastifyReply) => {
    const body = files?.get(file)
    if (body === undefined) throw new DashboardNotBuilt()
    // The page may change with every build; the assets are small, so revalidate each time.
    return await reply.type(FILES[file]!).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body)
  }
  app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) => await reply.redirect('/dashboard/'))
  app.get('/dashboard/', { schema: { hide: true } }, send('index.html'))
  app.get('/dashboard/app.js', { schema: { hide: true } }, send('app.js'))
  app.get('/dashboard/app.css', { schema: { hide: true } }, send('app.css'))
}, { name: 'dashboard' })
