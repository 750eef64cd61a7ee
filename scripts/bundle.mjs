// Bundles the package's JavaScript with esbuild (tsc only writes declarations, into dist/):
// - dist/cjs/fake-braze.js: the whole library as one CommonJS file, and dist/cjs/index.js, the entry
//   that runs it through V8's code cache (src/library-entry.cts, src/bundle-loader.cts). Loading and
//   compiling one file instead of a few hundred cut a cold start by about half, the code cache by a
//   quarter of the rest (BENCHMARKS.md). require('fake-braze') gets every export synchronously;
//   dist/cjs/ also holds the declarations, typed as CommonJS.
// - dist/bundle/index.mjs: the ES module entry, which requires dist/cjs/index.js and re-exports its
//   names, so `import` and `require` share one copy of the fake and one code cache.
// - dist/cjs/fake-braze-cli.js: the CLI as one CommonJS file, and dist/cjs/cli.js, the `fake-braze`
//   bin, which runs it through the same code cache (src/cli-entry.cts). Swagger UI's plugin is
//   evaluated only when docs are on (esbuild defers a module that is only import()ed).
// Only native better-sqlite3 stays external. Swagger UI's static files are found through its
// installed package (src/plugins/swagger.ts), migrations through ../../migrations.
// For readable stack traces while working on the fake itself, run the sources with `npm run dev`.
import { build } from 'esbuild'
import { chmodSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, sep } from 'node:path'

// zod's namespace object re-exports all of its ~50 locales (about 250 kB once minified, a fifth of
// what a cold start parses beyond a bare Fastify app); the fake only ever speaks English (its
// errors are Braze's, see src/plugins/validator.ts), so its bundles carry the English one only.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup (b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${sep}node_modules${sep}zod${sep}`)) return undefined
      return { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english-only' }
    })
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: "export { default as en } from './en.js'",
      resolveDir: dirname(args.path),
      loader: 'js'
    }))
  }
}

// Fastify requires ajv and fast-json-stringify only to build its default compilers, and only when
// the server options name none; buildApp names its zod compilers (src/app.ts ZOD_COMPILERS), so
// the two packages (~500 kB unminified, parsed by every cold start) are left out: a stub that
// throws stands in, should anything ever ask for them.
const fastifyDefaultCompilersLeftOut = {
  name: 'fastify-default-compilers-left-out',
  setup (b) {
    b.onResolve({ filter: /^@fastify\/(ajv-compiler|fast-json-stringify-compiler)$/ }, (args) => {
      if (!args.importer.includes(`${sep}node_modules${sep}fastify${sep}lib${sep}schema-controller.js`)) return undefined
      return { path: args.path, namespace: 'fastify-default-compilers-left-out' }
    })
    b.onLoad({ filter: /.*/, namespace: 'fastify-default-compilers-left-out' }, (args) => ({
      contents: `module.exports = function () { throw new Error(${JSON.stringify(`${args.path} is left out of fake-braze's bundle: pass schemaController.compilersFactory (src/app.ts)`)}) }`,
      loader: 'js'
    }))
  }
}

const common = {
  plugins: [zodEnglishOnly, fastifyDefaultCompilersLeftOut],
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  external: ['better-sqlite3'],
  logLevel: 'warning'
}

rmSync('dist/bundle', { recursive: true, force: true })
rmSync('dist/cjs', { recursive: true, force: true })

// The two bundles the entries run. The loader compiles a bundle with vm.Script, which has no loader
// for import() (esbuild turns the bundled dynamic imports into requires) and takes no hashbang line.
for (const [entry, outfile] of [['src/index.ts', 'dist/cjs/fake-braze.js'], ['src/cli.ts', 'dist/cjs/fake-braze-cli.js']]) {
  const { metafile } = await build({
    ...common,
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    metafile: true,
    define: { 'import.meta.url': '__fakeBrazeImportMetaUrl' },
    banner: { js: "const __fakeBrazeImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" }
  })
  const dynamicImports = Object.values(metafile.outputs).flatMap((o) => o.imports).filter((i) => i.kind === 'dynamic-import')
  if (dynamicImports.length > 0) throw new Error(`${outfile} calls import() (${dynamicImports.map((i) => i.path).join(', ')}), which src/bundle-loader.cts cannot serve`)
  if (readFileSync(outfile, 'utf8').startsWith('#!')) throw new Error(`${outfile} starts with a hashbang line (from ${entry}), which vm.Script cannot compile`)
}
await build({ ...common, entryPoints: ['src/library-entry.cts'], outfile: 'dist/cjs/index.js', format: 'cjs', minify: false })
await build({ ...common, entryPoints: ['src/cli-entry.cts'], outfile: 'dist/cjs/cli.js', format: 'cjs', minify: false })
chmodSync('dist/cjs/cli.js', 0o755)

// The ES module entry re-exports the names src/index.ts exports (read from esbuild's metafile).
const { metafile } = await build({ ...common, entryPoints: ['src/index.ts'], format: 'esm', write: false, metafile: true, outdir: 'dist/names' })
const names = Object.values(metafile.outputs).find((o) => o.entryPoint === 'src/index.ts').exports
mkdirSync('dist/bundle', { recursive: true })
writeFileSync('dist/bundle/index.mjs', [
  '// fake-braze\'s ES module entry: the CommonJS build, loaded through its code cache (scripts/bundle.mjs).',
  "import { createRequire } from 'node:module'",
  "const fakeBraze = createRequire(import.meta.url)('../cjs/index.js')",
  `export const { ${names.sort().join(', ')} } = fakeBraze`,
  ''
].join('\n'))

// CommonJS declarations: the ESM ones, in a folder whose package.json says "commonjs".
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n')
function copyDeclarations (from, to) {
  for (const name of readdirSync(from)) {
    const source = join(from, name)
    if (statSync(source).isDirectory()) {
      if (from === 'dist' && (name === 'bundle' || name === 'cjs')) continue
      copyDeclarations(source, join(to, name))
    } else if (name.endsWith('.d.ts')) {
      mkdirSync(to, { recursive: true })
      cpSync(source, join(to, name))
    }
  }
}
copyDeclarations('dist', 'dist/cjs')
