/**
 * The README's CI recipes, run as written: the GitHub Actions steps and the GitLab CI script are
 * taken from README.md and executed in a scratch "consumer project" whose node_modules/.bin holds
 * this build's fake-braze, with examples/python-sync as its ci/ folder (a standard-library Python
 * sync, its seed file, expectations and golden snapshot). Start in the background, wait, seed, run the
 * sync, `fake-braze expect` with JUnit, stop: every step must succeed and the server must be gone.
 */
import { before, test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const { NODE_TEST_CONTEXT: _, NODE_OPTIONS: __, ...ENV } = process.env
const PYTHON = spawnSync('python3', ['--version']).status === 0

function recipe (name: string): Record<string, any> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const at = readme.indexOf(`<!-- recipe: ${name} -->`)
  assert.ok(at >= 0, `README has the ${name} recipe`)
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(at))
  return parseYaml(block![1]!) as Record<string, any>
}

function consumerProject (): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-braze-ci-'))
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true })
  symlinkSync(join(ROOT, 'dist/cjs/cli.js'), join(dir, 'node_modules/.bin/fake-braze'))
  cpSync(join(ROOT, 'examples/python-sync'), join(dir, 'ci'), { recursive: true })
  return dir
}

function bash (script: string, cwd: string, env: Record<string, string | undefined>): { status: number | null, output: string } {
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8', timeout: 120_000 })
  return { status: r.status, output: `${r.stdout}${r.stderr}` }
}

function alive (pid: number): boolean {
  try { process.kill(pid, 0); return true } catch { return false }
}

async function stopped (pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  return !alive(pid)
}

before(() => {
  if (!existsSync(join(ROOT, 'dist/cjs/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', env: ENV })
})

test('the GitHub Actions recipe runs as written: start, wait, seed, Python sync, expect with JUnit, stop', { skip: PYTHON ? false : 'SKIPPED: python3 not found' }, async () => {
  const dir = consumerProject()
  const githubEnv = join(dir, 'github.env')
  writeFileSync(githubEnv, '')
  const steps = recipe('github-actions').jobs.contract.steps as Array<{ name?: string, run?: string, uses?: string }>
  const ran: string[] = []
  for (const step of steps) {
    if (step.run === undefined || step.run.trim() === 'npm ci') continue
    const exported = Object.fromEntries(readFileSync(githubEnv, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
    const r = bash(step.run, dir, { ...ENV, ...exported, GITHUB_ENV: githubEnv })
    assert.equal(r.status, 0, `${step.name}: ${r.output}`)
    ran.push(step.name ?? step.run)
  }
  assert.deepEqual(ran, ['Start fake-braze', 'Run the sync\'s tests', 'Check what Braze received', 'Stop fake-braze'])
  assert.match(readFileSync(githubEnv, 'utf8'), /^BRAZE_URL=http:\/\/127\.0\.0\.1:\d+\n$/)
  const junit = readFileSync(join(dir, 'braze-contract.xml'), 'utf8')
  assert.match(junit, /<testsuites name="fake-braze expect" tests="12" failures="0">/)
  assert.ok(await stopped(Number(readFileSync(join(dir, 'fake-braze.pid'), 'utf8'))), 'SIGTERM stopped the server')
  assert.equal(existsSync(join(dir, 'fake-braze.url')), false, 'the ready file is gone')
  assert.match(readFileSync(join(dir, 'fake-braze.log'), 'utf8'), /^fake-braze listening on http:\/\/127\.0\.0\.1:\d+ /m)
})

test('the GitLab CI recipe runs as written (on a free port instead of 4000), and its after_script stops the server', { skip: PYTHON ? false : 'SKIPPED: python3 not found' }, async () => {
  const dir = consumerProject()
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = String((server.address() as AddressInfo).port)
  await new Promise((resolve) => server.close(resolve))
  const job = recipe('gitlab-ci')['braze-contract'] as { variables: Record<string, string>, script: string[], after_script: string[] }
  const variables = Object.fromEntries(Object.entries(job.variables).map(([k, v]) => [k, v.replaceAll('4000', port)]))
  const script = job.script.filter((l) => l.trim() !== 'npm ci').map((l) => l.replaceAll('4000', port)).join('\n')
  const r = bash(script, dir, { ...ENV, ...variables })
  assert.equal(r.status, 0, r.output)
  assert.match(r.output, /12 expectations, 0 failed/)
  const pid = Number(readFileSync(join(dir, 'fake-braze.pid'), 'utf8'))
  assert.ok(alive(pid), 'the server runs until after_script')
  const after = bash(job.after_script.join('\n'), dir, { ...ENV, ...variables })
  assert.equal(after.status, 0, after.output)
  assert.ok(await stopped(pid), 'SIGTERM stopped the server')
  assert.match(readFileSync(join(dir, 'braze-contract.xml'), 'utf8'), /failures="0"/)
})
