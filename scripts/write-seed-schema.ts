/** Writes openapi/seed.schema.json (the seed / snapshot file format) from its zod schema. */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { SeedFileSchema } from '../src/schemas/toolkit/control/seed.js'

export const SEED_SCHEMA_PATH = fileURLToPath(new URL('../openapi/seed.schema.json', import.meta.url))

export function generateSeedSchema (): string {
  const schema = z.toJSONSchema(SeedFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return JSON.stringify({ ...schema, $id: 'https://github.com/fake-braze/fake-braze/openapi/seed.schema.json', title: 'fake-braze seed / snapshot file' }, null, 2) + '\n'
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SEED_SCHEMA_PATH, generateSeedSchema())
  process.stdout.write(`wrote ${SEED_SCHEMA_PATH}\n`)
}
