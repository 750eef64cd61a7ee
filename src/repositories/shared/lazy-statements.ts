import type Database from 'better-sqlite3'

type Prepare = Database.Database['prepare']
type AnyStatement = Database.Statement<unknown[], unknown>
type Mode = 'raw' | 'pluck' | 'expand' | 'safeIntegers'

/**
 * `prepare` for a repository's statements that compiles each one on first use instead of when
 * the repository is built. Every app (every test) builds every repository, and compiling their
 * ~200 statements up front was a large part of `buildApp` on :memory: (BENCHMARKS.md, issue 19),
 * while a test uses a handful. Same typing and behaviour as better-sqlite3's `prepare`, except
 * that a statement's SQL errors surface on first use. Once compiled, run/get/all/iterate are the
 * statement's own methods (bound), so hot paths pay no extra check.
 */
export function lazyStatements (sqlite: Database.Database): Prepare {
  return ((source: string) => new LazyStatement(sqlite, source)) as unknown as Prepare
}

class LazyStatement {
  run: AnyStatement['run']
  get: AnyStatement['get']
  all: AnyStatement['all']
  iterate: AnyStatement['iterate']
  private stmt: AnyStatement | undefined
  /** modes set before the statement exists (`.raw()`, `.pluck()`… at build time), replayed on it */
  private modes: Array<[Mode, boolean | undefined]> = []

  constructor (readonly database: Database.Database, readonly source: string) {
    this.run = (...params) => this.compile().run(...params)
    this.get = (...params) => this.compile().get(...params)
    this.all = (...params) => this.compile().all(...params)
    this.iterate = (...params) => this.compile().iterate(...params)
  }

  private compile (): AnyStatement {
    if (this.stmt !== undefined) return this.stmt
    const s = this.database.prepare(this.source)
    for (const [mode, on] of this.modes) setMode(s, mode, on)
    this.run = s.run.bind(s)
    this.get = s.get.bind(s)
    this.all = s.all.bind(s)
    this.iterate = s.iterate.bind(s)
    this.stmt = s
    return s
  }

  private mode (name: Mode, on: boolean | undefined): this {
    if (this.stmt === undefined) this.modes.push([name, on])
    else setMode(this.stmt, name, on)
    return this
  }

  raw (on?: boolean): this { return this.mode('raw', on) }
  pluck (on?: boolean): this { return this.mode('pluck', on) }
  expand (on?: boolean): this { return this.mode('expand', on) }
  safeIntegers (on?: boolean): this { return this.mode('safeIntegers', on) }
  columns (): Database.ColumnDefinition[] { return this.compile().columns() }
  bind (...params: unknown[]): this { this.compile().bind(...params); return this }
  get reader (): boolean { return this.compile().reader }
  get readonly (): boolean { return this.compile().readonly }
  get busy (): boolean { return this.stmt?.busy ?? false }
}

/** better-sqlite3 refuses an explicit undefined: no argument means "on". */
function setMode (s: AnyStatement, mode: Mode, on: boolean | undefined): void {
  if (on === undefined) s[mode]()
  else s[mode](on)
}

/**
 * A drizzle query `.prepare()`d on first use rather than when its repository is built (the same
 * reason as lazyStatements: most apps never run it). `byKey()` returns the prepared query.
 */
export function lazyQuery<T> (build: () => T): () => T {
  let query: T | undefined
  return () => (query ??= build())
}
