/**
 * The `fake-braze` command. Flags override the matching FAKE_BRAZE_* environment variables;
 * config.ts stays the only reader of the environment.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import closeWithGrace from 'close-with-grace'
import { CliError, fetchFake } from './cli/errors.js'
import { expectCommand, snapshotCommand } from './cli/expect.js'
import { waitForFakeBraze } from './cli/wait.js'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js'
import { startServer } from './server.js'
import { SeedError, loadSeed } from './seed-loader.js'

const DEFAULT_URL = 'http://127.0.0.1:4000'

/** `fake-braze seed FILE --url …`: POSTs the file to a running server's /_fake/seed. */
async function seedCommand (file: string | undefined, url = DEFAULT_URL, token?: string): Promise<number> {
  if (file === undefined) {
    process.stderr.write('Usage: fake-braze seed FILE [--url http://127.0.0.1:4000]\n')
    return 2
  }
  const body = await readFile(file, 'utf8').catch((err: Error) => { throw new SeedError(`seed file ${file}: ${err.message}`) })
  const res = await fetchFake(`${url.replace(/\/$/, '')}/_fake/seed`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token !== undefined && { authorization: `Bearer ${token}` }) }, body })
  const answer = await res.json() as { message?: string, workspaces?: Array<{ id: string, users: number, cohorts: number }> }
  if (res.status !== 201) {
    process.stderr.write(`fake-braze seed: ${file}: ${answer.message ?? res.statusText}\n`)
    return 1
  }
  for (const w of answer.workspaces ?? []) process.stdout.write(`seeded workspace ${w.id}: ${w.users} users, ${w.cohorts} cohorts\n`)
  return 0
}

const FLAGS = {
  port: 'FAKE_BRAZE_PORT',
  host: 'FAKE_BRAZE_HOST',
  db: 'FAKE_BRAZE_DB',
  cluster: 'FAKE_BRAZE_CLUSTER',
  'log-level': 'FAKE_BRAZE_LOG_LEVEL',
  'body-limit': 'FAKE_BRAZE_BODY_LIMIT',
  'public-url': 'FAKE_BRAZE_PUBLIC_URL',
  'commit-mode': 'FAKE_BRAZE_COMMIT_MODE',
  sync: 'FAKE_BRAZE_SYNC',
  'journal-cap': 'FAKE_BRAZE_JOURNAL_CAP',
  'rate-limits': 'FAKE_BRAZE_RATE_LIMITS',
  'legacy-api-key': 'FAKE_BRAZE_LEGACY_API_KEY',
  'visibility-delay-ms': 'FAKE_BRAZE_VISIBILITY_DELAY_MS',
  seed: 'FAKE_BRAZE_SEED',
  'control-token': 'FAKE_BRAZE_CONTROL_TOKEN',
  'callback-allow': 'FAKE_BRAZE_CALLBACK_ALLOW',
  'ready-file': 'FAKE_BRAZE_READY_FILE',
  dashboard: 'FAKE_BRAZE_DASHBOARD'
} as const

/** Whole seconds (or "30s") → milliseconds. */
function seconds (value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback * 1000
  const n = Number(value.replace(/s$/, ''))
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`--timeout must be a number of seconds, got '${value}'`, 2)
  return n * 1000
}

export function helpText (): string {
  const rows = CONFIG_VARIABLES.map((v) => `  ${(v.flag === '' ? '' : v.flag === '--insecure-control-plane' ? v.flag : `${v.flag} <value>`).padEnd(30)} ${v.variable.padEnd(42)} ${v.meaning} (default: ${v.default === '' ? 'none' : v.default})`)
  return [
    'fake-braze — a stateful fake of Braze\'s partner cohort import and REST user-data APIs',
    '',
    'Usage:',
    '  fake-braze [serve] [flags]     run the server (default command)',
    '  fake-braze seed FILE [--url U] load a seed file into a running server (default --url http://127.0.0.1:4000)',
    '  fake-braze wait [--url U | --ready-file F] [--timeout 30]',
    '                                 exit 0 once the server answers, 1 after the timeout (seconds)',
    '  fake-braze expect FILE [--url U] [--workspace ID] [--junit OUT.xml]',
    '                                 check a workspace against an expectations file (JSON or YAML,',
    '                                 openapi/expectations.schema.json); exit 0 when all hold, else 1',
    '  fake-braze snapshot --workspace ID [--url U] [--out FILE]',
    '  (seed, expect and snapshot send --control-token, or FAKE_BRAZE_CONTROL_TOKEN, to a server that requires one)',
    '                                 write a workspace\'s state (the seed format) for `expect` golden files',
    '  fake-braze --help              this text',
    '  --no-dashboard                 same as --dashboard false',
    '',
    'Flags (each also settable by its environment variable):',
    ...rows,
    '',
    'Swagger UI: <url>/docs   Control plane: <url>/_fake/…'
  ].join('\n')
}

async function main (argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      url: { type: 'string' },
      'insecure-control-plane': { type: 'boolean' },
      timeout: { type: 'string' },
      workspace: { type: 'string' },
      junit: { type: 'string' },
      out: { type: 'string' },
      'no-dashboard': { type: 'boolean' },
      ...Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]))
    }
  })
  if (values.help === true) {
    process.stdout.write(helpText() + '\n')
    return 0
  }
  const flag = (name: string): string | undefined => (values as Record<string, string | undefined>)[name]
  const command = positionals[0] ?? 'serve'
  // seed, expect and snapshot call the control plane: a server started with --control-token needs it
  // (--control-token or FAKE_BRAZE_CONTROL_TOKEN, read through config.ts like every setting).
  const token = (): string | undefined => loadConfig(undefined, { FAKE_BRAZE_CONTROL_TOKEN: flag('control-token') }).controlToken
  if (command === 'seed') return await seedCommand(positionals[1], values.url, token())
  if (command === 'expect') {
    if (positionals[1] === undefined) throw new CliError('Usage: fake-braze expect FILE [--url U] [--workspace ID] [--junit OUT.xml]', 2)
    return await expectCommand(positionals[1], { url: values.url ?? DEFAULT_URL, workspace: flag('workspace'), junit: flag('junit'), token: token() })
  }
  if (command === 'snapshot') return await snapshotCommand({ url: values.url ?? DEFAULT_URL, workspace: flag('workspace'), out: flag('out'), token: token() })
  if (command === 'wait') {
    const url = await waitForFakeBraze({
      url: values.url ?? (flag('ready-file') === undefined ? DEFAULT_URL : undefined),
      readyFile: flag('ready-file'),
      timeoutMs: seconds(values.timeout, 30)
    })
    process.stdout.write(`fake-braze is ready at ${url}\n`)
    return 0
  }
  if (command !== 'serve') {
    process.stderr.write(`Unknown command '${command}'.\n\n${helpText()}\n`)
    return 2
  }
  const overrides = Object.fromEntries(Object.entries(FLAGS).map(([flag, variable]) => [variable, values[flag as keyof typeof values] as string | undefined]))
  if (values['insecure-control-plane'] === true) overrides.FAKE_BRAZE_INSECURE_CONTROL_PLANE = 'true'
  if (values['no-dashboard'] === true) overrides.FAKE_BRAZE_DASHBOARD = 'false'
  const config = loadConfig(undefined, overrides)
  const server = await startServer(config)
  if (config.seedFile !== undefined) {
    try {
      await loadSeed(server.app, config.seedFile)
    } catch (err) {
      await server.close()
      throw err
    }
  }
  server.app.log.info({ url: server.url, db: config.dbPath, cluster: config.defaultCluster }, 'ready')
  if (config.readyFile !== undefined) {
    // written whole, then renamed, so `wait --ready-file` never reads half a URL
    await writeFile(`${config.readyFile}.tmp`, `${server.url}\n`)
    await rename(`${config.readyFile}.tmp`, config.readyFile)
  }
  // The ready line: one plain line with the real URL (also with --port 0), for scripts and CI.
  process.stdout.write(`fake-braze listening on ${server.url} (Swagger UI: ${server.url}/docs${config.dashboard ? `, dashboard: ${server.url}/dashboard` : ''})\n`)
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err !== undefined) server.app.log.error({ err }, 'shutting down after error')
    if (config.readyFile !== undefined) await rm(config.readyFile, { force: true })
    await server.close()
  })
  return -1
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code
}, (err: unknown) => {
  if ((err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true) {
    process.stderr.write(`fake-braze: ${(err as Error).message.split('. ')[0]!.replace(/\.$/, '')}. \`fake-braze --help\` lists the commands and flags.\n`)
    process.exitCode = 2
    return
  }
  const known = err instanceof ConfigError || err instanceof SeedError || err instanceof CliError || err instanceof TypeError
  const message = known ? err.message : err instanceof Error ? `${err.name}: ${err.message}` : String(err)
  process.stderr.write(`fake-braze: ${message.split('\n')[0]}\n`)
  process.exitCode = err instanceof CliError ? err.exitCode : 1
})
