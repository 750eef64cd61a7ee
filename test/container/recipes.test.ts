/**
 * The container recipes (README "Running it as a container" and examples/compose) cannot run
 * GitHub's or GitLab's service machinery here, so this checks what can go wrong in them without it:
 * valid YAML, only settings the fake really reads (src/config.ts), a control token or the explicit
 * insecure switch (the image refuses to start with neither), and the port and route the image uses.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js'
import { ROOT } from './engine.js'

const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const KNOWN = new Set<string>(CONFIG_VARIABLES.map((v) => v.variable))

function recipe (name: string): Record<string, any> {
  const at = README.indexOf(`<!-- recipe: ${name} -->`)
  assert.ok(at >= 0, `README has the ${name} recipe`)
  return parseYaml(/```yaml\n([\s\S]*?)```/.exec(README.slice(at))![1]!) as Record<string, any>
}

/** The fake's settings in env: known names only, parsed by config.ts, safe beyond loopback. */
function assertImageEnv (env: Record<string, string>, where: string): void {
  const fake = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('FAKE_BRAZE_')))
  for (const k of Object.keys(fake)) assert.ok(KNOWN.has(k), `${where}: ${k} is not a setting the fake reads`)
  const concrete = Object.fromEntries(Object.entries(fake).map(([k, v]) => [k, /^\$/.test(v) ? 'a-control-token-of-32-characters' : v]))
  const config = loadConfig({ FAKE_BRAZE_HOST: '0.0.0.0', ...concrete })
  assert.ok(config.controlToken !== undefined || config.insecureControlPlane, `${where}: neither a control token nor FAKE_BRAZE_INSECURE_CONTROL_PLANE=true`)
}

test('the GitHub Actions services: recipe gives the image a safe, valid environment on port 4000', () => {
  const job = recipe('github-services').jobs.contract
  const service = job.services['fake-braze']
  assertImageEnv(service.env, 'github-services')
  assert.deepEqual(service.ports, ['4000:4000'])
  assert.equal(job.env.BRAZE_URL, 'http://127.0.0.1:4000')
  assert.match(job.steps.map((s: { run?: string }) => s.run ?? '').join('\n'), /\/_fake\/workspaces/)
})

test('the GitLab services: recipe gives the image a safe, valid environment and waits on /health', () => {
  const job = recipe('gitlab-services')['braze-contract']
  assert.equal(job.services[0].alias, 'fake-braze')
  assertImageEnv(job.variables, 'gitlab-services')
  assert.equal(job.variables.BRAZE_URL, 'http://fake-braze:4000')
  assert.match(job.script.join('\n'), /\/health[\s\S]*\/_fake[\s\S]*Bearer/)
})

test('examples/compose/compose.yaml: a safe environment, loopback-only port, /data volume, healthy before the app starts', () => {
  const compose = parseYaml(readFileSync(join(ROOT, 'examples/compose/compose.yaml'), 'utf8')) as Record<string, any>
  const service = compose.services['fake-braze']
  assertImageEnv(Object.fromEntries(Object.entries(service.environment as Record<string, string>).map(([k, v]) => [k, v.startsWith('${') ? '$TOKEN' : v])), 'compose')
  assert.deepEqual(service.ports, ['127.0.0.1:4000:4000'])
  assert.deepEqual(service.volumes, ['fake-braze-data:/data'])
  assert.deepEqual(compose.services.app.depends_on, { 'fake-braze': { condition: 'service_healthy' } })
})

test('the Testcontainers examples all wait on /health and provision a workspace through the control plane with the token', () => {
  for (const file of ['examples/testcontainers-node/fake-braze.test.mjs', 'examples/testcontainers-python/test_fake_braze.py', 'examples/testcontainers-java/src/test/java/example/FakeBrazeTest.java']) {
    const source = readFileSync(join(ROOT, file), 'utf8')
    assert.match(source, /\/health/, file)
    assert.match(source, /FAKE_BRAZE_CONTROL_TOKEN/, file)
    assert.match(source, /\/_fake\/?.*workspaces|"\/workspaces"|'\/workspaces'/, file)
    assert.match(source, /partners\/hightouch\/cohorts\/users/, file)
  }
})
