import type Database from 'better-sqlite3'

type Statement = Database.Statement<unknown[]>

/**
 * A multi-row `INSERT … VALUES (…), (…), …` for bulk writes: one statement run per chunk of up to
 * `maxRows` rows instead of one per row (seeding 1,000 users is 5 runs of 200, not 1,000; 200 rows measured a little better than 50 and 1, BENCHMARKS.md). Statements
 * are prepared once per chunk size and kept; one chunk's values are bound at a time, so a
 * million rows never sit in one flat array. `run` returns the rowid of each inserted row, in
 * order: within one statement SQLite numbers an INTEGER PRIMARY KEY (AUTOINCREMENT or not) as
 * max + 1 row after row, so a chunk's rowids are the `n` integers ending at its last_insert_rowid.
 */
export function multiRowInsert<T> (sqlite: Database.Database, head: string, columns: number, bind: (row: T, values: unknown[]) => void, maxRows = 50) {
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
  const values: unknown[] = []
  return {
    /** Inserts the rows; returns their rowids when `rowids` is true (else an empty array). */
    run (rows: readonly T[], rowids = false): number[] {
      const out: number[] = []
      for (let start = 0; start < rows.length; start += maxRows) {
        const n = Math.min(maxRows, rows.length - start)
        values.length = 0
        for (let i = start; i < start + n; i++) bind(rows[i]!, values)
        const last = Number(statement(n).run(values).lastInsertRowid)
        if (rowids) for (let k = n - 1; k >= 0; k--) out.push(last - k)
      }
      return out
    }
  }
}
