/**
 * The container image (Containerfile, issue 20), built and run with podman or docker: the README's
 * walkthrough over HTTP, data kept in the /data volume across containers, SIGTERM, the non-root
 * user, the healthcheck and the exposure guard. Skipped, saying why, where containers cannot run
 * (test/container/engine.ts). Containers use --network host on a free 127.0.0.1 port.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BASE_IMAGE, ENGINE, IMAGE, ROOT, VERSION, buildImage, engine, engineOk, freePort, skipReason, waitHealthy } from './engine.js'
import { assertWalkthroughKept, runWalkthrough } from './walkthrough.js'

test('the Containerfile labels the version package.json has, and defaults to the official Node 22 slim image', () => {
  const file = readFileSync(`${ROOT}Containerfile`, 'utf8')
  assert.equal(/^ARG VERSION=(\S+)$/m.exec(file)?.[1], VERSION)
  assert.match(file, /^ARG BASE_IMAGE=docker\.io\/library\/node:22-bookworm-slim$/m)
})

const skip = skipReason()
if (skip !== undefined) process.stderr.write(`# container image tests skipped: ${skip}\n`)

describe(`the container image (${ENGINE ?? 'no engine'}, base ${BASE_IMAGE})`, { skip }, () => {
  const TOKEN = randomBytes(16).toString('hex')
  const suffix = randomBytes(4).toString('hex')
  const volume = `fake-braze-test-data-${suffix}`
  const names: string[] = []
  let port: number
  let url: string

  function run (name: string, env: Record<string, string>, extra: string[] = []): void {
    names.push(name)
    engineOk(['run', '-d', '--name', name, '--network', 'host', '-v', `${volume}:/data`,
      ...Object.entries({ FAKE_BRAZE_PORT: String(port), ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]), ...extra, IMAGE])
  }
  function logs (name: string): string {
    const r = engine(['logs', name])
    return r.stdout + r.stderr
  }

  before(async () => {
    buildImage()
    port = await freePort()
    url = `http://127.0.0.1:${port}`
  })

  after(() => {
    for (const name of names) engine(['rm', '-f', '-v', '-t', '0', name])
    engine(['volume', 'rm', '-f', volume])
  })

  test('is multi-stage: small, labelled, non-root, with a healthcheck, and no shell, compiler or npm', () => {
    const inspect = JSON.parse(engineOk(['image', 'inspect', IMAGE]))[0]
    const config = inspect.Config ?? inspect.config
    assert.ok(inspect.Size <= 150 * 2 ** 20, `image is ${(inspect.Size / 2 ** 20).toFixed(1)} MiB, over 150 MiB`)
    assert.equal(config.Labels['org.opencontainers.image.version'], VERSION)
    assert.equal(config.Labels['org.opencontainers.image.licenses'], 'MIT')
    assert.match(config.Labels['org.opencontainers.image.source'], /^https:\/\//)
    assert.equal(config.User, '10001:10001')
    assert.deepEqual(config.Volumes, { '/data': {} })
    const health = JSON.parse(engineOk(['image', 'inspect', '--format', '{{json .Config.Healthcheck}}', IMAGE]))
    assert.match(health.Test.join(' '), /\/health/)
    const probe = engineOk(['run', '--rm', '--network', 'host', '--entrypoint', 'node', IMAGE, '-e',
      "console.log(JSON.stringify({ uid: process.getuid(), found: ['/bin/sh', '/usr/bin/g++', '/usr/bin/make', '/usr/bin/python3', '/usr/local/bin/npm'].filter((f) => require('fs').existsSync(f)) }))"])
    assert.deepEqual(JSON.parse(probe), { uid: 10001, found: [] })
  })

  test('refuses to listen beyond loopback without FAKE_BRAZE_CONTROL_TOKEN or FAKE_BRAZE_INSECURE_CONTROL_PLANE=true', () => {
    const r = engine(['run', '--rm', '--network', 'host', '-e', `FAKE_BRAZE_PORT=${port}`, '-e', 'FAKE_BRAZE_DB=:memory:', IMAGE])
    assert.equal(r.status, 1, r.stdout + r.stderr)
    assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0.*FAKE_BRAZE_CONTROL_TOKEN.*FAKE_BRAZE_INSECURE_CONTROL_PLANE/)
  })

  test('with FAKE_BRAZE_INSECURE_CONTROL_PLANE=true the control plane is open, and it says so', async (t) => {
    const name = `fake-braze-test-open-${suffix}`
    run(name, { FAKE_BRAZE_INSECURE_CONTROL_PLANE: 'true', FAKE_BRAZE_DB: ':memory:', NODE_DEBUG: 'fake-braze' })
    t.diagnostic(`start to first answer: ${await waitHealthy(url)} ms after \`${ENGINE} run -d\` returned`)
    const res = await fetch(`${url}/_fake/workspaces`)
    assert.equal(res.status, 200)
    await res.body?.cancel()
    assert.match(logs(name), /open to anyone who reaches it/)
    // the CLI's code cache the image build wrote (Containerfile), which the image's user could not write itself
    assert.match(logs(name), /code cache used: \/app\/node_modules\/\.cache\/fake-braze\//)
    engineOk(['rm', '-f', '-v', '-t', '0', name])
  })

  let restKey: string
  test('runs the README walkthrough with a control token, on the port FAKE_BRAZE_PORT names, into the /data volume', async (t) => {
    const name = `fake-braze-test-${suffix}`
    const started = Date.now()
    run(name, { FAKE_BRAZE_CONTROL_TOKEN: TOKEN })
    await waitHealthy(url)
    t.diagnostic(`\`${ENGINE} run\` to first answer: ${Date.now() - started} ms`)
    const denied = await fetch(`${url}/_fake/workspaces`)
    assert.equal(denied.status, 401)
    await denied.body?.cancel()
    const result = await runWalkthrough(url, { controlToken: TOKEN })
    assert.deepEqual(result.cohortMembers, ['user-1', 'user-2', 'anon-device'])
    restKey = result.restKey
    assert.match(logs(name), new RegExp(`fake-braze listening on http://127\\.0\\.0\\.1:${port}`))
  })

  test('its healthcheck (the /health route) passes, and it runs as uid 10001', () => {
    const name = `fake-braze-test-${suffix}`
    const r = engine(['healthcheck', 'run', name])
    if (ENGINE === 'podman') assert.equal(r.status, 0, r.stdout + r.stderr)
    const ids = engineOk(['exec', name, 'node', '-e', 'console.log(process.getuid(), process.getgid(), process.pid)'])
    assert.equal(ids.split(' ').slice(0, 2).join(' '), '10001 10001')
    const top = engineOk(['top', name, 'user', 'pid', 'args'])
    assert.match(top, /(10001|fakebraze)\s+1\s+tini -- node \/app\/dist\/cjs\/cli\.js serve/)
    assert.match(top, /(10001|fakebraze)\s+\d+\s+node \/app\/dist\/cjs\/cli\.js serve/)
  })

  test('SIGTERM stops PID 1 cleanly: exit code 0 well within a 5 s grace, no kill needed', (t) => {
    const name = `fake-braze-test-${suffix}`
    const started = Date.now()
    engineOk(['stop', '-t', '5', name], { timeoutMs: 30_000 })
    t.diagnostic(`\`${ENGINE} stop\` took ${Date.now() - started} ms`)
    // after 5 s the engine would SIGKILL, and the exit code would be 137
    assert.equal(engineOk(['inspect', '--format', '{{.State.ExitCode}}', name]), '0')
    assert.doesNotMatch(logs(name), /"level":(50|60)/)
  })

  test('SIGTERM during start-up ends it at once too (tini passes it on; PID 1 would ignore it until Node set a handler)', () => {
    const name = `fake-braze-test-early-${suffix}`
    run(name, { FAKE_BRAZE_INSECURE_CONTROL_PLANE: 'true', FAKE_BRAZE_DB: ':memory:' })
    engineOk(['stop', '-t', '5', name], { timeoutMs: 30_000 })
    // 0: Node's handler closed it; 143: Node had no handler yet and SIGTERM's default ended it; 137: killed after 5 s
    assert.match(engineOk(['inspect', '--format', '{{.State.ExitCode}}', name]), /^(0|143)$/)
  })

  test('a new container on the same volume finds the walkthrough\'s data', async () => {
    const name = `fake-braze-test-again-${suffix}`
    run(name, { FAKE_BRAZE_CONTROL_TOKEN: TOKEN })
    await waitHealthy(url)
    await assertWalkthroughKept(url, { controlToken: TOKEN, restKey })
    engineOk(['stop', '-t', '5', name], { timeoutMs: 30_000 })
    assert.equal(engineOk(['inspect', '--format', '{{.State.ExitCode}}', name]), '0')
  })

  test('the Node Testcontainers example (examples/testcontainers-node) passes against the image', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-braze-testcontainers-'))
    cpSync(join(ROOT, 'examples/testcontainers-node'), dir, { recursive: true, filter: (f) => !f.includes('node_modules') })
    const { NODE_TEST_CONTEXT: _, NODE_OPTIONS: __, ...env } = process.env
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, encoding: 'utf8', timeout: 10 * 60_000 })
    assert.equal(install.status, 0, install.stderr)
    // Testcontainers speaks the Docker API: podman serves it on a socket of its own for this test.
    let dockerHost = env.DOCKER_HOST
    if (ENGINE === 'podman' && dockerHost === undefined) {
      const socket = join(dir, 'podman.sock')
      const service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { env, stdio: 'ignore' })
      t.after(() => { service.kill('SIGTERM') })
      for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((resolve) => setTimeout(resolve, 100))
      dockerHost = `unix://${socket}`
    }
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'fake-braze.test.mjs'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 5 * 60_000,
      // Ryuk (Testcontainers' reaper) is an image of its own that cannot be pulled here; the test stops its container itself.
      env: { ...env, DOCKER_HOST: dockerHost, TESTCONTAINERS_RYUK_DISABLED: 'true', FAKE_BRAZE_IMAGE: IMAGE, FAKE_BRAZE_HOST_NETWORK: '1', FAKE_BRAZE_PORT: String(port) }
    })
    assert.equal(r.status, 0, r.stdout + r.stderr)
    assert.match(r.stdout, /pass 2/)
  })
})
