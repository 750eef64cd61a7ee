import type Database from 'better-sqlite3'

type Statement = Database.Statement<unknown[]>

/**
 * A multi-row `INSERT … VALUES (…), (…), …` for bulk writes: one statement per chunk of up to
 * `maxRows` rows instead of one per row (seeding 1,000 users is 20 statement runs, not 1,000).
 * Statements are prepared once per chunk size and kept. Rows are given flat (`columns` values
 * each, in order). Returns the rowid of each inserted row, in order: within one statement SQLite
 * numbers an INTEGER PRIMARY KEY (AUTOINCREMENT or not) as max + 1 row after row, so a chunk's
 * rowids are the `n` integers ending at its last_insert_rowid.
 */
export function multiRowInsert (sqlite: Database.Database, head: string, columns: number, maxRows = 50) {
  const statements = new Map<number, Statement>()
  const tuple = `(${Array.from({ length: columns }, () => '?').join(', ')})`
  const statement = (rows: number): Statement => {
    let s = statements.get(rows)
    if (s === undefined) {
      s = sqlite.prepare<unknown[]>(`${head} VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`)
      statements.set(rows, s)
    }
    return s
  }
  return {
    /** Inserts values.length / columns rows; returns their rowids when `rowids` is true. */
    run (values: readonly unknown[], rowids = false): number[] {
      const out: number[] = []
      const total = values.length / columns
      for (let start = 0; start < total; start += maxRows) {
        const n = Math.min(maxRows, total - start)
        const last = Number(statement(n).run(values.slice(start * columns, (start + n) * columns)).lastInsertRowid)
        if (rowids) for (let k = n - 1; k >= 0; k--) out.push(last - k)
      }
      return out
    }
  }
}
