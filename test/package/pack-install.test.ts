/**
 * The package as a consumer installs it: `npm pack`, then `npm install <tarball>` into a scratch
 * project, then an ESM test, a CommonJS test, the bin, and TypeScript checks (nodenext and commonjs)
 * against the installed copy. Dependencies come from npm's cache when it has them (--prefer-offline);
 * better-sqlite3's native build is copied from this checkout instead of compiled again (same Node).
 */
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const { NODE_TEST_CONTEXT: _, NODE_OPTIONS: __, ...ENV } = process.env
const scratch = mkdtempSync(join(tmpdir(), 'fake-braze-consumer-'))
let tarball: string
let files: string[]
let installWarnings: string

const USE = `
  const braze = await startFakeBraze()
  const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
  await braze.control.seedUsers(ws.id, [{ external_id: 'u1' }])
  const res = await fetch(ws.rest_endpoint + '/partners/hightouch/cohorts/users', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partner_api_key: ws.partner_api_keys.hightouch.current, client_secret: ws.data_import_keys.hightouch, cohort_id: 'c', cohort_changes: [{ user_ids: ['u1'] }] }) })
  const members = await braze.control.members(ws.id, 'hightouch', 'c')
  let missing
  try { await createControlClient(braze.url).getWorkspace('nope') } catch (err) { missing = err instanceof ControlPlaneError ? err.status : 'wrong error' }
  await braze.close()
  console.log(JSON.stringify({ status: res.status, members: members.map((m) => m.external_id), missing }))
`

before(() => {
  if (!existsSync(join(ROOT, 'dist/bundle/index.mjs'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', env: ENV })
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], { cwd: ROOT, env: ENV, encoding: 'utf8' })) as Array<{ filename: string, files: Array<{ path: string }> }>
  tarball = join(scratch, packed[0]!.filename)
  files = packed[0]!.files.map((f) => f.path)
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0', allowScripts: { 'better-sqlite3': true } }))
  const install = spawnSync('npm', ['install', tarball, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: scratch, env: ENV, encoding: 'utf8' })
  assert.equal(install.status, 0, install.stderr)
  installWarnings = install.stderr
  cpSync(join(ROOT, 'node_modules/better-sqlite3/build'), join(scratch, 'node_modules/better-sqlite3/build'), { recursive: true })
})

/** Runs node in the scratch project; the JSON line it printed last, and its stderr. */
function runWithStderr (args: string[], env: NodeJS.ProcessEnv = ENV): { answer: Record<string, unknown>, stderr: string } {
  const r = spawnSync(process.execPath, args, { cwd: scratch, env, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  return { answer: JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>, stderr: r.stderr }
}

function run (args: string[]): Record<string, unknown> {
  return runWithStderr(args).answer
}

test('the tarball holds only what users need: bundles, declarations, migrations, schemas, docs, examples', () => {
  for (const f of files) {
    assert.match(f, /^(dist\/|migrations\/|openapi\/|examples\/|README\.md$|COVERAGE\.md$|package\.json$)/, f)
    assert.doesNotMatch(f, /\.map$|node_modules|\.vite|results\.json|^test\/|^src\/|^bench\//, f)
  }
  for (const needed of ['dist/bundle/index.mjs', 'dist/cjs/cli.js', 'dist/cjs/fake-braze-cli.js', 'dist/cjs/fake-braze.js', 'dist/dashboard/app.js', 'dist/dashboard/index.html', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/index.d.ts', 'migrations/meta/_journal.json', 'openapi/seed.schema.json', 'openapi/example-responses.json']) {
    assert.ok(files.includes(needed), needed)
  }
})

test(`a consumer's npm install prints no EBADENGINE on a supported Node (${process.version}; engines ${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node})`, () => {
  // cookie@2 and content-disposition@3 want Node 22: package.json pins light-my-request and
  // @fastify/static to the last releases that use cookie@1 and content-disposition@2 (DEVELOPERS.md)
  assert.doesNotMatch(installWarnings, /EBADENGINE/, installWarnings)
})

test('installed from the tarball: an ESM test runs a fake', () => {
  writeFileSync(join(scratch, 'esm.mjs'), `import { startFakeBraze, createControlClient, ControlPlaneError } from 'fake-braze'\n${USE}`)
  assert.deepEqual(run(['esm.mjs']), { status: 201, members: ['u1'], missing: 404 })
})

test('installed from the tarball: a CommonJS test runs a fake, with every export available synchronously', () => {
  writeFileSync(join(scratch, 'cjs.cjs'), `const { startFakeBraze, createControlClient, ControlPlaneError } = require('fake-braze');\n(async () => {${USE}})().catch((e) => { console.error(e); process.exit(1) })`)
  assert.deepEqual(run(['cjs.cjs']), { status: 201, members: ['u1'], missing: 404 })
})

/** Runs a script with NODE_DEBUG=fake-braze: its answer, and what the loader says of its code cache. */
function runTellingCache (script: string): { answer: Record<string, unknown>, cache: string[] } {
  const { answer, stderr } = runWithStderr([script], { ...ENV, NODE_DEBUG: 'fake-braze' })
  return { answer, cache: [...stderr.matchAll(/code cache (\w+(?: written)?)/g)].map((m) => m[1]!) }
}

test('installed from the tarball: the first process writes a code cache in node_modules/.cache/fake-braze, later ones use it, a damaged one is replaced', () => {
  const folder = join(scratch, 'node_modules/.cache/fake-braze')
  rmSync(folder, { recursive: true, force: true })
  writeFileSync(join(scratch, 'cache.mjs'), `import { startFakeBraze, createControlClient, ControlPlaneError } from 'fake-braze'\n${USE}`)
  writeFileSync(join(scratch, 'cache.cjs'), `const { startFakeBraze, createControlClient, ControlPlaneError } = require('fake-braze');\n(async () => {${USE}})().catch((e) => { console.error(e); process.exit(1) })`)
  const expected = { status: 201, members: ['u1'], missing: 404 }

  const first = runTellingCache('cache.mjs')
  assert.deepEqual(first, { answer: expected, cache: ['absent', 'written'] })
  const [file, ...others] = readdirSync(folder)
  assert.equal(others.length, 0, readdirSync(folder).join(', '))
  assert.match(file!, new RegExp(`^${process.version.replaceAll('.', '\\.')}-${process.arch}-[0-9a-f]{8}-\\d+-\\d+\\.bin$`))
  assert.ok(statSync(join(folder, file!)).size > 100_000)

  // both entries load the same bundle, so the ES module's cache serves require() too
  assert.deepEqual(runTellingCache('cache.cjs'), { answer: expected, cache: ['used'] })
  assert.deepEqual(runTellingCache('cache.mjs'), { answer: expected, cache: ['used'] })

  writeFileSync(join(folder, file!), 'not a code cache')
  assert.deepEqual(runTellingCache('cache.cjs'), { answer: expected, cache: ['rejected', 'written'] })
  assert.ok(statSync(join(folder, file!)).size > 100_000)
  assert.deepEqual(runTellingCache('cache.mjs'), { answer: expected, cache: ['used'] })
})

/**
 * What Jest does to a test file, in a few lines: a vm context of its own with Node's globals copied
 * in (as jest-environment-node does), and CommonJS modules compiled inside it. The fake's objects
 * and errors must come from that context's realm, not Node's main one.
 */
const SANDBOX = `
  const vm = require('node:vm')
  const { dirname } = require('node:path')
  const { readFileSync } = require('node:fs')
  const context = vm.createContext({})
  const inner = vm.runInContext('globalThis', context) // its own Object, Error, Array…; Node's globals copied in
  for (const key of Object.getOwnPropertyNames(globalThis)) {
    if (!(key in inner)) Object.defineProperty(inner, key, Object.getOwnPropertyDescriptor(globalThis, key))
  }
  const cache = new Map()
  function sandboxRequire (file) {
    if (cache.has(file)) return cache.get(file).exports
    const module = { exports: {}, filename: file }
    cache.set(file, module)
    const localRequire = (id) => id.startsWith('.') || id.startsWith('/') ? sandboxRequire(require.resolve(id, { paths: [dirname(file)] })) : require(id)
    module.require = localRequire
    const run = new vm.Script('(function (exports, require, module, __filename, __dirname) {' + readFileSync(file, 'utf8') + '\\n})', { filename: file }).runInContext(context)
    run(module.exports, localRequire, module, file, dirname(file))
    return module.exports
  }
  const { startFakeBraze, createControlClient } = sandboxRequire(require.resolve('fake-braze'))
  const realmOf = vm.runInContext('(e, o) => ({ error: e instanceof Error, object: o instanceof Object })', context)
  ;(async () => {
    const braze = await startFakeBraze()
    const ws = await braze.control.createWorkspace({ partners: ['hightouch'] })
    let err
    try { await createControlClient(braze.url).getWorkspace('nope') } catch (e) { err = e }
    await braze.close()
    console.log(JSON.stringify({ workspace: typeof ws.id, status: err.status, sandboxRealm: realmOf(err, braze) }))
  })().catch((e) => { console.error(e); process.exit(1) })
`

test('installed from the tarball: inside a test runner\'s vm context (as Jest runs a test file) the fake\'s objects and errors belong to that context', () => {
  writeFileSync(join(scratch, 'sandbox.cjs'), SANDBOX)
  const { answer, cache } = runTellingCache('sandbox.cjs')
  assert.deepEqual(answer, { workspace: 'string', status: 404, sandboxRealm: { error: true, object: true } })
  assert.deepEqual(cache, ['skipped'])
})

/** The recorded example answer the document shows for creating a workspace (openapi/example-responses.json). */
const DOCS = `
  const braze = await startFakeBraze({ docs: true })
  const doc = await (await fetch(braze.url + '/docs/json')).json()
  await braze.close()
  console.log(JSON.stringify({ workspace: doc.paths['/_fake/workspaces'].post.responses['201'].content['application/json'].example.id }))
`

test('installed from the tarball: the ESM and CommonJS builds serve /docs with the recorded example answers', () => {
  writeFileSync(join(scratch, 'docs.mjs'), `import { startFakeBraze } from 'fake-braze'\n${DOCS}`)
  assert.deepEqual(run(['docs.mjs']), { workspace: 'acme' })
  writeFileSync(join(scratch, 'docs.cjs'), `const { startFakeBraze } = require('fake-braze');\n(async () => {${DOCS}})().catch((e) => { console.error(e); process.exit(1) })`)
  assert.deepEqual(run(['docs.cjs']), { workspace: 'acme' })
})

/** Runs the installed bin with --help and NODE_DEBUG=fake-braze: what the loader says of the CLI's code cache. */
function binTellingCache (): string[] {
  const r = spawnSync(join(scratch, 'node_modules/.bin/fake-braze'), ['--help'], { cwd: scratch, env: { ...ENV, NODE_DEBUG: 'fake-braze' }, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /fake-braze wait/)
  return [...r.stderr.matchAll(/code cache (\w+(?: written)?)/g)].map((m) => m[1]!)
}

test('installed from the tarball: the fake-braze bin answers --help, through a code cache of its own beside the library\'s', () => {
  const folder = join(scratch, 'node_modules/.cache/fake-braze')
  rmSync(folder, { recursive: true, force: true })
  assert.deepEqual(binTellingCache(), ['absent', 'written'])
  assert.deepEqual(binTellingCache(), ['used'])
  const [cli, ...others] = readdirSync(folder)
  assert.equal(others.length, 0, readdirSync(folder).join(', '))
  writeFileSync(join(scratch, 'beside.cjs'), `const { startFakeBraze, createControlClient, ControlPlaneError } = require('fake-braze');\n(async () => {${USE}})().catch((e) => { console.error(e); process.exit(1) })`)
  assert.deepEqual(runTellingCache('beside.cjs').cache, ['absent', 'written'])
  assert.equal(readdirSync(folder).length, 2, 'the library keeps its own file')
  assert.deepEqual(binTellingCache(), ['used'], `${cli} is still the CLI's`)
})

const TYPED = `
  const braze: FakeBraze = await startFakeBraze({ docs: false })
  const ws: ProvisionedWorkspace = await braze.control.createWorkspace({ partners: ['hightouch'], cluster: 'fra-01' })
  const client: ControlClient = createControlClient(braze.url)
  const cohorts = await client.cohorts(ws.id, 'hightouch')
  const n: number = cohorts.length
  // @ts-expect-error not a partner
  await client.cohorts(ws.id, 'hubspot')
  // @ts-expect-error not a cluster
  await client.createWorkspace({ cluster: 'mars-01' })
  // @ts-expect-error not a REST API permission
  await client.createRestApiKey(ws.id, { permissions: ['users.everything'] })
  const members: Array<{ braze_id: string, external_id?: string }> = await client.segmentMembers(ws.id, 'vip')
  void members
  const e: ControlPlaneError = new ControlPlaneError(404, 'x', 'GET', '/_fake/workspaces/x')
  void n; void e
`

test('installed from the tarball: TypeScript type-checks ESM and CommonJS consumers (module nodenext and commonjs)', () => {
  const imports = 'startFakeBraze, createControlClient, ControlPlaneError, type FakeBraze, type ProvisionedWorkspace, type ControlClient'
  writeFileSync(join(scratch, 'esm-check.mts'), `import { ${imports} } from 'fake-braze'\n${TYPED}\nexport {}\n`)
  writeFileSync(join(scratch, 'cjs-check.cts'), `import { ${imports} } from 'fake-braze'\nasync function main (): Promise<void> {${TYPED}}\nvoid main()\n`)
  writeFileSync(join(scratch, 'commonjs-check.ts'), `import { ${imports} } from 'fake-braze'\nasync function main (): Promise<void> {${TYPED}}\nvoid main()\n`)
  const base = { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2022', lib: ['ES2023', 'DOM'], types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] }
  writeFileSync(join(scratch, 'tsconfig.nodenext.json'), JSON.stringify({ compilerOptions: { ...base, module: 'nodenext', moduleResolution: 'nodenext' }, files: ['esm-check.mts', 'cjs-check.cts'] }))
  writeFileSync(join(scratch, 'tsconfig.commonjs.json'), JSON.stringify({ compilerOptions: { ...base, module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true }, files: ['commonjs-check.ts'] }))
  for (const config of ['tsconfig.nodenext.json', 'tsconfig.commonjs.json']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: scratch, env: ENV, encoding: 'utf8' })
    assert.equal(r.status, 0, `${config}: ${r.stdout}${r.stderr}`)
  }
  assert.ok(readdirSync(scratch).includes('esm-check.mts'))
})
