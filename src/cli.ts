#!/usr/bin/env node
/**
 * The `fake-braze` command. Flags override the matching FAKE_BRAZE_* environment variables;
 * config.ts stays the only reader of the environment.
 */
import { parseArgs } from 'node:util'
import closeWithGrace from 'close-with-grace'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.js'
import { startServer } from './server.js'

const FLAGS = {
  port: 'FAKE_BRAZE_PORT',
  host: 'FAKE_BRAZE_HOST',
  db: 'FAKE_BRAZE_DB',
  cluster: 'FAKE_BRAZE_CLUSTER',
  'log-level': 'FAKE_BRAZE_LOG_LEVEL',
  'body-limit': 'FAKE_BRAZE_BODY_LIMIT',
  'public-url': 'FAKE_BRAZE_PUBLIC_URL',
  'commit-mode': 'FAKE_BRAZE_COMMIT_MODE'
} as const

export function helpText (): string {
  const rows = CONFIG_VARIABLES.map((v) => `  ${(v.flag === '' ? '' : `${v.flag} <value>`).padEnd(22)} ${v.variable.padEnd(42)} ${v.meaning} (default: ${v.default === '' ? 'none' : v.default})`)
  return [
    'fake-braze — a stateful fake of Braze\'s partner cohort import and REST user-data APIs',
    '',
    'Usage:',
    '  fake-braze [serve] [flags]     run the server (default command)',
    '  fake-braze --help              this text',
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
      ...Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' as const }]))
    }
  })
  if (values.help === true) {
    process.stdout.write(helpText() + '\n')
    return 0
  }
  const command = positionals[0] ?? 'serve'
  if (command !== 'serve') {
    process.stderr.write(`Unknown command '${command}'.\n\n${helpText()}\n`)
    return 2
  }
  const overrides = Object.fromEntries(Object.entries(FLAGS).map(([flag, variable]) => [variable, values[flag as keyof typeof values] as string | undefined]))
  const config = loadConfig(undefined, overrides)
  const server = await startServer(config)
  server.app.log.info({ url: server.url, db: config.dbPath, cluster: config.defaultCluster }, `fake-braze listening on ${server.url} (Swagger UI: ${server.url}/docs)`)
  closeWithGrace({ delay: 5000 }, async ({ err }) => {
    if (err !== undefined) server.app.log.error({ err }, 'shutting down after error')
    await server.close()
  })
  return -1
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exitCode = code
}, (err: unknown) => {
  process.stderr.write(`fake-braze: ${err instanceof ConfigError || err instanceof TypeError ? err.message : String(err)}\n`)
  process.exitCode = 1
})
