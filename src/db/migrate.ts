import { fileURLToPath } from 'node:url'
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type Database from 'better-sqlite3'
import type { Db } from './client.js'

/** <package root>/migrations, from both src/db (tsx) and dist/db (built). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url))

/** drizzle's journal table, created with the very text its SQLite migrator uses (drizzle-orm/sqlite-core/dialect.js). */
const JOURNAL_DDL = 'CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (\n\t\t\t\tid SERIAL PRIMARY KEY,\n\t\t\t\thash text NOT NULL,\n\t\t\t\tcreated_at numeric\n\t\t\t)'

/** The migration files, read and hashed once per process (every :memory: app of a test file applies them). */
let files: { folder: string, migrations: MigrationMeta[] } | undefined
function migrationFiles (folder: string): MigrationMeta[] {
  if (files?.folder !== folder) files = { folder, migrations: readMigrationFiles({ migrationsFolder: folder }) }
  return files.migrations
}

/**
 * Applies drizzle-kit's migrations; runs at every start, so no separate migrate step exists.
 * A database without any table (every :memory: database, a new file) gets all of them in one
 * transaction, each file in one exec, and drizzle's journal rows as its migrator writes them
 * (same hash, same created_at), so drizzle's migrator recognises it later. drizzle's migrator
 * prepares and runs every statement separately, which was most of the time an in-memory test
 * app spent migrating (BENCHMARKS.md, issue 19). Any other database goes through drizzle.
 */
export function runMigrations (db: Db, folder: string = MIGRATIONS_FOLDER): void {
  // drizzle({ client }) keeps the connection as $client (its type is left out of Db)
  const sqlite = (db as Db & { $client: Database.Database }).$client
  const empty = (sqlite.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0
  if (!empty) {
    migrate(db, { migrationsFolder: folder })
    return
  }
  const migrations = migrationFiles(folder)
  sqlite.exec('BEGIN')
  try {
    sqlite.exec(JOURNAL_DDL)
    const journal = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)')
    for (const m of migrations) {
      // the file's text as written: drizzle-kit's "--> statement-breakpoint" markers are SQL comments
      sqlite.exec(m.sql.join('--> statement-breakpoint'))
      journal.run(m.hash, m.folderMillis)
    }
    sqlite.exec('COMMIT')
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    throw err
  }
}
