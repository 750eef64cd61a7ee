import type { DatabaseHandle } from '../../db/client.js'
import type { AliasKey } from './user-repository.js'
import type { UserRow } from '../../db/schema/users.js'
import { USER_COLUMNS, toUserRow, type RawUser } from './user-rows.js'
import { lazyStatements } from '../shared/lazy-statements.js'

export type UserProfileRepository = ReturnType<typeof createUserProfileRepository>

/** The part of a user row /users/track reads and changes; JSON columns already parsed. */
export type ProfileState = Pick<UserRow, 'pk' | 'externalId' | 'email' | 'phone' | 'profile' | 'customAttributes' | 'emailSubscribe' | 'pushSubscribe'>

export interface NewProfile {
  workspacePk: number
  brazeId: string
  externalId: string | null
  email: string | null
  phone: string | null
  randomBucket: number
  now: number
}

/**
 * /users/track's reads and writes of user rows, as prepared statements: the endpoint touches up
 * to 225 users per request, so each lookup and write is one indexed statement.
 */
export function createUserProfileRepository ({ sqlite }: DatabaseHandle) {
  const prepare = lazyStatements(sqlite)
  const byExternalId = prepare<[number, string], RawUser>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.external_id = ?`)
  // A deprecated external id (after /users/external_ids/rename) still names its user until removed.
  const byDeprecatedExternalId = prepare<[number, string], RawUser>(
    `SELECT ${USER_COLUMNS} FROM user_deprecated_external_ids d JOIN users u ON u.pk = d.user_pk WHERE d.workspace_pk = ? AND d.external_id = ?`)
  const byBrazeId = prepare<[number, string], RawUser>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.braze_id = ?`)
  const byAlias = prepare<[number, string, string], RawUser>(
    `SELECT ${USER_COLUMNS} FROM user_aliases a JOIN users u ON u.pk = a.user_pk WHERE a.workspace_pk = ? AND a.alias_label = ? AND a.alias_name = ?`)
  // Several profiles may share an email or phone: Braze picks the most recently updated one,
  // preferring profiles with an external_id (post_user_track.md).
  const byEmail = prepare<[number, string], RawUser>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.email = ?
     ORDER BY (u.external_id IS NOT NULL) DESC, u.updated_at DESC, u.pk DESC LIMIT 1`)
  const byPhone = prepare<[number, string], RawUser>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.phone = ?
     ORDER BY (u.external_id IS NOT NULL) DESC, u.updated_at DESC, u.pk DESC LIMIT 1`)
  const insert = prepare<[number, string, string | null, string | null, string | null, number, number, number], { pk: number }>(
    `INSERT INTO users (workspace_pk, braze_id, external_id, email, phone, profile, custom_attributes, random_bucket, total_revenue, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{}', '{}', ?, 0, ?, ?) RETURNING pk`)
  const insertAlias = prepare<[number, string, string, number]>(
    'INSERT INTO user_aliases (workspace_pk, alias_label, alias_name, user_pk) VALUES (?, ?, ?, ?)')
  const update = prepare<[string | null, string | null, string, string, string | null, string | null, number, number]>(
    `UPDATE users SET email = ?, phone = ?, profile = ?, custom_attributes = ?, email_subscribe = ?, push_subscribe = ?, updated_at = ?
     WHERE pk = ?`)
  // Without email/phone in the SET list SQLite leaves their indexes alone: most updates keep them.
  const updateKeepIds = prepare<[string, string, string | null, string | null, number, number]>(
    'UPDATE users SET profile = ?, custom_attributes = ?, email_subscribe = ?, push_subscribe = ?, updated_at = ? WHERE pk = ?')
  const touch = prepare<[number, number]>('UPDATE users SET updated_at = ? WHERE pk = ?')

  const state = (r: RawUser | undefined): ProfileState | undefined => r === undefined ? undefined : toUserRow(r)

  return {
    findByExternalId: (workspacePk: number, externalId: string) => state(byExternalId.get(workspacePk, externalId) ?? byDeprecatedExternalId.get(workspacePk, externalId)),
    findByBrazeId: (workspacePk: number, brazeId: string) => state(byBrazeId.get(workspacePk, brazeId)),
    findByAlias: (workspacePk: number, alias: AliasKey) => state(byAlias.get(workspacePk, alias.alias_label, alias.alias_name)),
    findByEmail: (workspacePk: number, email: string) => state(byEmail.get(workspacePk, email)),
    findByPhone: (workspacePk: number, phone: string) => state(byPhone.get(workspacePk, phone)),

    create (row: NewProfile, alias?: AliasKey): ProfileState {
      const { pk } = insert.get(row.workspacePk, row.brazeId, row.externalId, row.email, row.phone, row.randomBucket, row.now, row.now)!
      if (alias !== undefined) insertAlias.run(row.workspacePk, alias.alias_label, alias.alias_name, pk)
      return {
        pk, externalId: row.externalId, email: row.email, phone: row.phone, profile: {}, customAttributes: {}, emailSubscribe: null, pushSubscribe: null
      }
    },

    /** Writes `next`; `before` is the state it was computed from. */
    save (before: ProfileState, next: ProfileState, now: number): void {
      const profile = JSON.stringify(next.profile)
      const custom = JSON.stringify(next.customAttributes)
      if (before.email === next.email && before.phone === next.phone) {
        updateKeepIds.run(profile, custom, next.emailSubscribe, next.pushSubscribe, now, next.pk)
      } else {
        update.run(next.email, next.phone, profile, custom, next.emailSubscribe, next.pushSubscribe, now, next.pk)
      }
    },

    /** Marks a user updated without changing its fields (an event or purchase was recorded). */
    touch (pk: number, now: number): void {
      touch.run(now, pk)
    }
  }
}
