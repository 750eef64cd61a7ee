// Bundles the CLI (dist/cli.js, built by tsc) into one ES module, dist/bundle/cli.mjs: loading one
// file instead of a few hundred cuts process start by ~35% (see BENCHMARKS.md). Native
// better-sqlite3 and @fastify/swagger-ui (which serves its own static files) stay external.
import { build } from 'esbuild'

await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/bundle/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', '@fastify/swagger-ui'],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __fakeBrazeCreateRequire } from 'node:module'; const require = __fakeBrazeCreateRequire(import.meta.url);" },
  logLevel: 'warning'
})
