/** Writes openapi/openapi.json from the route schemas: `npm run openapi`. */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../src/app.js'
import { testConfig } from '../src/config.js'

export const OPENAPI_PATH = fileURLToPath(new URL('../openapi/openapi.json', import.meta.url))

export async function generateOpenApi (): Promise<string> {
  const app = await buildApp(testConfig())
  try {
    await app.ready()
    return JSON.stringify(app.swagger(), null, 2) + '\n'
  } finally {
    await app.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_PATH, await generateOpenApi())
  process.stdout.write(`wrote ${OPENAPI_PATH}\n`)
}
