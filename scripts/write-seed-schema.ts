/**
 * Writes openapi/seed.schema.json (the seed / snapshot file format) and openapi/expectations.schema.json
 * (`fake-braze expect` files) from their zod schemas.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { SeedFileSchema } from '../src/schemas/toolkit/control/seed.js'
import { expectationsJsonSchema } from '../src/cli/expectations.js'

export const SEED_SCHEMA_PATH = fileURLToPath(new URL('../openapi/seed.schema.json', import.meta.url))

export const EXPECTATIONS_SCHEMA_PATH = fileURLToPath(new URL('../openapi/expectations.schema.json', import.meta.url))

export function generateExpectationsSchema (): string {
  return JSON.stringify(expectationsJsonSchema(), null, 2) + '\n'
}

export function generateSeedSchema (): string {
  const schema = z.toJSONSchema(SeedFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return JSON.stringify({ ...schema, $id: 'https://github.com/fake-braze/fake-braze/openapi/seed.schema.json', title: 'fake-braze seed / snapshot file' }, null, 2) + '\n'
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SEED_SCHEMA_PATH, generateSeedSchema())
  process.stdout.write(`wrote ${SEED_SCHEMA_PATH}\n`)
  writeFileSync(EXPECTATIONS_SCHEMA_PATH, generateExpectationsSchema())
  process.stdout.write(`wrote ${EXPECTATIONS_SCHEMA_PATH}\n`)
}
