#!/usr/bin/env node
/**
 * The `fake-braze` command. Flags override the matching FAKE_BRAZE_* environment variables;
 * config.ts stays the only reader of the environment.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import closeWithGrace from 'close-with-grace'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js'
import { startServer } from './server.js'
import { SeedError, loadSeed } from './seed-loader.js'

/** `fake-braze seed FILE --url …`: POSTs the file to a running server's /_fake/seed. */
async function seedCommand (file: string | undefined, url = 'http://127.0.0.1:4000'): Promise<number> {
  if (file === undefined) {
    process.stderr.write('Usage: fake-braze seed FILE [--url http://127.0.0.1:4000]\n')
    return 2
  }
  const body = await readFile(file, 'utf8').catch((err: Error) => { throw new SeedError(`seed file ${file}: ${err.message}`) })
  const res = await fetch(`${url.replace(/\/$/, '')}/_fake/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
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
  'visibility-delay-ms': 'FAKE_BRAZE_VISIBILITY_DELAY_MS',
  dashboard: 'FAKE_BRAZE_DASHBOARD',
  seed: 'FAKE_BRAZE_SEED'
} as const

export function helpText (): string {
  const rows = CONFIG_VARIABLES.map((v) => `  ${(v.flag === '' ? '' : `${v.flag} <value>`).padEnd(30)} ${v.variable.padEnd(42)} ${v.meaning} (default: ${v.default === '' ? 'none' : v.default})`)
  return [
    'fake-braze — a stateful fake of Braze\'s partner cohort import and REST user-data APIs',
    '',
    'Usage:',
    '  fake-braze [serve] [flags]     run the server (default command)',
    '  fake-braze seed FILE [--url U] load a seed file into a running server (default --url http://127.0.0.1:4000)',
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
      'no-dashboard': { type: 'boolean' },
      ...Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]))
    }
  })
  if (values.help === true) {
    process.stdout.write(helpText() + '\n')
    return 0
  }
  const command = positionals[0] ?? 'serve'
  if (command === 'seed') return await seedCommand(positionals[1], values.url)
  if (command !== 'serve') {
    process.stderr.write(`Unknown command '${command}'.\n\n${helpText()}\n`)
    return 2
  }
  const overrides = Object.fromEntries(Object.entries(FLAGS).map(([flag, variable]) => [variable, values[flag as keyof typeof values] as string | undefined]))
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
  server.app.log.info({ url: server.url, db: config.dbPath, cluster: config.defaultCluster }, `fake-braze listening on ${server.url} (Swagger UI: ${server.url}/docs${config.dashboard ? `, dashboard: ${server.url}/dashboard` : ''})`)
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err !== undefined) server.app.log.error({ err }, 'shutting down after error')
    await server.close()
  })
  return -1
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code
}, (err: unknown) => {
  process.stderr.write(`fake-braze: ${err instanceof ConfigError || err instanceof SeedError || err instanceof TypeError ? err.message : String(err)}\n`)
  process.exitCode = 1
})
