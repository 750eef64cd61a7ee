import { integer, sqliteTable, text, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'

/** A partner cohort, keyed by (workspace, partner, cohort_id) as Braze scopes them. */
export const cohorts = sqliteTable('cohorts', {
  pk: integer('pk').primaryKey({ autoIncrement: true }),
  workspacePk: integer('workspace_pk').notNull(),
  partner: text('partner').notNull(),
  cohortId: text('cohort_id').notNull(),
  name: text('name').notNull(),
  /** false until the cohort name endpoint has been called for it */
  named: integer('named', { mode: 'boolean' }).notNull(),
  /** `created_at` as the partner last sent it, verbatim */
  partnerCreatedAt: text('partner_created_at'),
  memberCount: integer('member_count').notNull().default(0),
  /** Injected "423 Resource locked": null = unlocked, -1 = until unlocked, n > 0 = the next n writes */
  lockedWrites: integer('locked_writes'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull()
}, (t) => [uniqueIndex('cohorts_key_idx').on(t.workspacePk, t.partner, t.cohortId)])

/**
 * Current membership: one narrow integer row per (cohort, user), WITHOUT ROWID in the
 * migration so the primary key is the table (see BENCHMARKS.md for why this shape).
 */
export const cohortMembers = sqliteTable('cohort_members', {
  cohortPk: integer('cohort_pk').notNull(),
  userPk: integer('user_pk').notNull(),
  addedAt: integer('added_at').notNull()
}, (t) => [primaryKey({ columns: [t.cohortPk, t.userPk] })])

export type CohortRow = typeof cohorts.$inferSelect
