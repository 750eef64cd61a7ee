// Builds the dashboard (dashboard/src, Preact + uPlot) into dist/dashboard/: one minified ES
// module, one stylesheet and index.html, with nothing fetched from a CDN (it works offline).
// `npm run build` runs it; src/plugins/dashboard.ts serves the result at /dashboard.
import { copyFileSync, mkdirSync, statSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'

const out = 'dist/dashboard'
mkdirSync(out, { recursive: true })
await build({
  entryPoints: { app: 'dashboard/src/main.tsx' },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: 'dashboard/tsconfig.json',
  legalComments: 'none',
  logLevel: 'warning'
})
copyFileSync('dashboard/index.html', `${out}/index.html`)
const gz = (f) => gzipSync(readFileSync(`${out}/${f}`)).length
if (process.argv.includes('--size')) {
  for (const f of ['app.js', 'app.css']) console.log(`${f}: ${statSync(`${out}/${f}`).size} bytes, ${gz(f)} gzipped`)
}
