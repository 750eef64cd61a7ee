/** The control plane's wire views of cohorts and members, and the members cursor. */
import { toIso } from '../shared/clock.js'
import type { UserAlias } from '../shared/user-alias.js'
import { FakeBadRequest } from '../shared/errors.js'
import type { CohortRow } from '../../db/schema/cohorts.js'

export interface CohortView {
  partner: string
  cohort_id: string
  name: string
  named: boolean
  partner_created_at: string | null
  created_at: string
  updated_at: string
  member_count: number
  /** an injected "423 Resource locked" is in force */
  locked: boolean
  /** how many more writes the lock rejects; absent while locked until unlocked */
  locked_writes_remaining?: number
}

export interface MemberView {
  braze_id: string
  external_id?: string
  device_ids?: string[]
  aliases?: UserAlias[]
  added_at: string
}

export function cohortView (c: CohortRow): CohortView {
  return {
    partner: c.partner,
    cohort_id: c.cohortId,
    name: c.name,
    named: c.named,
    partner_created_at: c.partnerCreatedAt,
    created_at: toIso(c.createdAt),
    updated_at: toIso(c.updatedAt),
    member_count: c.memberCount,
    locked: c.lockedWrites !== null,
    ...(c.lockedWrites !== null && c.lockedWrites > 0 && { locked_writes_remaining: c.lockedWrites })
  }
}

export function encodeCursor (userPk: number): string {
  return Buffer.from(`u:${userPk}`).toString('base64url')
}

export function decodeCursor (cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const m = /^u:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString())
  if (m === null) throw new FakeBadRequest('cursor is not a next_cursor returned by this endpoint')
  return Number(m[1])
}
