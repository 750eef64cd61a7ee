/**
 * Real Chromium for the browser tests: Debian's `chromium` package driven by playwright-core
 * (no browser download is possible here); playwright gives each launch a fresh profile. When it is not installed the tests skip and say so;
 * .ci/run installs it, so CI always runs them.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const SKIP_REASON = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM} (apt-get install chromium): browser tests skipped`

export async function launchChromium (): Promise<Browser> {
  return await chromium.launch({
    executablePath: CHROMIUM,
    // The flags keep Chromium off the network this machine does not have (see the env notes).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  })
}
