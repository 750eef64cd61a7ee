/**
 * Runs one of the package's CommonJS bundles through V8's code cache, for the two entries that
 * esbuild builds with this file inlined: the library's (src/library-entry.cts → dist/cjs/index.js,
 * which the ES module entry requires too) and the CLI's (src/cli-entry.cts → dist/cjs/cli.js). A test
 * file's process starts cold, and compiling the ~1.5 MB bundle was a quarter of its start: with the
 * cache an import + startFakeBraze() + first answer took ~390 ms instead of ~510 (BENCHMARKS.md,
 * issue 19); `fake-braze serve` likewise. Node 22's module.enableCompileCache() does this for a whole
 * process; this does it for these files, and on Node 20 as well, without touching how the rest of
 * the user's process loads.
 *
 * The cache lives in node_modules/.cache/fake-braze/ (the folder babel-loader, eslint and others
 * use), one file per Node version, architecture, installed copy, bundle and bundle build. A process that
 * found no cache, or one V8 refused (other V8 flags), writes it when it exits, by way of a temporary
 * file and a rename so parallel test files never read half a file, and removes this copy's caches
 * of earlier builds.
 * V8 checks every cache against its version, flags and the source before using it. Any failure
 * (read-only install, no node_modules) means no cache, and so does a test runner's sandbox (below).
 */
import crypto = require('node:crypto')
import fs = require('node:fs')
import nodeModule = require('node:module')
import path = require('node:path')
import util = require('node:util')
import vm = require('node:vm')

const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = fs
const { dirname, join, sep } = path

/** `NODE_DEBUG=fake-braze` prints what became of the cache (the package test reads it). */
const debug = util.debuglog('fake-braze')

/** node_modules/.cache/fake-braze of the project that installed the package, or of this checkout. */
function cacheDir (bundle: string): string | undefined {
  const at = bundle.indexOf(`${sep}node_modules${sep}`)
  if (at >= 0) return join(bundle.slice(0, at), 'node_modules', '.cache', 'fake-braze')
  const own = join(dirname(bundle), '..', '..', 'node_modules')
  return existsSync(own) ? join(own, '.cache', 'fake-braze') : undefined
}

/** This Node and this bundle of this copy of the package: two installed copies (nested versions) never remove each other's cache. */
function cachePrefix (bundle: string): string {
  return `${process.version}-${process.arch}-${crypto.createHash('sha1').update(bundle).digest('hex').slice(0, 8)}-`
}

function cacheFile (bundle: string): string | undefined {
  try {
    const dir = cacheDir(bundle)
    if (dir === undefined) return undefined
    const { size, mtimeMs } = statSync(bundle)
    return join(dir, `${cachePrefix(bundle)}${size}-${Math.trunc(mtimeMs)}.bin`)
  } catch {
    return undefined
  }
}

function readCache (file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** Written at exit, so the cache also holds the functions compiled while the fake ran. */
function writeCacheAtExit (script: vm.Script, file: string, bundle: string): void {
  process.once('exit', () => {
    try {
      mkdirSync(dirname(file), { recursive: true })
      const partial = `${file}.${process.pid}.tmp`
      writeFileSync(partial, script.createCachedData())
      renameSync(partial, file)
      debug('code cache written: %s', file)
      // this copy's caches of earlier builds for this Node: a rebuilt or updated package would leave them behind
      const mine = cachePrefix(bundle)
      for (const name of readdirSync(dirname(file))) if (name.startsWith(mine) && name.endsWith('.bin') && join(dirname(file), name) !== file) rmSync(join(dirname(file), name), { force: true })
    } catch (err) {
      debug('code cache not written: %s', (err as Error).message) // the next process compiles the bundle again
    }
  })
}

function load (bundle: string): unknown {
  const file = cacheFile(bundle)
  const cachedData = readCache(file)
  const source = readFileSync(bundle, 'utf8')
  // the wrapper on a line of its own, so stack traces keep the bundle's line and column numbers
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename: bundle, lineOffset: -1, cachedData })
  debug('code cache %s: %s', cachedData === undefined ? 'absent' : script.cachedDataRejected === true ? 'rejected' : 'used', file ?? 'no cache folder')
  if (file !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) writeCacheAtExit(script, file, bundle)
  const run = script.runInThisContext() as (exports: object, require: NodeRequire, module: { exports: unknown }, filename: string, dirname: string) => void
  const loaded = { exports: {} }
  run(loaded.exports, nodeModule.createRequire(bundle), loaded, bundle, dirname(bundle))
  return loaded.exports
}

/**
 * Jest and other runners that give each test file a vm context of its own run modules inside it, and
 * vm.Script would run the bundle in Node's main context instead: the fake's errors and answers
 * would then come from another realm (`err instanceof Error` false in the test). There the bundle
 * is required like any other module, through the runner's own require, without the cache.
 */
function loadBundle (bundle: string, entry: NodeJS.Module): unknown {
  if (new vm.Script('globalThis').runInThisContext() === globalThis) return load(bundle)
  debug('code cache skipped: loaded inside a vm context of its own (a test runner\'s sandbox)')
  return entry.require(bundle)
}

export = loadBundle
