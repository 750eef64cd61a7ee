import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openDatabase } from '../../src/db/client.js'
import { runMigrations } from '../../src/db/migrate.js'
import { createUserExportService } from '../../src/domain/users/export/user-export-service.js'
import { createVisibilityService } from '../../src/domain/toolkit/visibility-service.js'
import { createUserService } from '../../src/domain/users/user-service.js'
import { createWorkspaceService } from '../../src/domain/workspaces/workspace-service.js'
import { createTransactionRunner } from '../../src/repositories/shared/transaction.js'
import { createUserExportRepository } from '../../src/repositories/users/user-export-repository.js'
import { createUserIdentityRepository } from '../../src/repositories/users/user-identity-repository.js'
import { createUserRepository } from '../../src/repositories/users/user-repository.js'
import { createWorkspaceRepository } from '../../src/repositories/workspaces/workspace-repository.js'

test('checklist 58: with a visibility delay, a new user is absent from the export until the delay has passed (default 0 = at once)', (t) => {
  const handle = openDatabase(':memory:')
  t.after(() => handle.close())
  runMigrations(handle.db)
  let now = Date.parse('2026-11-28T12:00:00Z')
  const clock = { now: () => now }
  const transaction = createTransactionRunner(handle)
  const users = createUserRepository(handle)
  const workspaceRepo = createWorkspaceRepository(handle)
  const workspaces = createWorkspaceService({ workspaces: workspaceRepo, stores: [users, workspaceRepo], transaction, clock, defaultCluster: 'iad-01' })
  const ws = workspaces.create({ id: 'w1' }, 'http://127.0.0.1:4000')
  createUserService({ users, identities: createUserIdentityRepository(handle), workspaces: workspaceRepo, transaction, clock }).seed(ws.id, [{ external_id: 'fresh' }])
  const wsPk = workspaceRepo.findById(ws.id)!.pk
  const reads = createUserExportRepository(handle)
  const delayed = createUserExportService({ users, reads, transaction, clock, visibility: createVisibilityService({ clock, delayMs: 5000 }) })
  const immediate = createUserExportService({ users, reads, transaction, clock })
  const query = { external_ids: ['fresh'], fields_to_export: ['external_id'] }

  assert.deepEqual(immediate.exportIds(wsPk, query), { users: [{ external_id: 'fresh' }] })
  assert.deepEqual(delayed.exportIds(wsPk, query), { users: [], invalid_user_ids: ['fresh'] })
  now += 4999
  assert.deepEqual(delayed.exportIds(wsPk, query), { users: [], invalid_user_ids: ['fresh'] })
  now += 1
  assert.deepEqual(delayed.exportIds(wsPk, query), { users: [{ external_id: 'fresh' }] })
})
