/**
 * Route modules share their surface's Fastify context (src/routes/shared/add-routes.ts: no
 * `app.register` per module, which cost a quarter of buildApp), and the surfaces share one context
 * for Braze's API and one for the control plane (src/app.ts). That is only sound while modules and
 * surfaces declare routes and nothing else: a hook, decorator, error handler or schema added in
 * one would silently apply to every route of its side. This test fails naming the file that does.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROUTES = fileURLToPath(new URL('../../src/routes/', import.meta.url))
/** Fastify calls whose effect is scoped to the context they run in. */
const CONTEXT_WIDE = /\.(addHook|decorate\w*|register|addSchema|addContentTypeParser|removeContentTypeParser|removeAllContentTypeParsers|set(?:ErrorHandler|NotFoundHandler|ValidatorCompiler|SerializerCompiler|SchemaErrorFormatter|ReplySerializer|SchemaController|ChildLoggerFactory|GenReqId))\s*[<(]/

function routeModules (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'shared' ? [] : routeModules(path)
    return e.name.endsWith('.ts') ? [path] : []
  })
}

test('route modules and surfaces only declare routes, so they can share a context', () => {
  const modules = routeModules(ROUTES)
  assert.ok(modules.length > 40, `only ${modules.length} route modules found`)
  const offenders = modules.flatMap((path) => {
    const match = CONTEXT_WIDE.exec(readFileSync(path, 'utf8'))
    return match === null ? [] : [`${relative(ROUTES, path)}: ${match[0]}`]
  })
  assert.deepEqual(offenders, [])
})

test('surfaces add their route modules with addRoutes, not one plugin each', () => {
  const indexes = readdirSync(ROUTES, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('index.ts')).map((p) => join(ROUTES, p))
  assert.ok(indexes.length > 10)
  const registering = indexes.filter((path) => /app\.register\(/.test(readFileSync(path, 'utf8'))).map((p) => relative(ROUTES, p))
  assert.deepEqual(registering, [])
})
