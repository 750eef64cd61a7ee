// Bundles the CLI (dist/cli.js, built by tsc) into one minified ES module, dist/bundle/cli.mjs:
// loading and compiling one file instead of a few hundred cuts process start by ~35% (see
// BENCHMARKS.md). Only native better-sqlite3 stays external; Swagger UI's static files are found
// through its installed package (src/plugins/swagger.ts). For readable stack traces while working
// on the fake itself, run the sources with `npm run dev`.
import { build } from 'esbuild'

await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/bundle/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  external: ['better-sqlite3'],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __fakeBrazeCreateRequire } from 'node:module'; const require = __fakeBrazeCreateRequire(import.meta.url);" },
  logLevel: 'warning'
})
