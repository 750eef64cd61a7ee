import type { DatabaseHandle } from '../db/client.js'
import type { AliasKey } from './user-repository.js'

export type UserProfileRepository = ReturnType<typeof createUserProfileRepository>

/** The writable part of a user row as /users/track changes it; JSON columns already parsed. */
export interface ProfileState {
  pk: number
  externalId: string | null
  email: string | null
  phone: string | null
  profile: Record<string, unknown>
  customAttributes: Record<string, unknown>
  emailSubscribe: string | null
  pushSubscribe: string | null
}

export interface NewProfile {
  workspacePk: number
  brazeId: string
  externalId: string | null
  email: string | null
  phone: string | null
  randomBucket: number
  now: number
}

interface RawRow {
  pk: number, external_id: string | null, email: string | null, phone: string | null, profile: string,
  custom_attributes: string, email_subscribe: string | null, push_subscribe: string | null
}

const COLUMNS = 'u.pk, u.external_id, u.email, u.phone, u.profile, u.custom_attributes, u.email_subscribe, u.push_subscribe'

/**
 * /users/track's reads and writes of user rows, as prepared statements: the endpoint touches up
 * to 225 users per request, so each lookup and write is one indexed statement.
 */
export function createUserProfileRepository ({ sqlite }: DatabaseHandle) {
  const byExternalId = sqlite.prepare<[number, string], RawRow>(`SELECT ${COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.external_id = ?`)
  const byBrazeId = sqlite.prepare<[number, string], RawRow>(`SELECT ${COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.braze_id = ?`)
  const byAlias = sqlite.prepare<[number, string, string], RawRow>(
    `SELECT ${COLUMNS} FROM user_aliases a JOIN users u ON u.pk = a.user_pk WHERE a.workspace_pk = ? AND a.alias_label = ? AND a.alias_name = ?`)
  // Several profiles may share an email or phone: Braze picks the most recently updated one,
  // preferring profiles with an external_id (post_user_track.md).
  const byEmail = sqlite.prepare<[number, string], RawRow>(
    `SELECT ${COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.email = ?
     ORDER BY (u.external_id IS NOT NULL) DESC, u.updated_at DESC, u.pk DESC LIMIT 1`)
  const byPhone = sqlite.prepare<[number, string], RawRow>(
    `SELECT ${COLUMNS} FROM users u WHERE u.workspace_pk = ? AND u.phone = ?
     ORDER BY (u.external_id IS NOT NULL) DESC, u.updated_at DESC, u.pk DESC LIMIT 1`)
  const insert = sqlite.prepare<[number, string, string | null, string | null, string | null, number, number, number], { pk: number }>(
    `INSERT INTO users (workspace_pk, braze_id, external_id, email, phone, profile, custom_attributes, random_bucket, total_revenue, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, '{}', '{}', ?, 0, ?, ?) RETURNING pk`)
  const insertAlias = sqlite.prepare<[number, string, string, number]>(
    'INSERT INTO user_aliases (workspace_pk, alias_label, alias_name, user_pk) VALUES (?, ?, ?, ?)')
  const update = sqlite.prepare<[string | null, string | null, string, string, string | null, string | null, number, number]>(
    `UPDATE users SET email = ?, phone = ?, profile = ?, custom_attributes = ?, email_subscribe = ?, push_subscribe = ?, updated_at = ?
     WHERE pk = ?`)
  // Without email/phone in the SET list SQLite leaves their indexes alone: most updates keep them.
  const updateKeepIds = sqlite.prepare<[string, string, string | null, string | null, number, number]>(
    'UPDATE users SET profile = ?, custom_attributes = ?, email_subscribe = ?, push_subscribe = ?, updated_at = ? WHERE pk = ?')
  const touch = sqlite.prepare<[number, number]>('UPDATE users SET updated_at = ? WHERE pk = ?')

  const state = (r: RawRow | undefined): ProfileState | undefined => r === undefined
    ? undefined
    : {
        pk: r.pk,
        externalId: r.external_id,
        email: r.email,
        phone: r.phone,
        profile: JSON.parse(r.profile) as Record<string, unknown>,
        customAttributes: JSON.parse(r.custom_attributes) as Record<string, unknown>,
        emailSubscribe: r.email_subscribe,
        pushSubscribe: r.push_subscribe
      }

  return {
    findByExternalId: (workspacePk: number, externalId: string) => state(byExternalId.get(workspacePk, externalId)),
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
