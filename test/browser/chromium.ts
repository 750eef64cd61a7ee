/**
 * Real Chromium for the browser tests: Debian's `chromium` package (or CHROMIUM_PATH) driven by
 * playwright-core; no browser download is possible here, and playwright gives each launch a fresh
 * profile. Where none is installed the tests skip and say so; .ci/run installs it, so CI runs them.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p !== undefined && p !== '' && existsSync(p))
export const SKIP_REASON = CHROMIUM === undefined
  ? 'SKIPPED: no Chromium found (/usr/bin/chromium or CHROMIUM_PATH); install Debian\'s `chromium` to run the browser tests'
  : undefined

export async function launchChromium (): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    // The flags keep Chromium off the network this machine does not have (see the env notes).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
}
