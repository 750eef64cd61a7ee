/**
 * The resolved form of a segment's filter tree that the segment query compiles to SQL: cohorts
 * are named by their row pk and every negative operator is an explicit `not`. The domain builds
 * it (src/domain/segments/segment-filter.ts); this file only declares the shape.
 */
export type UserSetExpr =
  | { kind: 'and', children: UserSetExpr[] }
  | { kind: 'or', children: UserSetExpr[] }
  | { kind: 'not', child: UserSetExpr }
  /** current members of a cohort */
  | { kind: 'cohort', cohortPk: number }
  /** a test on one custom attribute, by its JSON type */
  | { kind: 'attribute', attribute: string, test: AttributeTest, value?: string | number | boolean }
  /** users subscribed to a subscription group */
  | { kind: 'group', groupPk: number }
  /** users a send on the channel would reach now (domain/subscriptions/reachability.ts, as SQL) */
  | { kind: 'reachable', channel: 'email' | 'push' | 'sms', sendTo: 'subscribed_or_opted_in' | 'opted_in' | 'all', groupPk?: number }
  /** a test on a user column */
  | { kind: 'column', column: UserColumn, test: 'equals' | 'exists', value?: string }

export type AttributeTest = 'equals' | 'exists' | 'greater_than' | 'less_than' | 'includes_value'
export type UserColumn = 'email_subscribe' | 'push_subscribe' | 'external_id' | 'email' | 'phone'
