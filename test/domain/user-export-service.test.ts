import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createUserExportService } from '../../src/domain/users/export/user-export-service.js'
import { createVisibilityService } from '../../src/domain/toolkit/visibility-service.js'
import { createUserService } from '../../src/domain/users/user-service.js'
import { createUserExportRepository } from '../../src/repositories/users/user-export-repository.js'
import { createUserIdentityRepository } from '../../src/repositories/users/user-identity-repository.js'
import { domainWorkspace } from './domain-workspace.js'

test('checklist 58: with a visibility delay, a new user is absent from the export until the delay has passed (default 0 = at once)', (t) => {
  const { handle, clock, transaction, users, workspaceRepo, ws, tick } = domainWorkspace(t)
  createUserService({ users, identities: createUserIdentityRepository(handle), workspaces: workspaceRepo, transaction, clock }).seed(ws.id, [{ external_id: 'fresh' }])
  const wsPk = workspaceRepo.findById(ws.id)!.pk
  const reads = createUserExportRepository(handle)
  const delayed = createUserExportService({ users, reads, transaction, clock, visibility: createVisibilityService({ clock, delayMs: 5000 }) })
  const immediate = createUserExportService({ users, reads, transaction, clock })
  const query = { external_ids: ['fresh'], fields_to_export: ['external_id'] }

  assert.deepEqual(immediate.exportIds(wsPk, query), { users: [{ external_id: 'fresh' }] })
  assert.deepEqual(delayed.exportIds(wsPk, query), { users: [], invalid_user_ids: ['fresh'] })
  tick(4999)
  assert.deepEqual(delayed.exportIds(wsPk, query), { users: [], invalid_user_ids: ['fresh'] })
  tick(1)
  assert.deepEqual(delayed.exportIds(wsPk, query), { users: [{ external_id: 'fresh' }] })
})
