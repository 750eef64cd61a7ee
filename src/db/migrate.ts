import { fileURLToPath } from 'node:url'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { Db } from './client.js'

/** <package root>/migrations, from both src/db (tsx) and dist/db (built). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url))

/** Applies drizzle-kit's migrations; runs at every start, so no separate migrate step exists. */
export function runMigrations (db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
}
