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
 * The schema the migrations leave, as one script: sqlite_master's statements in creation order
 * (SQLite stores each object's DDL as it finally is, ALTERs applied), taken from the second new
 * database of the process once its migrations ran file by file (a process that opens one database,
 * a server or a cold start, never pays for taking it). Later new databases get this instead
 * of the files: the same objects without the intermediate ALTERs, DROPs and data step, each of
 * which makes SQLite re-read its schema (~40 % of a :memory: app's migrations, BENCHMARKS.md
 * issue 19). Only kept when the migrations left every table empty, so the script is all they did.
 */
let image: { folder: string, ddl: string } | undefined
let migratedByFiles = 0

function schemaImage (sqlite: Database.Database): string | undefined {
  const objects = sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").all() as Array<{ type: string, name: string, sql: string }>
  const tables = objects.filter((o) => o.type === 'table' && o.name !== '__drizzle_migrations')
  const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`
  const rows = tables.length === 0 ? 0 : (sqlite.prepare(`SELECT ${tables.map((t) => `EXISTS (SELECT 1 FROM ${quoted(t.name)})`).join(' + ')} AS n`).get() as { n: number }).n
  return rows === 0 ? objects.map((o) => `${o.sql};`).join('\n') : undefined
}

/**
 * Applies drizzle-kit's migrations; runs at every start, so no separate migrate step exists.
 * A database without any table (every :memory: database, a new file) gets all of them in one
 * transaction (each file in one exec, or the schema image above once the process has one), and
 * drizzle's journal rows as its migrator writes them (same hash, same created_at), so drizzle's
 * migrator recognises it later. drizzle's migrator prepares and runs every statement separately,
 * which was most of the time an in-memory test app spent migrating (BENCHMARKS.md, issue 19).
 * Any other database goes through drizzle.
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
  const ddl = image?.folder === folder ? image.ddl : undefined
  sqlite.exec('BEGIN')
  try {
    if (ddl !== undefined) sqlite.exec(ddl)
    else sqlite.exec(JOURNAL_DDL)
    const journal = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)')
    for (const m of migrations) {
      // the file's text as written: drizzle-kit's "--> statement-breakpoint" markers are SQL comments
      if (ddl === undefined) sqlite.exec(m.sql.join('--> statement-breakpoint'))
      journal.run(m.hash, m.folderMillis)
    }
    if (ddl === undefined && ++migratedByFiles >= 2) {
      const taken = schemaImage(sqlite)
      if (taken !== undefined) image = { folder, ddl: taken }
    }
    sqlite.exec('COMMIT')
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    throw err
  }
}
